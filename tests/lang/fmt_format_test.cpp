// Go's fmt over workload values (core/lang/fmt_format.h), against real Go.
//
// Every expected string comes from running a Go program:
//   tests/lang/fmt/values.go -> tests/lang/fmt/expected.inc  (the "oracle" cases below, by id)
//   tests/lang/fmt/ftoa.go   -> tests/lang/fmt/ftoa.golden   (strconv.FormatFloat)
// both regenerated with `python3 tests/lang/fmt/make_expected.py`, which runs
// them under go1.26 (the modern toolchain) and go1.19 and records where the
// two differ: only fmt.Errorf with %w does (Go 1.20 allowed several %w, and
// %#w/%+w set the %#v/%+v modes); FormatFloat is identical.
//
// The C++ side builds each Go value in a simulated memory laid out as Go
// lays it out (types from the checker), with the same ids as values.go.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/lang/fmt_format.h"
#include "core/lang/front.h"

using namespace bucketlab;
using namespace bucketlab::lang;
namespace gofmt = bucketlab::lang::fmt;

namespace {

struct Expected {
  const char* id;
  const char* modern;  // go1.26
  const char* go119;   // nullptr: same as modern
};

const Expected kExpected[] = {
#include "lang/fmt/expected.inc"
};

const Expected* find_expected(const std::string& id) {
  for (const auto& e : kExpected)
    if (id == e.id) return &e;
  return nullptr;
}

// The types of values.go, checked by the front end (method bodies do not
// matter: the test memory plays the methods, as the interpreter would).
const char* kTypes = R"go(package main

import (
	"fmt"
	"time"
)

type Point struct{ X, Y int }

type User struct {
	Name string
	Age  int
	tags []string
}

type Mixed struct {
	A int8
	B int64
	C bool
	D float32
	E string
	F uint16
}

type Inner struct {
	D time.Duration
	d time.Duration
	E error
	e error
}

type Outer struct {
	In Point
	P  *Point
	M  map[string]int
	S  []int
}

type Name string
type Bytes []byte
type Celsius float64

type Color int

func (c Color) String() string { return "" }

type Box struct{ N int }

func (b *Box) String() string { return "" }

type Bad int

func (b Bad) String() string { return "" }

type MyErr struct{ Code int }

func (e MyErr) Error() string  { return "" }
func (e MyErr) String() string { return "" }

type Gs int

func (g Gs) GoString() string { return "" }

type ColorHolder struct {
	C Color
	c Color
}

type Tagged struct {
	A int `json:"a"`
	b string
}

func main() { fmt.Println(time.Second) }
)go";

std::uint64_t load64(const std::uint8_t* b) {
  std::uint64_t v;
  std::memcpy(&v, b, 8);
  return v;
}

// A simulated memory: blocks at addresses, map contents, error messages,
// and the String/Error methods of values.go.
struct TestMemory : gofmt::ValueMemory {
  std::map<Addr, std::vector<std::uint8_t>> blocks;
  std::map<Addr, std::vector<std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>>>> maps;
  std::map<Addr, std::string> errors;  // data word -> message
  Addr next = 0xc000100000;
  mutable std::vector<std::string> calls;  // methods called, "Color.String" ...
  bool methods = true;

  Addr alloc(std::vector<std::uint8_t> bytes, Addr at = 0) {
    if (!at) {
      at = next;
      next += (bytes.size() + 15) / 16 * 16 + 16;
    }
    blocks[at] = std::move(bytes);
    return at;
  }
  void read(Addr a, void* out, std::uint64_t n) const override {
    auto it = blocks.upper_bound(a);
    REQUIRE(it != blocks.begin());
    --it;
    REQUIRE(a >= it->first);
    REQUIRE(a - it->first + n <= it->second.size());
    std::memcpy(out, it->second.data() + (a - it->first), n);
  }
  void map_entries(const Type*, Addr m,
                   std::vector<std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>>>& out) const override {
    out = maps.at(m);
  }
  std::optional<std::string> error_text(const std::uint8_t* iface) const override {
    if (load64(iface) == 0) return std::nullopt;
    return errors.at(load64(iface + 8));
  }
  std::optional<std::string> time_string(const std::uint8_t* t) const override {
    if (load64(t) == 0 && load64(t + 8) == 63393490800 && load64(t + 16) == 0) return "2009-11-10 23:00:00 +0000 UTC";
    return "?";
  }
  std::optional<gofmt::MethodResult> call_string_method(const FuncObj* m, const Type* recv_type,
                                                        const std::uint8_t* recv) const override {
    if (!methods) return std::nullopt;
    const std::string type = m->recv_base->name;
    calls.push_back(type + "." + m->name);
    std::vector<std::uint8_t> value(8);
    if (recv_type->kind == TypeKind::Pointer) {
      Addr p = load64(recv);
      if (p == 0) return gofmt::MethodResult{"runtime error: invalid memory address or nil pointer dereference", true};
      read(p, value.data(), 8);
    } else {
      std::memcpy(value.data(), recv, 8);
    }
    std::int64_t v = static_cast<std::int64_t>(load64(value.data()));
    if (type == "Color") return gofmt::MethodResult{std::vector<std::string>{"red", "green", "blue"}.at(v), false};
    if (type == "Box") return gofmt::MethodResult{"box(" + std::to_string(v) + ")", false};
    if (type == "Gs") return gofmt::MethodResult{"Gs!", false};
    if (type == "Bad") return gofmt::MethodResult{"oops", true};
    if (type == "MyErr" && m->name == "Error") return gofmt::MethodResult{"code " + std::to_string(v), false};
    return gofmt::MethodResult{"not me", false};
  }
};

// A value: its type and bytes in Go's layout.
struct V {
  const Type* t = nullptr;
  std::vector<std::uint8_t> b;
};

struct Fixture {
  FrontResult front;
  TypeStore* ts = nullptr;
  TestMemory mem;
  const Type *t_int, *t_int8, *t_int16, *t_int32, *t_int64, *t_uint, *t_uint8, *t_uint16, *t_uint32, *t_uint64,
      *t_uintptr, *t_f32, *t_f64, *t_bool, *t_string, *t_byte, *t_rune, *t_error, *t_dur;

  Fixture() : front(compile_front(kTypes, runtime::GoVersion{26})) {
    REQUIRE(front.ok());
    ts = front.program->types.get();
    t_int = ts->basic(BasicKind::Int);
    t_int8 = ts->basic(BasicKind::Int8);
    t_int16 = ts->basic(BasicKind::Int16);
    t_int32 = ts->basic(BasicKind::Int32);
    t_int64 = ts->basic(BasicKind::Int64);
    t_uint = ts->basic(BasicKind::Uint);
    t_uint8 = ts->basic(BasicKind::Uint8);
    t_uint16 = ts->basic(BasicKind::Uint16);
    t_uint32 = ts->basic(BasicKind::Uint32);
    t_uint64 = ts->basic(BasicKind::Uint64);
    t_uintptr = ts->basic(BasicKind::Uintptr);
    t_f32 = ts->basic(BasicKind::Float32);
    t_f64 = ts->basic(BasicKind::Float64);
    t_bool = ts->basic(BasicKind::Bool);
    t_string = ts->basic(BasicKind::String);
    t_byte = ts->byte_type();
    t_rune = ts->rune_type();
    t_error = ts->error_type();
    t_dur = front.program->stdlib.duration;
  }

  const Type* named(const std::string& name) const {
    for (std::size_t i = 0; i < ts->type_count(); ++i) {
      const Type* t = ts->type_at(i);
      if (t->kind == TypeKind::Named && t->name == name && t->pkg.empty()) return t;
    }
    FAIL("no type " << name);
    return nullptr;
  }
  std::uint64_t size_of(const Type* t) { return ts->rt(t)->size; }
  const Type* slice_t(const Type* e) { return ts->slice_of(e); }
  const Type* ptr_t(const Type* e) { return ts->pointer_to(e); }
  const Type* map_t(const Type* k, const Type* e) { return ts->map_of(k, e); }
  const Type* arr_t(const Type* e, std::int64_t n) { return ts->array_of(e, n); }
  const Type* anon(std::vector<std::pair<std::string, const Type*>> fields) {
    Type* st = ts->make(TypeKind::Struct);
    for (auto& f : fields) st->fields.push_back(StructField{f.first, f.second, false, "", Pos{}});
    return st;
  }

  static std::vector<std::uint8_t> word(std::uint64_t v, int n = 8) {
    std::vector<std::uint8_t> b(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
    return b;
  }
  V num(const Type* t, std::uint64_t v) { return V{t, word(v, static_cast<int>(size_of(t)))}; }
  V I(std::int64_t v) { return num(t_int, static_cast<std::uint64_t>(v)); }
  V F(double v) {
    std::uint64_t u;
    std::memcpy(&u, &v, 8);
    return num(t_f64, u);
  }
  V F32(float v) {
    std::uint32_t u;
    std::memcpy(&u, &v, 4);
    return num(t_f32, u);
  }
  V Bo(bool v) { return num(t_bool, v ? 1 : 0); }
  V S(const std::string& s) {
    Addr a = s.empty() ? 0 : mem.alloc(std::vector<std::uint8_t>(s.begin(), s.end()));
    V v{t_string, word(a)};
    auto l = word(s.size());
    v.b.insert(v.b.end(), l.begin(), l.end());
    return v;
  }
  V D(std::int64_t d) { return num(t_dur, static_cast<std::uint64_t>(d)); }
  V Nil() { return V{}; }
  V as(const Type* t, V v) {
    v.t = t;
    return v;
  }
  V zero(const Type* t) { return V{t, std::vector<std::uint8_t>(size_of(t))}; }
  std::vector<std::uint8_t> concat(const Type* elem, const std::vector<V>& elems) {
    std::vector<std::uint8_t> data;
    for (const V& e : elems) {
      REQUIRE(e.b.size() == size_of(elem));
      data.insert(data.end(), e.b.begin(), e.b.end());
    }
    return data;
  }
  V sl(const Type* elem, const std::vector<V>& elems, const Type* st = nullptr) {
    std::vector<std::uint8_t> data = concat(elem, elems);
    Addr a = mem.alloc(data);  // a non-nil slice, even when empty
    V v{st ? st : slice_t(elem), word(a)};
    for (int k = 0; k < 2; ++k) {
      auto l = word(elems.size());
      v.b.insert(v.b.end(), l.begin(), l.end());
    }
    return v;
  }
  V nilsl(const Type* elem) { return zero(slice_t(elem)); }
  V ar(const Type* elem, const std::vector<V>& elems) {
    return V{arr_t(elem, static_cast<std::int64_t>(elems.size())), concat(elem, elems)};
  }
  V st(const Type* t, const std::vector<V>& fields) {
    const runtime::Type* rt = ts->rt(t);
    REQUIRE(rt);
    REQUIRE(rt->fields.size() == fields.size());
    V v{t, std::vector<std::uint8_t>(rt->size)};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      REQUIRE(fields[i].b.size() == rt->fields[i].type->size);
      std::memcpy(v.b.data() + rt->fields[i].offset, fields[i].b.data(), fields[i].b.size());
    }
    return v;
  }
  V pt(const V& pointee, Addr at = 0) { return V{ptr_t(pointee.t), word(mem.alloc(pointee.b, at))}; }
  V rawp(const Type* pointer_type, Addr a) { return V{pointer_type, word(a)}; }
  V mp(const Type* k, const Type* e, const std::vector<std::pair<V, V>>& entries) {
    Addr h = mem.alloc(std::vector<std::uint8_t>(48));
    auto& m = mem.maps[h];
    for (const auto& kv : entries) m.emplace_back(kv.first.b, kv.second.b);
    return V{map_t(k, e), word(h)};
  }
  V nilmap(const Type* k, const Type* e) { return zero(map_t(k, e)); }
  V E(const std::string& text) {
    Addr data = mem.alloc(std::vector<std::uint8_t>(16));
    mem.errors[data] = text;
    V v{t_error, word(0x5000)};  // a non-nil itab word
    auto d = word(data);
    v.b.insert(v.b.end(), d.begin(), d.end());
    return v;
  }
  V nilE() { return zero(t_error); }

  static std::vector<gofmt::Arg> args(const std::vector<V>& vs) {
    std::vector<gofmt::Arg> a;
    for (const V& v : vs) a.push_back(gofmt::Arg{v.t, v.t ? v.b.data() : nullptr});
    return a;
  }
};

// Runs the oracle cases: Sprintf/Sprint/Sprintln results by id.
struct Oracle {
  Fixture& f;
  std::set<std::string> used;
  int checks = 0;

  void check(const std::string& id, const std::string& got) {
    INFO("case " << id);
    const Expected* e = find_expected(id);
    REQUIRE(e != nullptr);
    CHECK(used.insert(id).second);
    CHECK(e->go119 == nullptr);  // the formatter has no version: both Go releases must agree
    CHECK(got == e->modern);
    ++checks;
  }
  void pf(const std::string& id, const std::string& format, const std::vector<V>& vs) {
    check(id, gofmt::sprintf(format, Fixture::args(vs), f.mem));
  }
  void ps(const std::string& id, const std::vector<V>& vs) { check(id, gofmt::sprint(Fixture::args(vs), f.mem)); }
  void pl(const std::string& id, const std::vector<V>& vs) { check(id, gofmt::sprintln(Fixture::args(vs), f.mem)); }
  // fmt.Errorf: text and %T of the result, per Go version.
  void pe(const std::string& id, const std::string& format, const std::vector<V>& vs) {
    for (const char* part : {".text", ".type"}) {
      const Expected* e = find_expected(id + part);
      INFO("case " << id << part);
      REQUIRE(e != nullptr);
      CHECK(used.insert(id + part).second);
      for (int minor : {26, 19}) {
        INFO("go1." << minor);
        gofmt::ErrorfResult r = gofmt::errorf(format, Fixture::args(vs), f.mem, runtime::GoVersion{minor});
        const char* want = minor == 19 && e->go119 ? e->go119 : e->modern;
        CHECK((std::string(part) == ".text" ? r.text : r.type_name) == want);
      }
      ++checks;
    }
  }
};

}  // namespace

TEST_CASE("fmt formats values exactly as Go's fmt (oracle: tests/lang/fmt/values.go)", "[fmt]") {
  Fixture f;
  Oracle o{f, {}, 0};
  const double negZero = -0.0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  auto I = [&](std::int64_t v) { return f.I(v); };
  auto S = [&](const std::string& s) { return f.S(s); };
  auto F = [&](double v) { return f.F(v); };
  auto N = [&](const Type* t, std::uint64_t v) { return f.num(t, v); };

  const Type* Point = f.named("Point");
  const Type* User = f.named("User");
  const Type* Mixed = f.named("Mixed");
  const Type* Inner = f.named("Inner");
  const Type* Outer = f.named("Outer");
  const Type* Name = f.named("Name");
  const Type* Bytes = f.named("Bytes");
  const Type* Celsius = f.named("Celsius");
  const Type* Color = f.named("Color");
  const Type* Box = f.named("Box");
  const Type* Bad = f.named("Bad");
  const Type* MyErr = f.named("MyErr");
  const Type* ColorHolder = f.named("ColorHolder");
  const Type* Tagged = f.named("Tagged");
  auto P = [&](std::int64_t x, std::int64_t y) { return f.st(Point, {I(x), I(y)}); };
  auto U8 = [&](std::uint64_t v) { return N(f.t_uint8, v); };
  auto byteslice = [&](const std::string& s) {
    std::vector<V> e;
    for (char c : s) e.push_back(N(f.t_byte, static_cast<unsigned char>(c)));
    return f.sl(f.t_byte, e);
  };
  auto strs = [&](std::vector<std::string> ss) {
    std::vector<V> e;
    for (auto& s : ss) e.push_back(S(s));
    return f.sl(f.t_string, e);
  };
  auto ints = [&](std::vector<std::int64_t> xs) {
    std::vector<V> e;
    for (auto x : xs) e.push_back(I(x));
    return f.sl(f.t_int, e);
  };
  const Type* pint = f.ptr_t(f.t_int);
  V p1 = f.rawp(pint, 0xc000012340);
  V nilp = f.rawp(pint, 0);

  // integers
  o.pf("int_v", "%v", {I(42)});
  o.pf("int_d", "%d", {I(-42)});
  o.pf("int_width", "%5d|%-5d|%05d", {I(42), I(42), I(-42)});
  o.pf("int_sign", "%+d|% d|%+d|% d", {I(5), I(5), I(-5), I(-5)});
  o.pf("int_prec", "%.3d|%8.3d|%.0d|%5.0d|%08.3d|", {I(7), I(-7), I(0), I(0), I(5)});
  o.pf("int_minus_zero", "%-08d|%0-8d|", {I(5), I(5)});
  o.pf("int_bases", "%b|%o|%O|%x|%X|%#x|%#X|%#o|%#b", {I(10), I(10), I(10), I(255), I(255), I(255), I(255), I(8), I(5)});
  o.pf("int_neg_hex", "%x|%X|%#x|%b|%o", {I(-255), I(-255), I(-255), I(-5), I(-8)});
  o.pf("int_space_hex", "% x|%+x|%#08x|%-#8x|", {I(255), I(255), I(255), I(255)});
  o.ps("int_extremes", {N(f.t_int8, static_cast<std::uint64_t>(-128)), N(f.t_int16, static_cast<std::uint64_t>(-32768)),
                        N(f.t_int32, static_cast<std::uint64_t>(std::int64_t{INT32_MIN})),
                        N(f.t_int64, std::uint64_t{1} << 63), N(f.t_uint64, ~std::uint64_t{0})});
  o.pf("uint_sizes", "%d %x %X %d", {U8(255), N(f.t_uint16, 65535), N(f.t_uint32, 4294967295u), N(f.t_uint, ~std::uint64_t{0})});
  o.pf("uintptr", "%v %x %d", {N(f.t_uintptr, 0xdeadbeef), N(f.t_uintptr, 48879), N(f.t_uintptr, 7)});
  // untyped rune constants passed to ...any are int32 (rune)
  auto R = [&](std::int64_t r) { return N(f.t_rune, static_cast<std::uint64_t>(r)); };
  o.pf("int_char", "%c|%c|%q|%q|%q|%U|%#U|%#U|%#U",
       {R('A'), I(0x4E16), R('x'), R('\n'), R('\''), I(0x1F600), R('x'), I(7), I(0x4E16)});
  o.pf("int_char_bad", "%c|%q|%U|%c|%+q", {I(-1), I(0x110000), I(-1), I(0xD800), I(0x4E16)});
  o.pf("int_unicode_prec", "%.6U|%#.2U|%8U|%-8U|", {I(0x41), I(0x41), I(0x41), I(0x41)});
  o.pf("int_bad_verb", "%s|%t|%f|%5t|", {I(1), I(2), I(3), I(4)});
  o.pf("int8_sizes", "%d %d %x %v", {N(f.t_int8, 0xff), N(f.t_int16, 0xffff), U8(200), N(f.t_int32, static_cast<std::uint64_t>(-7))});
  o.pf("int_star", "%*d|%-*d|%*d|%.*d|", {I(5), I(42), I(5), I(42), I(-5), I(42), I(3), I(7)});
  o.pf("int_star_uint", "%*d|", {U8(4), I(1)});
  o.pf("int_big_width", "%020d|%+020d|", {I(123456789), I(-123456789)});

  // bools
  o.pf("bool", "%v %t %5t|%-6t|", {f.Bo(true), f.Bo(false), f.Bo(true), f.Bo(false)});
  o.pf("bool_bad", "%d|%s", {f.Bo(true), f.Bo(false)});
  o.ps("bool_sprint", {f.Bo(true), f.Bo(false)});

  // floats
  o.ps("float_sprint", {F(1.0), F(0.1), F(1e6), F(1e21), F(123456789.0), F(1e-5), F(0.000123), F(100000.0), F(1e20)});
  o.ps("float_special", {F(negZero), F(nan), F(inf), F(-inf), F(0.0)});
  o.ps("float32_sprint", {f.F32(0.1f), f.F32(16777216.0f), f.F32(3.4028235e38f), f.F32(1e-45f), f.F32(1.0f / 3)});
  o.ps("float_extremes", {F(5e-324), F(1.7976931348623157e308), F(2.2250738585072014e-308)});
  o.pf("float_verbs", "%f|%.2f|%e|%E|%g|%G|%.3g|%F",
       {F(3.14159), F(3.14159), F(314.159), F(314.159), F(314.159), F(1e-7), F(3.14159), F(2.5)});
  o.pf("float_width", "%8.3f|%-8.2f|%+.1f|% .1f|%08.3f|%+08.3f|%-08.3f|",
       {F(3.14159), F(3.14159), F(3.14159), F(3.14159), F(-3.14159), F(3.14159), F(3.14159)});
  o.pf("float_sharp", "%#g|%#.3g|%#.0f|%#.0e|%#g|%#v|%#.4g",
       {F(1.0), F(1.0), F(3.0), F(3.0), F(123456789.0), F(2.0), F(0.0001)});
  o.pf("float_hex_bin", "%x|%X|%.3x|%b|%#x", {F(1.0), F(-2.5), F(3.14159), F(1.0), F(1.0)});
  o.pf("float_nan_inf", "%5.2f|%+f|% f|%05f|%-6f|%06v|% 06v|", {F(nan), F(nan), F(inf), F(-inf), F(inf), F(inf), F(nan)});
  o.pf("float_v_width", "%8v|%-8v|%08v|%+v|", {F(3.5), F(3.5), F(-3.5), F(3.5)});
  o.pf("float_round", "%.0f %.0f %.0f %.1f %.2f %.0f", {F(0.5), F(1.5), F(2.5), F(0.05), F(2.675), F(-0.5)});
  o.pf("float_long", "%.20f|%.30e|%.25g", {F(0.1), F(1.0 / 3), F(2.0 / 3)});
  o.pf("float_zero", "%e|%g|%v|%f|%.3e|%#g|%x", {F(0.0), F(0.0), F(negZero), F(negZero), F(0.0), F(0.0), F(0.0)});
  o.pf("float_g_prec", "%.17g|%.1g|%.0g|%.5g|%g|%g", {F(0.1), F(123.0), F(123.0), F(1e5), F(1e-4), F(1e-5)});
  o.pf("float32_verbs", "%v|%g|%.10f|%e", {f.F32(1.0f / 3), f.F32(2.5f), f.F32(0.1f), f.F32(1e10f)});
  o.pf("float_bad", "%d|%s|%q|%t", {F(1.5), F(1.5), F(1.5), F(1.5)});
  o.pf("float_big_f", "%f|%.1f|%v", {F(1e22), F(1.7976931348623157e308), F(1e100)});
  o.pf("float_tiny", "%.3f|%.10f|%e", {F(0.0006), F(0.00000000005), F(5e-324)});
  o.ps("celsius", {f.as(Celsius, F(36.6)), f.as(Celsius, F(-40))});

  // strings
  o.pf("str_verbs", "%s|%v|%q|%x|%X|% x|%#x|% #x|% #X", {S("hi"), S("hi"), S("hi"), S("hi"), S("hi"), S("hi"), S("hi"), S("hi"), S("hi")});
  o.pf("str_width", "%10s|%-10s|%.2s|%5.1s|%05s|%-05s|%6s|", {S("abc"), S("abc"), S("abc"), S("abc"), S("abc"), S("abc"), S("h\xc3\xa9llo")});
  o.pf("str_quote", "%q|%+q|%#q|%#q|%#+q|%q",
       {S(std::string("h\xc3\xa9llo\n\t\"\0\xff\xe4\xb8\x96", 14)), S("h\xc3\xa9llo\xe4\xb8\x96"), S("abc"), S("a`b"),
        S("\xc3\xbc"), S("\xe2\x80\xa8\xf0\x9f\x98\x80\x7f")});
  o.pf("str_quote_bom", "%#q|%q", {S("\xef\xbb\xbfx"), S("\a\b\f\r\v\\")});
  o.pf("str_trunc", "%.3q|%.2x|%.1X|%.0s|", {S("h\xc3\xa9llo"), S("hello"), S("hello"), S("x")});
  o.pf("str_empty", "%5x|%x|%q|%s|%5q|", {S(""), S(""), S(""), S(""), S("")});
  o.pf("str_bad", "%d|%c|%t|%e", {S("hi"), S("hi"), S("hi"), S("hi")});
  o.pf("str_hex_width", "%8x|%-8x|%#10x|% 12x|", {S("ab"), S("ab"), S("ab"), S("ab")});
  o.pf("str_invalid_utf8", "%s|%q|%x|%5s|", {S("a\xff" "b"), S("a\xff" "b"), S("a\xff" "b"), S("\xff")});
  o.ps("str_sprint", {S("a"), I(1), I(2), S("b"), S("c"), F(3.0), f.Bo(true), S("d")});
  o.ps("str_sprint2", {I(1), I(2), S("x"), f.as(Name, S("n")), I(3)});
  o.ps("str_named_first", {f.as(Name, S("a")), f.as(Name, S("b")), I(1)});
  o.pl("str_sprintln", {S("a"), I(1), f.Bo(true), f.Nil(), F(2.5), S("b")});
  o.ps("nil_sprint", {f.Nil(), f.Nil(), I(1)});
  o.pl("empty_sprintln", {});
  o.ps("empty_sprint", {});

  // printf errors
  o.pf("err_missing", "%d %d", {I(1)});
  o.pf("err_extra", "%d", {I(1), S("a")});
  o.pf("err_extra2", "%d", {I(1), I(2), S("x"), f.Nil()});
  o.pf("err_extra_noverb", "hello", {F(3.5), ints({1})});
  o.pf("err_noverb", "%", {});
  o.pf("err_noverb2", "abc%-", {});
  o.pf("err_bang", "%!", {});
  o.pf("err_badwidth", "%*d", {S("x"), I(5)});
  o.pf("err_badprec", "%.*d", {S("x"), I(5)});
  o.pf("err_badwidth_big", "%*d|%.*d", {I(10000000), I(1), I(-1), I(2)});
  o.pf("err_index", "%[2]d %[1]d|%[3]d|%[1]d %d|%[0]d", {I(1), I(2)});
  o.pf("err_index_star", "%[2]*[1]d|%-[2]*[1]d|%[1]*d", {I(12), I(5), I(3)});
  o.pf("err_index_bad", "%[x]d|%[2d|%[1]5d", {I(1), I(2)});
  o.pf("err_unknown", "%z|%\xc3\xa4|%!", {I(1), I(2), I(3)});
  o.pf("err_nil_verbs", "%d|%v|%T|%s|%5v|%p", {f.Nil(), f.Nil(), f.Nil(), f.Nil(), f.Nil(), f.Nil()});
  o.pf("err_percent", "%v %%|%5%|%-5%|%.3%", {I(1)});
  o.pf("err_w_sprintf", "%w", {f.E("boom")});
  o.pf("err_width_only", "%5", {I(1)});
  o.pf("err_prec_dot", "%.d|%.s|%5.d|", {I(0), S("abc"), I(0)});

  // pointers (fake addresses are never dereferenced)
  o.pf("ptr_p", "%p|%v|%#p|%x|%X|%d|%#x|%20p|%-20v|", {p1, p1, p1, p1, p1, p1, p1, p1, p1});
  o.pf("ptr_bad", "%s|%q|%t|%c", {p1, p1, p1, p1});
  o.pf("ptr_nil", "%v|%p|%d|%x|%10v|%-7v|%s|%#v", {nilp, nilp, nilp, nilp, nilp, nilp, nilp, nilp});
  o.pf("ptr_sharpv", "%#v|%#v", {p1, f.rawp(f.ptr_t(Point), 0)});
  o.pf("ptr_struct", "%v|%+v|%#v|%d|%s", {f.pt(P(1, 2)), f.pt(P(1, 2)), f.pt(P(1, 2)), f.pt(P(1, 2)), f.pt(P(1, 2))});
  o.pf("ptr_composites", "%v|%v|%v|%#v",
       {f.pt(ints({1, 2})), f.pt(f.ar(f.t_int, {I(3), I(4)})), f.pt(f.mp(f.t_string, f.t_int, {{S("a"), I(1)}})),
        f.pt(strs({"x"}))});
  {
    const Type* sp = f.anon({{"P", pint}});
    o.pf("ptr_nested", "%v|%+v|%v", {f.st(sp, {p1}), f.sl(pint, {p1, nilp}), f.ar(pint, {p1})});
  }
  o.pf("ptr_ptr", "%v|%p", {f.rawp(f.ptr_t(pint), 0xc000012360), p1});
  o.pf("ptr_p_slice", "%p|%p|%p", {V{f.slice_t(f.t_int), [] {
                                      auto b = Fixture::word(0xc000014000);
                                      auto l = Fixture::word(1);
                                      b.insert(b.end(), l.begin(), l.end());
                                      b.insert(b.end(), l.begin(), l.end());
                                      return b;
                                    }()},
                                    f.nilsl(f.t_int), I(5)});
  o.pf("ptr_nested_struct", "%v|%+v",
       {f.st(Outer, {P(1, 2), f.rawp(f.ptr_t(Point), 0xc000016000), f.nilmap(f.t_string, f.t_int), f.nilsl(f.t_int)}),
        f.sl(f.ptr_t(Point), {f.rawp(f.ptr_t(Point), 0)})});

  // slices and arrays
  o.pf("slice_int", "%v|%d|%x|%5d|%+v|%-3d|", {ints({1, 2, 3}), ints({1, 2, 3}), ints({10, 255}), ints({1, 2}), ints({-1}), ints({1, 2})});
  o.pf("slice_nil", "%v|%#v|%#v|%d|%s|%x|", {f.nilsl(f.t_int), f.nilsl(f.t_int), ints({}), f.nilsl(f.t_int), f.nilsl(f.t_int), f.nilsl(f.t_int)});
  o.pf("slice_str", "%v|%q|%s|%x|%#v|%5s|", {strs({"a", "b c"}), strs({"a", "b c"}), strs({"a", "b c"}), strs({"hi", "yo"}), strs({"a"}), strs({"a"})});
  o.pf("bytes", "%v|%s|%q|%x|%X|% x|%d|%c|%#v|%5s|%.1s|%T",
       {byteslice("hi"), byteslice("hi"), byteslice("hi"), byteslice("hi"), byteslice("hi"), byteslice("hi"),
        byteslice("hi"), byteslice("hi"), byteslice("hi"), byteslice("hi"), byteslice("hi"), byteslice("hi")});
  {
    V nb = f.nilsl(f.t_byte);
    o.pf("bytes_nil", "%v|%s|%x|%#v|%q|%5x|", {nb, nb, nb, nb, nb, nb});
  }
  o.pf("bytes_bad", "%t|%f|%08b", {byteslice("ab"), byteslice("a"), byteslice("\x05")});
  o.pf("byte_array", "%s|%x|%v|%q|%#v|%T",
       {f.ar(f.t_byte, {U8('a'), U8('b'), U8('c')}), f.ar(f.t_byte, {U8(1), U8(2), U8(3)}), f.ar(f.t_byte, {U8(1), U8(2), U8(3)}),
        f.ar(f.t_byte, {U8('x'), U8('y')}), f.ar(f.t_byte, {U8(1), U8(2)}), f.ar(f.t_byte, {U8(0), U8(0)})});
  o.pf("named_bytes", "%v|%s|%x|%#v|%T|%q",
       {f.as(Bytes, byteslice("hi")), f.as(Bytes, byteslice("hi")), f.as(Bytes, byteslice("hi")), f.as(Bytes, byteslice("hi")),
        f.as(Bytes, f.nilsl(f.t_byte)), f.as(Bytes, f.nilsl(f.t_byte))});
  o.pf("arrays", "%v|%v|%v|%#v|%T|%T",
       {f.ar(f.t_bool, {f.Bo(true), f.Bo(false)}), V{f.arr_t(f.t_int, 0), {}},
        f.ar(f.arr_t(f.t_int, 2), {f.ar(f.t_int, {I(1), I(2)}), f.ar(f.t_int, {I(3), I(4)})}), f.ar(f.t_int, {I(1), I(2)}),
        f.zero(f.arr_t(f.t_int, 3)), f.zero(f.arr_t(f.slice_t(f.t_string), 2))});
  o.pf("slice_nested", "%v|%#v|%v",
       {f.sl(f.slice_t(f.t_int), {ints({1}), ints({2, 3}), f.nilsl(f.t_int)}), f.sl(f.slice_t(f.t_int), {ints({1}), f.nilsl(f.t_int)}),
        f.sl(f.slice_t(f.t_string), {strs({"a"}), strs({})})});
  o.pf("slice_float", "%.1f|%v|%5.2f|%e",
       {f.sl(f.t_f64, {F(1.5), F(nan)}), f.sl(f.t_f64, {F(0.1), F(1e21), F(negZero)}), f.sl(f.t_f64, {F(1)}), f.sl(f.t_f32, {f.F32(0.5f)})});
  o.pf("slice_error", "%v|%d|%+v|%s",
       {f.sl(f.t_error, {f.nilE(), f.E("x")}), f.sl(f.t_error, {f.nilE()}), f.sl(f.t_error, {f.E("y")}), f.sl(f.t_error, {f.nilE()})});
  o.pf("slice_bool", "%v|%t|%d", {f.sl(f.t_bool, {f.Bo(true), f.Bo(false)}), f.sl(f.t_bool, {f.Bo(true)}), f.sl(f.t_bool, {f.Bo(false)})});
  o.pf("slice_width", "%6v|%-4d|%06d|%x", {ints({1, 2}), ints({3}), ints({-4}), f.sl(f.t_uint16, {})});

  // structs
  o.pf("struct_point", "%v|%+v|%#v|%d|%x|%T|%5v|%-4d|", {P(1, 2), P(1, 2), P(1, 2), P(1, 2), P(10, 11), P(0, 0), P(1, 2), P(1, 2)});
  o.pf("struct_user", "%v|%+v|%#v|%s|%q",
       {f.st(User, {S("bob"), I(3), strs({"x"})}), f.st(User, {S("bob"), I(3), f.nilsl(f.t_string)}),
        f.st(User, {S("al"), I(1), strs({"y"})}), f.st(User, {S("bob"), I(3), f.nilsl(f.t_string)}),
        f.st(User, {S("b"), I(1), strs({"t"})})});
  {
    const Type* empty = f.anon({});
    o.pf("struct_empty", "%v|%+v|%#v|%T|%T", {f.st(empty, {}), f.st(empty, {}), f.st(empty, {}), f.st(empty, {}), f.zero(f.arr_t(empty, 2))});
    const Type* ab = f.anon({{"A", f.t_int}, {"b", f.t_string}});
    o.pf("struct_anon", "%v|%+v|%#v|%T", {f.st(ab, {I(1), S("x")}), f.st(ab, {I(1), S("x")}), f.st(ab, {I(1), S("x")}), f.zero(ab)});
  }
  o.pf("struct_tagged", "%T|%+v|%#v", {f.zero(Tagged), f.st(Tagged, {I(1), S("x")}), f.st(Tagged, {I(2), S("y")})});
  auto mixed = [&](std::int64_t a, std::int64_t b, bool c, float d, const std::string& e, std::uint64_t fl) {
    return f.st(Mixed, {N(f.t_int8, static_cast<std::uint64_t>(a)), N(f.t_int64, static_cast<std::uint64_t>(b)), f.Bo(c), f.F32(d), S(e), N(f.t_uint16, fl)});
  };
  o.pf("struct_mixed", "%v|%+v|%#v", {mixed(-1, std::int64_t{1} << 40, true, 1.5f, "s", 65535), mixed(2, 0, false, 0, "", 0), mixed(3, 0, false, 0.25f, "", 9)});
  o.pf("struct_outer", "%v|%+v|%#v",
       {f.st(Outer, {P(1, 2), f.rawp(f.ptr_t(Point), 0), f.mp(f.t_string, f.t_int, {{S("b"), I(2)}, {S("a"), I(1)}}), ints({5})}),
        f.st(Outer, {P(0, 0), f.rawp(f.ptr_t(Point), 0), f.mp(f.t_string, f.t_int, {}), f.nilsl(f.t_int)}),
        f.st(Outer, {P(0, 0), f.rawp(f.ptr_t(Point), 0), f.nilmap(f.t_string, f.t_int), ints({1})})});
  o.pf("struct_inner", "%v|%+v|%d|%s|%#v",
       {f.st(Inner, {f.D(1500000000), f.D(2000000000), f.E("bad"), f.nilE()}), f.st(Inner, {f.D(60000000000), f.D(0), f.nilE(), f.nilE()}),
        f.st(Inner, {f.D(5), f.D(6), f.nilE(), f.nilE()}), f.st(Inner, {f.D(0), f.D(0), f.E("e"), f.nilE()}),
        f.st(Inner, {f.D(7), f.D(0), f.nilE(), f.nilE()})});
  auto C = [&](std::int64_t c) { return f.as(Color, I(c)); };
  o.pf("struct_colors", "%v|%+v|%d|%s|%#v",
       {f.st(ColorHolder, {C(1), C(1)}), f.st(ColorHolder, {C(2), C(0)}), f.st(ColorHolder, {C(1), C(2)}),
        f.st(ColorHolder, {C(0), C(2)}), f.st(ColorHolder, {C(1), C(2)})});
  o.pf("struct_bad_verb", "%t|%c|%q", {P(1, 2), P(65, 66), f.st(User, {S("a"), I(66), strs({"b"})})});

  // maps (entries given in a scrambled order: fmt sorts them)
  auto msi = [&](std::vector<std::pair<std::string, std::int64_t>> kv) {
    std::vector<std::pair<V, V>> e;
    for (auto& p : kv) e.push_back({S(p.first), I(p.second)});
    return f.mp(f.t_string, f.t_int, e);
  };
  o.pf("map_str_int", "%v|%+v|%#v|%d|%x",
       {msi({{"b", 2}, {"a", 1}, {"c", 3}}), msi({{"z", 26}, {"y", 25}}), msi({{"b", 2}, {"a", 1}}), msi({{"b", 2}, {"a", 1}}), msi({{"k", 255}})});
  o.pf("map_int_str", "%v|%q",
       {f.mp(f.t_int, f.t_string, {{I(3), S("c")}, {I(-1), S("x")}, {I(10), S("y")}, {I(0), S("z")}}),
        f.mp(f.t_int, f.t_string, {{I(2), S("b")}, {I(1), S("a")}})});
  o.pf("map_float", "%v|%.1f",
       {f.mp(f.t_f64, f.t_int, {{F(0.5), I(4)}, {F(inf), I(2)}, {F(nan), I(1)}, {F(-2), I(5)}, {F(-inf), I(3)}}),
        f.mp(f.t_f64, f.t_string, {{F(2.25), S("a")}, {F(1.75), S("b")}})});
  o.pf("map_bool", "%v|%t",
       {f.mp(f.t_bool, f.t_int, {{f.Bo(true), I(1)}, {f.Bo(false), I(0)}}),
        f.mp(f.t_bool, f.t_bool, {{f.Bo(true), f.Bo(false)}, {f.Bo(false), f.Bo(true)}})});
  o.pf("map_struct_key", "%v|%+v",
       {f.mp(Point, f.t_string, {{P(2, 1), S("c")}, {P(1, 2), S("b")}, {P(1, 1), S("a")}}), f.mp(Point, f.t_int, {{P(0, 0), I(1)}})});
  {
    const Type* a2 = f.arr_t(f.t_int, 2);
    auto A = [&](std::int64_t x, std::int64_t y) { return f.ar(f.t_int, {I(x), I(y)}); };
    o.pf("map_array_key", "%v", {f.mp(a2, f.t_bool, {{A(2, 0), f.Bo(true)}, {A(1, 5), f.Bo(false)}, {A(1, 3), f.Bo(true)}})});
  }
  o.pf("map_nil", "%v|%#v|%d|%+v|%T",
       {f.nilmap(f.t_string, f.t_int), f.nilmap(f.t_string, f.t_int), f.nilmap(f.t_int, f.t_int), f.mp(f.t_string, f.t_bool, {}),
        f.mp(f.t_string, f.ptr_t(User), {})});
  o.pf("map_nested", "%v|%v|%#v",
       {f.mp(f.t_string, f.slice_t(f.t_int), {{S("b"), ints({1})}, {S("a"), f.nilsl(f.t_int)}}),
        f.mp(f.t_string, f.map_t(f.t_string, f.t_int), {{S("x"), msi({{"q", 1}, {"p", 2}})}, {S("w"), f.nilmap(f.t_string, f.t_int)}}),
        f.mp(f.t_string, f.slice_t(f.t_int), {{S("a"), ints({1})}})});
  o.pf("map_ptr_values", "%v|%v",
       {f.mp(f.t_string, pint, {{S("b"), nilp}, {S("a"), p1}}), f.mp(f.t_string, f.ptr_t(Point), {{S("k"), f.rawp(f.ptr_t(Point), 0xc000016000)}})});
  o.pf("map_ptr_keys", "%v", {f.mp(pint, f.t_string, {{f.rawp(pint, 0xc000012350), S("second")}, {f.rawp(pint, 0xc000012340), S("first")}})});
  o.pf("map_ints_signed", "%v|%v|%v",
       {f.mp(f.t_int8, f.t_int, {{N(f.t_int8, 0x80), I(1)}, {N(f.t_int8, 127), I(2)}, {N(f.t_int8, 0), I(3)}, {N(f.t_int8, 0xff), I(4)}}),
        f.mp(f.t_uint8, f.t_int, {{U8(255), I(1)}, {U8(0), I(2)}, {U8(128), I(3)}}),
        f.mp(f.t_uint64, f.t_bool, {{N(f.t_uint64, ~std::uint64_t{0}), f.Bo(true)}, {N(f.t_uint64, 1), f.Bo(false)}})});
  o.pf("map_strings_order", "%v", {msi({{"\xc3\xa9", 1}, {"z", 2}, {"Z", 3}, {"", 4}, {"aa", 5}, {"a", 6}})});
  o.pf("map_duration", "%v|%d",
       {f.mp(f.t_string, f.t_dur, {{S("b"), f.D(1500)}, {S("a"), f.D(1000000000)}}),
        f.mp(f.t_dur, f.t_string, {{f.D(3600000000000), S("h")}, {f.D(1000000000), S("s")}})});
  o.pf("map_color", "%v|%d", {f.mp(Color, f.t_int, {{C(2), I(1)}, {C(0), I(2)}, {C(1), I(3)}}), f.mp(Color, f.t_int, {{C(2), I(1)}, {C(0), I(2)}})});
  o.pf("map_error_values", "%v|%d",
       {f.mp(f.t_string, f.t_error, {{S("b"), f.E("bee")}, {S("a"), f.nilE()}}), f.mp(f.t_string, f.t_error, {{S("a"), f.nilE()}})});
  o.pf("map_width", "%4v|%-3d|", {msi({{"a", 1}}), f.mp(f.t_int, f.t_int, {{I(1), I(2)}})});
  o.pf("map_float32_key", "%v", {f.mp(f.t_f32, f.t_string, {{f.F32(0.1f), S("a")}, {f.F32(-1), S("b")}})});

  // time.Duration (its String method)
  const std::int64_t s = 1000000000;
  o.ps("dur_sprint", {f.D(0), f.D(1), f.D(1500), f.D(1500000), f.D(1500 * 1000000), f.D(90 * 60 * s), f.D(-s),
                      f.D(std::numeric_limits<std::int64_t>::min()), f.D(100 * 3600 * s + 1), f.D(std::numeric_limits<std::int64_t>::max())});
  o.ps("dur_units", {f.D(999), f.D(1000), f.D(1001000), f.D(59 * s + 999000000), f.D(3600 * s + s), f.D(-1500000)});
  o.pf("dur_verbs", "%d|%v|%s|%q|%x|%X|%5v|%-6s|%T|%.1s|%08v|",
       {f.D(s), f.D(s), f.D(120 * s), f.D(1000000), f.D(s), f.D(s), f.D(s), f.D(s), f.D(s), f.D(60 * s), f.D(s)});
  o.pf("dur_bad", "%t|%#v|%f|%e|%+v|%c", {f.D(5), f.D(s), f.D(s), f.D(1), f.D(s), f.D(65)});
  {
    V dur = f.pt(f.D(3 * s));
    V nil_dur = f.rawp(f.ptr_t(f.t_dur), 0);
    o.pf("dur_ptr", "%v|%v|%s|%d|%T", {dur, nil_dur, nil_dur, nil_dur, nil_dur});
  }
  {
    // time.Time{wall, ext, loc} of time.Date(2009, 11, 10, 23, 0, 0, 0, time.UTC); TestMemory plays Time.String
    const Type* tt = f.front.program->stdlib.time;
    V tm = f.st(tt, {f.num(f.t_uint64, 0), f.num(f.t_int64, 63393490800), f.rawp(tt->underlying()->fields[2].type, 0)});
    o.pf("time_value", "%v|%s|%q|%d|%v|%T", {tm, tm, tm, tm, f.pt(tm), tm});
  }
  o.pf("dur_slice", "%v|%d|%s", {f.sl(f.t_dur, {f.D(s), f.D(2500000)}), f.sl(f.t_dur, {f.D(1)}), f.ar(f.t_dur, {f.D(3600 * s)})});

  // errors
  V e = f.E("boom");
  V nilErr = f.nilE();
  o.pf("error_verbs", "%v|%s|%q|%x|%X|%T|%10v|%-6s|", {e, e, e, e, e, e, e, e});
  o.pf("error_nonstring_verbs", "%d|%t|%+v|%#v", {e, e, e, e});
  o.pf("error_nil", "%v|%d|%T|%s|%+v|%#v", {nilErr, nilErr, nilErr, nilErr, nilErr, nilErr});
  o.ps("error_sprint", {e, e, S("x"), nilErr});
  o.pl("error_sprintln", {e, nilErr});
  {
    const Type* se = f.anon({{"Err", f.t_error}});
    o.pf("error_struct", "%v|%+v|%#v", {f.st(se, {nilErr}), f.st(se, {e}), f.st(se, {nilErr})});
  }
  auto ME = [&](std::int64_t c) { return f.st(MyErr, {I(c)}); };
  o.pf("error_user", "%v|%s|%d|%+v|%T", {ME(7), ME(8), ME(9), ME(1), ME(0)});
  o.pe("errorf_plain", "plain %d", {I(5)});
  o.pe("errorf_w", "wrap: %w", {e});
  o.pe("errorf_two_w", "%w and %w", {e, f.E("b")});
  o.pe("errorf_w_nonerror", "x %w", {I(5)});
  o.pe("errorf_w_nil", "x %w", {nilErr});
  o.pe("errorf_v_only", "%v", {e});
  o.pe("errorf_w_nested", "%w|%w", {f.sl(f.t_error, {nilErr}), f.st(f.anon({{"E", f.t_error}}), {nilErr})});
  o.pe("errorf_w_sharp", "%#w|%+w|%5w", {e, e, e});

  // methods of program types (played by TestMemory)
  o.pf("stringer", "%v|%s|%d|%q|%x|%5v|%-6s|%T|%#v", {C(1), C(2), C(1), C(0), C(1), C(0), C(2), C(1), C(1)});
  o.pf("stringer_nested", "%v|%v|%v", {f.sl(Color, {C(0), C(2)}), f.ar(Color, {C(1), C(1)}), f.mp(f.t_string, Color, {{S("a"), C(2)}})});
  {
    auto B = [&](std::int64_t n) { return f.st(Box, {I(n)}); };
    V nilbox = f.rawp(f.ptr_t(Box), 0);
    o.pf("stringer_ptr", "%v|%v|%+v|%v|%v|%s|%d",
         {f.pt(B(3)), B(3), B(4), f.sl(f.ptr_t(Box), {f.pt(B(4)), nilbox}), nilbox, f.pt(B(5)), f.pt(B(6))});
  }
  auto BA = [&](std::int64_t b) { return f.as(Bad, I(b)); };
  o.pf("stringer_panic", "%v|%d|%s|%x|%5v|", {BA(1), BA(1), f.sl(Bad, {BA(2)}), BA(3), BA(4)});
  {
    const Type* Gs = f.named("Gs");
    auto G = [&](std::int64_t g) { return f.as(Gs, I(g)); };
    o.pf("gostringer", "%#v|%v|%#v|%#10v|%+v", {G(1), G(2), f.sl(Gs, {G(3)}), G(4), G(5)});
  }
  o.ps("stringer_sprint", {C(0), C(1), S("x"), C(2)});

  // %T
  o.pf("type_strings", "%T|%T|%T|%T|%T|%T|%T|%T|%T",
       {I(1), N(f.t_byte, 1), R('a'), f.sl(f.t_byte, {}), f.mp(f.t_string, f.ptr_t(User), {}), f.zero(User), f.pt(f.zero(User)),
        f.D(s), N(f.t_uintptr, 1)});
  o.pf("type_strings2", "%T|%T|%T|%T|%T|%T|%T|%T",
       {f.zero(f.arr_t(f.t_int, 3)), f.sl(f.slice_t(f.t_string), {}), f.mp(Point, f.slice_t(f.t_string), {}), f.pt(f.D(0)),
        f.F32(1), N(f.t_int8, 1), f.as(Name, S("")), f.sl(Color, {})});
  o.pf("type_width", "%10T|%-10T|%.3T|", {I(1), S("s"), F(1.5)});

  // every oracle case was exercised
  CHECK(o.used.size() == sizeof kExpected / sizeof kExpected[0]);
  for (const auto& x : kExpected) {
    INFO("oracle case not exercised: " << x.id);
    CHECK(o.used.count(x.id) == 1);
  }
  // MyErr has both Error and String: fmt calls Error only
  for (const auto& c : f.mem.calls) CHECK(c != "MyErr.String");
}

TEST_CASE("fmt: FormatFloat is exactly strconv.FormatFloat (oracle: tests/lang/fmt/ftoa.go)", "[fmt]") {
  std::ifstream in(std::filesystem::path(BUCKETLAB_SOURCE_DIR) / "tests/lang/fmt/ftoa.golden");
  REQUIRE(in.good());
  std::string line;
  int n = 0, bad = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string bits_hex, fmt_s, want;
    int prec = 0, bits = 0;
    ls >> bits_hex >> fmt_s >> prec >> bits >> want;
    std::uint64_t u = std::stoull(bits_hex, nullptr, 16);
    double v;
    std::memcpy(&v, &u, 8);
    std::string got = gofmt::format_float(v, fmt_s[0], prec, bits);
    if (got != want) {
      ++bad;
      if (bad <= 20) {
        INFO(line);
        CHECK(got == want);
      }
    }
    ++n;
  }
  CHECK(bad == 0);
  CHECK(n > 3000);
}

TEST_CASE("fmt: a struct type the checker has not laid out uses Go's layout", "[fmt]") {
  // The same values as oracle case struct_mixed ("%v"), printed through a
  // fresh struct type without a runtime descriptor: field offsets come from
  // the formatter's own size.go rules, not from TypeStore::rt.
  Fixture f;
  const Type* Mixed = f.named("Mixed");
  V v = f.st(Mixed, {f.num(f.t_int8, 0xff), f.num(f.t_int64, std::uint64_t{1} << 40), f.Bo(true), f.F32(1.5f), f.S("s"),
                     f.num(f.t_uint16, 65535)});
  Type* fresh = f.ts->make(TypeKind::Struct);
  fresh->fields = Mixed->underlying()->fields;
  REQUIRE(fresh->rt == nullptr);
  const Expected* e = find_expected("struct_mixed");
  REQUIRE(e);
  std::string want = e->modern;
  want = want.substr(0, want.find('|'));  // {-1 1099511627776 true 1.5 s 65535}
  CHECK(gofmt::sprintf("%v", {gofmt::Arg{fresh, v.b.data()}}, f.mem) == want);
  CHECK(fresh->rt == nullptr);
}

TEST_CASE("fmt: named types print as their underlying value when the interpreter calls no methods", "[fmt]") {
  // values.go case struct_colors prints an unexported Color field (no
  // methods through unexported fields) as "2"; with methods off, an
  // exported one prints the same way.
  Fixture f;
  f.mem.methods = false;
  const Type* Color = f.named("Color");
  V c = f.as(Color, f.I(2));
  const Expected* e = find_expected("struct_colors");
  REQUIRE(e);
  CHECK(std::string(e->modern).find("{red %!s(main.Color=2)}") != std::string::npos);
  CHECK(gofmt::sprint({gofmt::Arg{c.t, c.b.data()}}, f.mem) == "2");
  CHECK(f.mem.calls.empty());
  // time.Duration needs no interpreter: its String is built in
  V d = f.D(1500000000);
  CHECK(gofmt::sprint({gofmt::Arg{d.t, d.b.data()}}, f.mem) == "1.5s");  // values.go dur_sprint
}

TEST_CASE("fmt: Quote and Duration.String helpers", "[fmt]") {
  // strconv.Quote outputs from values.go str_quote (%q is strconv.Quote)
  CHECK(gofmt::quote(std::string("h\xc3\xa9llo\n\t\"\0\xff\xe4\xb8\x96", 14)) == "\"h\xc3\xa9llo\\n\\t\\\"\\x00\\xff\xe4\xb8\x96\"");
  CHECK(gofmt::quote_to_ascii("h\xc3\xa9llo\xe4\xb8\x96") == "\"h\\u00e9llo\\u4e16\"");
  // values.go dur_sprint / dur_units
  CHECK(gofmt::duration_string(std::numeric_limits<std::int64_t>::min()) == "-2562047h47m16.854775808s");
  CHECK(gofmt::duration_string(1001000) == "1.001ms");
  CHECK(gofmt::duration_string(1500) == "1.5\xc2\xb5s");
}
