// The library packages (stdlib.h) as the interpreter runs them, with the
// allocations real Go makes:
//   boxing into `any` (fmt arguments): cmd/compile walk/convert.go dataWord
//     and runtime/iface.go convT16/32/64/Tstring/Tslice/T/Tnoptr — constants,
//     pointer-shaped values, zero-size values, bools and bytes, and values
//     below 256 need no allocation;
//   fmt.Sprint*: the result string (slicebytetostring: none for 0 or 1 bytes);
//     fmt's printer state and buffer come from a sync.Pool and are not
//     modelled (docs/lang.md);
//   strconv.Itoa/FormatInt: none below 100 (small), else the digits string;
//   math/rand: NewSource allocates its rngSource (4872 bytes), New a Rand.
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <optional>

#include "core/lang/checker.h"
#include "core/lang/fmt_format.h"
#include "core/lang/fmt_pool.h"
#include "core/lang/interp.h"
#include "core/runtime/panic.h"
#include "core/runtime/runtime.h"

namespace bucketlab::lang {

using runtime::GoPanic;

namespace {

inline std::uint64_t ld64(const std::uint8_t* p) { std::uint64_t v; std::memcpy(&v, p, 8); return v; }
inline void st64(std::uint8_t* p, std::uint64_t v) { std::memcpy(p, &v, 8); }

constexpr std::int64_t kRngLen = 607, kRngTap = 273, kInt32Max = (1ll << 31) - 1;
const std::int64_t kRngCooked[kRngLen] = {
#include "core/lang/rng_cooked.inc"
};

// math/rand rngSource (rng.go), exactly.
struct RngSource {
  int tap = 0, feed = 0;
  std::int64_t vec[kRngLen] = {};
  static std::int32_t seedrand(std::int32_t x) {
    const std::int32_t A = 48271, Q = 44488, R = 3399;
    const std::int32_t hi = x / Q, lo = x % Q;
    x = A * lo - R * hi;
    if (x < 0) x += static_cast<std::int32_t>(kInt32Max);
    return x;
  }
  void seed(std::int64_t s) {
    tap = 0;
    feed = static_cast<int>(kRngLen - kRngTap);
    s %= kInt32Max;
    if (s < 0) s += kInt32Max;
    if (s == 0) s = 89482311;
    auto x = static_cast<std::int32_t>(s);
    for (int i = -20; i < kRngLen; ++i) {
      x = seedrand(x);
      if (i >= 0) {
        std::int64_t u = static_cast<std::int64_t>(x) << 40;
        x = seedrand(x);
        u ^= static_cast<std::int64_t>(x) << 20;
        x = seedrand(x);
        u ^= x;
        u ^= kRngCooked[i];
        vec[i] = u;
      }
    }
  }
  std::uint64_t uint64() {
    if (--tap < 0) tap += kRngLen;
    if (--feed < 0) feed += kRngLen;
    const std::int64_t x = static_cast<std::int64_t>(static_cast<std::uint64_t>(vec[feed]) + static_cast<std::uint64_t>(vec[tap]));
    vec[feed] = x;
    return static_cast<std::uint64_t>(x);
  }
  std::int64_t int63() { return static_cast<std::int64_t>(uint64() & ((1ull << 63) - 1)); }
};

// (*Rand) methods over a source (rand.go, Go 1.19).
struct RandOps {
  RngSource& s;
  std::int64_t int63() { return s.int63(); }
  std::uint32_t uint32() { return static_cast<std::uint32_t>(int63() >> 31); }
  std::int32_t int31() { return static_cast<std::int32_t>(int63() >> 32); }
  std::int64_t int_() { const auto u = static_cast<std::uint64_t>(int63()); return static_cast<std::int64_t>(u << 1 >> 1); }
  std::int64_t int63n(std::int64_t n) {
    if (n <= 0) throw GoPanic("invalid argument to Int63n");
    if ((n & (n - 1)) == 0) return int63() & (n - 1);
    const auto max = static_cast<std::int64_t>((1ull << 63) - 1 - (1ull << 63) % static_cast<std::uint64_t>(n));
    std::int64_t v = int63();
    while (v > max) v = int63();
    return v % n;
  }
  std::int32_t int31n(std::int32_t n) {
    if (n <= 0) throw GoPanic("invalid argument to Int31n");
    if ((n & (n - 1)) == 0) return int31() & (n - 1);
    const auto max = static_cast<std::int32_t>((1u << 31) - 1 - (1u << 31) % static_cast<std::uint32_t>(n));
    std::int32_t v = int31();
    while (v > max) v = int31();
    return v % n;
  }
  std::int64_t intn(std::int64_t n) {
    if (n <= 0) throw GoPanic("invalid argument to Intn");
    if (n <= kInt32Max) return int31n(static_cast<std::int32_t>(n));
    return int63n(n);
  }
  double float64() {
    for (;;) {
      const double f = static_cast<double>(int63()) / 9223372036854775808.0;
      if (f != 1) return f;
    }
  }
};

}  // namespace

struct Interp::RandState {
  RngSource global;             // math/rand's globalRand source (Go 1.19: seeded with 1)
  std::map<Addr, RngSource> sources;  // NewSource results, by their heap address
};

Interp::Interp(const Program& prog, runtime::Runtime& rt, maps::Maps& maps, std::uint64_t seed)
    : P(prog), rt_(rt), maps_(maps), seed_(seed) {
  // Names must not start with "map " (runtime.cpp counts those as written).
  roles_.object = rt_.register_alloc_role("user object (newobject)");
  roles_.slice = rt_.register_alloc_role("slice backing array");
  roles_.string = rt_.register_alloc_role("string bytes (rawstring)");
  roles_.boxed = rt_.register_alloc_role("interface boxed value (convT)");
  roles_.library = rt_.register_alloc_role("library object");
  globals_.assign(std::max<std::uint32_t>(P.global_bytes, 8), 0);
  stack_.assign(64 * 1024, 0);
  rt_.add_root_source(this);
  // Instructions and statements cost simulated time (cost_model.h): the
  // clock folds these counters in whenever it is read.
  rt_.clock().attach_counters(&ops_, &stmts_);
  events_seen_ = rt_.events().total();
  Frame f{&P.funcs[0], 0, 0, kNone, 0};
  frames_.push_back(f);
  iters_.resize(P.funcs[0].niters);
}


Interp::~Interp() {
  rt_.clock().detach_counters();
  rt_.remove_root_source(this);
}

// Error values: {tag, data}. tag 1: *errors.errorString / fmt.Errorf (data → {s string});
// tag 2: *strconv.NumError (data → {Func, Num string; Err error}); tag 3: strconv.ErrSyntax /
// ErrRange (package-level, data 1 or 2).
namespace {
struct Mem : fmt::ValueMemory {
  Interp& in;
  explicit Mem(Interp& i) : in(i) {}
  void read(Addr a, void* out, std::uint64_t n) const override { in.read(a, out, n); }
  void map_entries(const Type* map_type, Addr m,
                   std::vector<std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>>>& out) const override;
  std::optional<std::string> error_text(const std::uint8_t* iface) const override;
  maps::Maps* maps = nullptr;
  const runtime::TypeTable* types = nullptr;
  std::function<const runtime::Type*(const Type*)> rt;
};
}  // namespace

namespace {

std::optional<std::string> Mem::error_text(const std::uint8_t* iface) const {
  const std::uint64_t tag = ld64(iface), data = ld64(iface + 8);
  if (tag == 0) return std::nullopt;
  if (tag == 1) {
    std::uint8_t h[16];
    in.read(data, h, 16);
    return in.read_string(h);
  }
  if (tag == 3) return std::string(data == 1 ? "invalid syntax" : "value out of range");
  std::uint8_t b[48];
  in.read(data, b, 48);
  const std::string fn = in.read_string(b), num = in.read_string(b + 16);
  auto err = error_text(b + 32);
  return "strconv." + fn + ": parsing " + fmt::quote(num) + ": " + err.value_or("<nil>");
}

void Mem::map_entries(const Type* map_type, Addr m,
                      std::vector<std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>>>& out) const {
  const runtime::Type* mt = rt(map_type);
  auto it = maps->iterate(mt, m);
  while (it && it->key() != kNil) {
    std::vector<std::uint8_t> k(mt->key->size), v(mt->elem->size);
    in.read(it->key(), k.data(), k.size());
    in.read(it->elem(), v.data(), v.size());
    out.emplace_back(std::move(k), std::move(v));
    it->next();
  }
}

const Type* U(const Type* t) { return t ? t->underlying() : t; }
bool scalar(const Type* t) {
  t = U(t);
  if (t->kind == TypeKind::Pointer || t->kind == TypeKind::Map) return true;
  return t->kind == TypeKind::Basic && t->basic != BasicKind::String;
}

}  // namespace

void Interp::emit_out(std::string& to, const std::string& s) {
  if (out_.size() + err_.size() + s.size() > max_output_)
    throw runtime::GoFatal("output exceeds the budget of " + std::to_string(max_output_) + " bytes (bucketlab limit)");
  to += s;
}

void Interp::print_builtin(std::uint8_t* fp, const Instr& in) {
  rt_.charge(runtime::CostKind::FmtPrint);  // print/println: formatting and write(2)
  const LibSite& site = P.lib_sites[in.d];
  std::string s;
  for (std::size_t i = 0; i < site.types.size(); ++i) {
    if ((in.aux & 1) && i) s += ' ';
    const Type* t = U(site.types[i]);
    const std::uint8_t* v = fp + in.b + site.offs[i];
    if (t->kind == TypeKind::Basic) {
      if (t->basic == BasicKind::String) s += read_string(v);
      else if (t->basic == BasicKind::Bool) s += ld64(v) ? "true" : "false";
      else if (is_float(t)) {
        double d;
        std::memcpy(&d, v, 8);
        // runtime.printfloat: %e with 7 digits, "+1.500000e+000"
        if (d != d) s += "NaN";
        else if (std::isinf(d)) s += d > 0 ? "+Inf" : "-Inf";
        else {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%+.6e", d);
          std::string e(buf);
          const auto p = e.find('e');
          std::string mant = e.substr(0, p), ex = e.substr(p + 1);
          const char sign = ex[0];
          std::string digits = ex.substr(1);
          while (digits.size() < 3) digits = "0" + digits;
          s += mant + "e" + sign + digits;
        }
      } else if (is_unsigned(t)) s += std::to_string(ld64(v));
      else s += std::to_string(static_cast<std::int64_t>(ld64(v)));
    } else if (t->kind == TypeKind::Pointer || t->kind == TypeKind::Map) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(ld64(v)));
      s += buf;
    } else if (t->kind == TypeKind::Slice) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "[%llu/%llu]0x%llx", static_cast<unsigned long long>(ld64(v + 8)),
                    static_cast<unsigned long long>(ld64(v + 16)), static_cast<unsigned long long>(ld64(v)));
      s += buf;
    } else if (t->kind == TypeKind::Interface) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "(0x%llx,0x%llx)", static_cast<unsigned long long>(ld64(v)),
                    static_cast<unsigned long long>(ld64(v + 8)));
      s += buf;
    } else {
      s += "(" + type_string(site.types[i]) + ")";
    }
  }
  if (in.aux & 1) s += '\n';
  emit_out(err_, s);
}

std::string Interp::format_value_for_panic(const Type* t, const std::uint8_t* v) {
  Mem mem(*this);
  mem.maps = &maps_;
  mem.rt = [this](const Type* ty) { return P.checked->types->rt(ty); };
  if (!t) return "nil";
  const Type* u = U(t);
  if (u->kind == TypeKind::Interface) return mem.error_text(v).value_or("nil");
  fmt::Arg a{t, v};
  std::string s = fmt::sprint({a}, mem);
  // runtime.printpanicval: plain for string/error; named non-basic types print as T(v)
  if (t->kind == TypeKind::Named && u->kind == TypeKind::Basic)
    return (t->pkg.empty() ? "main." : t->pkg + ".") + t->name + "(" + (u->basic == BasicKind::String ? fmt::quote(s) : s) + ")";
  if (u->kind == TypeKind::Basic) return s;
  char buf[64];
  std::snprintf(buf, sizeof buf, "(%s) 0x%llx", fmt::reflect_type_string(t).c_str(), 0ull);
  return buf;
}

void Interp::panic_value(std::uint8_t* fp, const Instr& in) {
  const LibSite& site = P.lib_sites[in.b];
  const Type* t = site.types.empty() ? nullptr : site.types[0];
  if (!t) throw GoPanic("panic called with nil argument (use runtime.PanicNilError)");
  throw GoPanic(format_value_for_panic(t, fp + in.a));
}

void Interp::call_lib(LibId id, std::uint8_t* fp, const Instr& in) {
  const LibSite& site = P.lib_sites[in.c];
  std::uint8_t* dst = fp + in.a;
  auto arg = [&](std::size_t i) { return fp + in.b + site.offs.at(i); };
  auto i64 = [&](std::size_t i) { return static_cast<std::int64_t>(ld64(arg(i))); };
  auto set_string = [&](std::uint8_t* d, const std::string& s, bool alloc = true) {
    // the allocation may move the stack: re-derive d from its offset
    const std::ptrdiff_t off = d - fp;
    Addr a = 0;
    if (!s.empty()) a = (s.size() == 1 || !alloc) ? rt_.intern_literal(s) : alloc_string(s);
    std::uint8_t* base = &stack_[frames_.back().base];
    st64(base + off, a);
    st64(base + off + 8, s.size());
  };
  // The call's own work (cost_model.h); allocations are charged by malloc.
  switch (id) {
    case LibId::FmtPrint: case LibId::FmtPrintf: case LibId::FmtPrintln: rt_.charge(runtime::CostKind::FmtPrint); break;
    case LibId::FmtSprint: case LibId::FmtSprintf: case LibId::FmtSprintln: case LibId::FmtErrorf:
      rt_.charge(runtime::CostKind::FmtSprint);
      break;
    case LibId::RuntimeGC: case LibId::RuntimeReadMemStats: case LibId::DebugFreeOSMemory: case LibId::TimeSleep:
      break;  // priced by the runtime (GC, STW, idle time)
    default: rt_.charge(runtime::CostKind::LibCall); break;
  }
  Mem mem(*this);
  mem.maps = &maps_;
  mem.rt = [this](const Type* ty) { return P.checked->types->rt(ty); };
  if (!rand_) {
    rand_ = std::make_unique<RandState>();
    rand_->global.seed(rt_.version().minor <= 19 ? 1 : static_cast<std::int64_t>(seed_));
  }
  // boxing (convT*): the allocations of converting each argument to `any`
  auto box_all = [&](std::vector<std::unique_ptr<runtime::Runtime::LocalRoot>>& roots, std::size_t first) {
    for (std::size_t i = first; i < site.types.size(); ++i) {
      const Type* t = site.types[i];
      if (!t || site.is_const.at(i)) continue;
      const Type* u = U(t);
      if (u->kind == TypeKind::Pointer || u->kind == TypeKind::Map || u->kind == TypeKind::Interface) continue;
      const runtime::Type* r = P.checked->types->rt(t);
      if (r->size == 0) continue;
      const std::uint8_t* v = arg(i);
      if (u->kind == TypeKind::Basic && (u->basic == BasicKind::Bool || r->size == 1)) continue;
      Addr a = 0;
      if ((r->size == 2 && r->align == 2) || (r->size == 4 && r->align == 4 && !r->has_pointers()) ||
          (r->size == 8 && r->align == 8 && !r->has_pointers())) {
        std::uint64_t val = 0;
        if (scalar(t) && is_float(u) && r->size == 4) {
          double d;
          std::memcpy(&d, v, 8);
          float f = static_cast<float>(d);
          std::uint32_t b;
          std::memcpy(&b, &f, 4);
          val = b;
        } else {
          std::memcpy(&val, v, r->size);
        }
        if (val < 256) continue;  // staticuint64s
        a = rt_.mallocgc(r->size, nullptr, false, roles_.boxed);
      } else if (u->kind == TypeKind::Basic && u->basic == BasicKind::String) {
        if (ld64(v + 8) == 0) continue;  // &zeroVal
        a = rt_.mallocgc(16, rt_.types().basic(runtime::Kind::String), true, roles_.boxed);
      } else if (u->kind == TypeKind::Slice) {
        if (ld64(v) == 0) continue;
        a = rt_.mallocgc(24, r, true, roles_.boxed);
      } else {
        a = rt_.mallocgc(r->size, r->has_pointers() ? r : nullptr, r->has_pointers(), roles_.boxed);
      }
      roots.push_back(std::make_unique<runtime::Runtime::LocalRoot>(rt_, a));
      fp = &stack_[frames_.back().base];
      dst = fp + in.a;
    }
  };
  auto fmt_args = [&](std::size_t from) {
    std::vector<fmt::Arg> args;
    for (std::size_t i = from; i < site.types.size(); ++i) args.push_back(fmt::Arg{site.types[i], arg(i)});
    return args;
  };
  // float32 values are doubles in the frame: fmt reads Go's layout
  std::vector<std::vector<std::uint8_t>> f32_bufs;
  auto fix_f32 = [&](std::vector<fmt::Arg>& args) {
    for (auto& a : args) {
      if (a.type && U(a.type)->kind == TypeKind::Basic && U(a.type)->basic == BasicKind::Float32) {
        double d;
        std::memcpy(&d, a.bytes, 8);
        float f = static_cast<float>(d);
        f32_bufs.emplace_back(4);
        std::memcpy(f32_bufs.back().data(), &f, 4);
        a.bytes = f32_bufs.back().data();
      }
    }
  };
  switch (id) {
    case LibId::FmtPrint:
    case LibId::FmtPrintln:
    case LibId::FmtPrintf:
    case LibId::FmtSprint:
    case LibId::FmtSprintln:
    case LibId::FmtSprintf:
    case LibId::FmtErrorf: {
      std::vector<std::unique_ptr<runtime::Runtime::LocalRoot>> roots;
      const bool has_format = id == LibId::FmtPrintf || id == LibId::FmtSprintf || id == LibId::FmtErrorf;
      // the format string is an argument too, but not boxed
      std::string format;
      if (has_format) format = read_string(arg(0));
      box_all(roots, has_format ? 1 : 0);  // the format string is a plain string parameter, not boxed
      auto args = fmt_args(has_format ? 1 : 0);
      fix_f32(args);
      std::string s;
      std::vector<std::uint32_t> appends;
      if (id == LibId::FmtPrint || id == LibId::FmtSprint) s = fmt::sprint(args, mem, &appends);
      else if (id == LibId::FmtPrintln || id == LibId::FmtSprintln) s = fmt::sprintln(args, mem, &appends);
      else if (id == LibId::FmtErrorf) s = fmt::errorf(format, args, mem, rt_.version(), &appends).text;
      else s = fmt::sprintf(format, args, mem, &appends);
      // newPrinter, p.buf's growth, then (after the result string) p.free()
      if (!fmt_pool_) fmt_pool_ = std::make_unique<FmtPool>(rt_);
      fmt_pool_->get();
      fmt_pool_->grow_buffer(appends);
      if (id == LibId::FmtPrint || id == LibId::FmtPrintln || id == LibId::FmtPrintf) {
        emit_out(out_, s);
        st64(dst, s.size());
        std::memset(dst + 8, 0, 16);
      } else if (id == LibId::FmtErrorf) {
        // errors.New(s): the message string, then &errorString{s} (16 bytes, one pointer)
        const std::ptrdiff_t off = dst - fp;
        std::uint8_t hdr[16];
        const Addr sa = s.empty() ? 0 : (s.size() == 1 ? rt_.intern_literal(s) : alloc_string(s));
        runtime::Runtime::LocalRoot keep(rt_, sa);
        st64(hdr, sa);
        st64(hdr + 8, s.size());
        const Addr e = rt_.mallocgc(16, rt_.types().basic(runtime::Kind::String), true, roles_.library);
        rt_.write_bytes(e, hdr, 16);
        std::uint8_t* base = &stack_[frames_.back().base];
        st64(base + off, 1);
        st64(base + off + 8, e);
      } else {
        set_string(dst, s);
      }
      fmt_pool_->put();  // p.free() (not reached when formatting panics, as in Go)
      return;
    }
    case LibId::StrconvItoa:
    case LibId::StrconvFormatInt: {
      const std::int64_t v = i64(0);
      const std::int64_t base = id == LibId::StrconvItoa ? 10 : i64(1);
      if (base < 2 || base > 36) throw GoPanic("strconv: illegal AppendInt/FormatInt base");
      if (v >= 0 && v < 100 && base == 10) {  // strconv small(): substrings of a constant
        set_string(dst, std::to_string(v), false);
        return;
      }
      // digits written backwards into a buffer (64 binary digits and a sign at most)
      char buf[72];
      char* const end = buf + sizeof buf;
      char* p = end;
      std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
      const auto ubase = static_cast<std::uint64_t>(base);
      do { *--p = "0123456789abcdefghijklmnopqrstuvwxyz"[u % ubase]; u /= ubase; } while (u);
      if (v < 0) *--p = '-';
      set_string(dst, std::string(p, end));
      return;
    }
    case LibId::StrconvAtoi:
    case LibId::StrconvParseInt: {
      const std::string s = read_string(arg(0));
      const std::int64_t base0 = id == LibId::StrconvAtoi ? 10 : i64(1);
      std::int64_t bits = id == LibId::StrconvAtoi ? 64 : i64(2);
      if (bits == 0) bits = 64;
      std::size_t i = 0;
      bool neg = false, ok = !s.empty(), range = false;
      if (ok && (s[0] == '+' || s[0] == '-')) { neg = s[0] == '-'; i = 1; }
      std::int64_t base = base0;
      if (base == 0) {
        base = 10;
        if (i + 1 < s.size() && s[i] == '0') {
          const char c = static_cast<char>(s[i + 1] | 0x20);
          if (c == 'x') { base = 16; i += 2; } else if (c == 'b') { base = 2; i += 2; } else if (c == 'o') { base = 8; i += 2; } else { base = 8; i += 1; }
        }
      }
      if (i >= s.size()) ok = false;
      unsigned __int128 acc = 0;
      for (; ok && i < s.size(); ++i) {
        char c = s[i];
        if (c == '_' && base0 == 0) continue;
        int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10 : 99;
        if (d >= base) { ok = false; break; }
        acc = acc * base + d;
        if (acc > (static_cast<unsigned __int128>(1) << 64)) acc = static_cast<unsigned __int128>(1) << 64;
      }
      std::int64_t val = 0;
      const unsigned __int128 lim = static_cast<unsigned __int128>(1) << (bits - 1);
      if (ok) {
        if (!neg && acc >= lim) { range = true; val = static_cast<std::int64_t>(lim - 1); }
        else if (neg && acc > lim) { range = true; val = -static_cast<std::int64_t>(lim - 1) - 1; }
        else val = neg ? static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(acc)) : static_cast<std::int64_t>(acc);
      }
      const std::ptrdiff_t off = dst - fp;
      std::uint64_t etag = 0, edata = 0;
      if (!ok || range) {
        // &NumError{Func, Num, Err}: 48 bytes with pointers
        const std::string fn = id == LibId::StrconvAtoi ? "Atoi" : "ParseInt";
        const Addr e = rt_.mallocgc(48, nullptr, true, roles_.library);
        std::uint8_t b[48] = {0};
        st64(b, rt_.intern_literal(fn));
        st64(b + 8, fn.size());
        st64(b + 16, ld64(arg(0)));
        st64(b + 24, s.size());
        st64(b + 32, 3);
        st64(b + 40, ok ? 2 : 1);
        rt_.write_bytes(e, b, 48);
        etag = 2;
        edata = e;
      }
      std::uint8_t* base2 = &stack_[frames_.back().base];
      st64(base2 + off, static_cast<std::uint64_t>(ok ? val : 0));
      st64(base2 + off + 8, etag);
      st64(base2 + off + 16, edata);
      return;
    }
    case LibId::StrconvQuote: set_string(dst, fmt::quote(read_string(arg(0)))); return;
    case LibId::RuntimeGC: rt_.gc(); return;
    case LibId::RuntimeReadMemStats: {
      const runtime::MemStats m = rt_.read_mem_stats();
      const Type* mst = P.checked->stdlib.memstats;
      const runtime::Type* r = P.checked->types->rt(mst);
      std::vector<std::uint8_t> buf(r->size, 0);
      auto put = [&](const char* name, std::uint64_t v, unsigned width) {
        for (const auto& f : r->fields)
          if (f.name == name) { std::memcpy(&buf[f.offset], &v, width); return; }
      };
      put("Alloc", m.Alloc, 8); put("TotalAlloc", m.TotalAlloc, 8); put("Sys", m.Sys, 8);
      put("Mallocs", m.Mallocs, 8); put("Frees", m.Frees, 8); put("HeapAlloc", m.HeapAlloc, 8);
      put("HeapSys", m.HeapSys, 8); put("HeapIdle", m.HeapIdle, 8); put("HeapInuse", m.HeapInuse, 8);
      put("HeapReleased", m.HeapReleased, 8); put("HeapObjects", m.HeapObjects, 8); put("NextGC", m.NextGC, 8);
      put("NumGC", m.NumGC, 4); put("NumForcedGC", m.NumForcedGC, 4); put("EnableGC", m.EnableGC ? 1 : 0, 1);
      // modelled on the simulated clock (core/runtime/cost_model.h)
      put("LastGC", m.LastGC, 8); put("PauseTotalNs", m.PauseTotalNs, 8);
      std::uint64_t frac_bits;
      std::memcpy(&frac_bits, &m.GCCPUFraction, 8);
      put("GCCPUFraction", frac_bits, 8);
      for (const auto& f : r->fields) {
        if (f.name == "PauseNs") std::memcpy(&buf[f.offset], m.PauseNs.data(), 8 * m.PauseNs.size());
        if (f.name == "PauseEnd") std::memcpy(&buf[f.offset], m.PauseEnd.data(), 8 * m.PauseEnd.size());
      }
      for (const auto& f : r->fields) {
        if (f.name != "BySize") continue;
        const std::uint64_t esz = f.type->elem->size;
        for (std::size_t c = 0; c < m.BySize.size() && c < f.type->len; ++c) {
          std::memcpy(&buf[f.offset + c * esz], &m.BySize[c].Size, 4);
          std::memcpy(&buf[f.offset + c * esz + 8], &m.BySize[c].Mallocs, 8);
          std::memcpy(&buf[f.offset + c * esz + 16], &m.BySize[c].Frees, 8);
        }
      }
      if (site.frame_arg) {
        std::memcpy(&stack_[frames_.back().base + ld64(arg(0))], buf.data(), buf.size());
      } else {
        const Addr p = ld64(arg(0));
        if (p == 0) throw GoPanic("runtime error: invalid memory address or nil pointer dereference");
        write(p, buf.data(), buf.size());
      }
      return;
    }
    case LibId::RuntimeKeepAlive: return;  // its argument does not escape: no boxing allocation
    case LibId::RuntimeNumGoroutine: st64(dst, 1); return;
    case LibId::DebugFreeOSMemory: rt_.free_os_memory(); return;
    case LibId::DebugSetGCPercent: {
      const std::int64_t v = i64(0);
      const std::int32_t pct = v < INT32_MIN ? INT32_MIN : v > INT32_MAX ? INT32_MAX : static_cast<std::int32_t>(v);
      st64(dst, static_cast<std::uint64_t>(static_cast<std::int64_t>(rt_.set_gc_percent(pct))));
      return;
    }
    case LibId::DebugSetMemoryLimit: st64(dst, static_cast<std::uint64_t>(rt_.set_memory_limit(i64(0)))); return;
    // math/rand
    case LibId::RandSeed: rand_->global.seed(i64(0)); return;
    case LibId::RandNewSource: {
      const Addr a = rt_.mallocgc(8 + 8 + 8 * kRngLen, nullptr, false, roles_.library);  // rngSource{tap, feed int; vec [607]int64}: 4872 bytes, noscan
      rand_->sources[a].seed(i64(0));
      std::uint8_t* base = &stack_[frames_.back().base];
      st64(base + in.a, 1);
      st64(base + in.a + 8, a);
      return;
    }
    case LibId::RandNew: {
      // &Rand{src: src, s64: src.(Source64)}: 48 bytes with pointers
      const Addr r = rt_.mallocgc(48, nullptr, true, roles_.library);
      std::uint8_t b[48] = {0};
      std::memcpy(b, arg(0), 16);
      std::memcpy(b + 16, arg(0), 16);
      rt_.write_bytes(r, b, 48);
      st64(&stack_[frames_.back().base] + in.a, r);
      return;
    }
    default: break;
  }
  // math/rand functions and methods
  auto src_of = [&](std::size_t i) -> RngSource& {
    // *Rand → its Source interface {tag, data}; the data is the rngSource address
    const Addr r = ld64(arg(i));
    if (r == 0) throw GoPanic("runtime error: invalid memory address or nil pointer dereference");
    std::uint8_t b[16];
    read(r, b, 16);
    return rand_->sources[ld64(b + 8)];
  };
  auto with = [&](RngSource& s, std::size_t a0) {
    RandOps o{s};
    switch (id) {
      case LibId::RandInt: case LibId::RandRandInt: st64(dst, static_cast<std::uint64_t>(o.int_())); return true;
      case LibId::RandIntn: case LibId::RandRandIntn: st64(dst, static_cast<std::uint64_t>(o.intn(i64(a0)))); return true;
      case LibId::RandInt31: case LibId::RandRandInt31: st64(dst, static_cast<std::uint64_t>(static_cast<std::int64_t>(o.int31()))); return true;
      case LibId::RandInt31n: case LibId::RandRandInt31n: st64(dst, static_cast<std::uint64_t>(static_cast<std::int64_t>(o.int31n(static_cast<std::int32_t>(i64(a0)))))); return true;
      case LibId::RandInt63: case LibId::RandRandInt63: case LibId::RandSourceInt63: st64(dst, static_cast<std::uint64_t>(o.int63())); return true;
      case LibId::RandInt63n: case LibId::RandRandInt63n: st64(dst, static_cast<std::uint64_t>(o.int63n(i64(a0)))); return true;
      case LibId::RandUint32: case LibId::RandRandUint32: st64(dst, o.uint32()); return true;
      case LibId::RandUint64: case LibId::RandRandUint64: st64(dst, s.uint64()); return true;
      case LibId::RandFloat64: case LibId::RandRandFloat64: { const double f = o.float64(); std::memcpy(dst, &f, 8); return true; }
      case LibId::RandRandSeed: case LibId::RandSourceSeed: s.seed(i64(a0)); return true;
      case LibId::RandPerm: case LibId::RandRandPerm: {
        const std::int64_t n = i64(a0);
        if (n < 0) throw GoPanic("invalid argument to Perm");
        std::vector<std::int64_t> m(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i) {
          const std::int64_t j = o.intn(i + 1);
          m[i] = m[j];
          m[j] = i;
        }
        const Addr a = rt_.newarray(rt_.types().basic(runtime::Kind::Int), n, roles_.slice);
        if (n) rt_.write_bytes(a, m.data(), 8 * m.size());
        std::uint8_t* base = &stack_[frames_.back().base];
        st64(base + in.a, a);
        st64(base + in.a + 8, n);
        st64(base + in.a + 16, n);
        return true;
      }
      default: return false;
    }
  };
  switch (id) {
    case LibId::RandInt: case LibId::RandIntn: case LibId::RandInt31: case LibId::RandInt31n: case LibId::RandInt63:
    case LibId::RandInt63n: case LibId::RandUint32: case LibId::RandUint64: case LibId::RandFloat64: case LibId::RandPerm:
      with(rand_->global, 0);
      return;
    case LibId::RandSourceInt63: case LibId::RandSourceSeed:
      with(rand_->sources[ld64(arg(0) + 8)], 1);
      return;
    default: break;
  }
  if (id >= LibId::RandRandInt && id <= LibId::RandRandSeed) { with(src_of(0), 1); return; }
  // time (simulated clock: Runtime::nanotime, cost_model.h)
  constexpr std::int64_t kEpoch = runtime::kUnixEpochNs;  // the Go playground's 2009-11-10 23:00:00 UTC
  switch (id) {
    case LibId::TimeSleep: {
      const std::int64_t d = i64(0);
      if (d > 0) rt_.background_work(static_cast<std::uint64_t>(d));
      return;
    }
    case LibId::TimeNow: rt_.clock().checkpoint(); st64(dst, 0); st64(dst + 8, rt_.nanotime()); st64(dst + 16, 0); return;
    case LibId::TimeSince: rt_.clock().checkpoint(); st64(dst, rt_.nanotime() - ld64(arg(0) + 8)); return;
    case LibId::TimeTimeSub: st64(dst, ld64(arg(0) + 8) - ld64(arg(1) + 8)); return;
    case LibId::TimeTimeUnixNano: st64(dst, static_cast<std::uint64_t>(kEpoch) + ld64(arg(0) + 8)); return;
    case LibId::DurationNanoseconds: st64(dst, ld64(arg(0))); return;
    case LibId::DurationMicroseconds: st64(dst, static_cast<std::uint64_t>(i64(0) / 1000)); return;
    case LibId::DurationMilliseconds: st64(dst, static_cast<std::uint64_t>(i64(0) / 1000000)); return;
    case LibId::DurationSeconds: case LibId::DurationMinutes: case LibId::DurationHours: {
      // time.go: sec, nsec := d/Second, d%Second; return float64(sec) + float64(nsec)/1e9 (etc.)
      const std::int64_t d = i64(0);
      const std::int64_t unit = id == LibId::DurationSeconds ? 1000000000ll : id == LibId::DurationMinutes ? 60000000000ll : 3600000000000ll;
      const double f = static_cast<double>(d / unit) + static_cast<double>(d % unit) / static_cast<double>(unit);
      std::memcpy(dst, &f, 8);
      return;
    }
    case LibId::DurationString: set_string(dst, fmt::duration_string(i64(0))); return;
    case LibId::ErrorError: {
      auto t = mem.error_text(arg(0));
      if (!t) throw GoPanic("runtime error: invalid memory address or nil pointer dereference");
      // errorString.Error returns its field; NumError.Error concatenates (allocates)
      const bool alloc = ld64(arg(0)) == 2;
      if (ld64(arg(0)) == 1) {
        std::uint8_t h[16];
        read(ld64(arg(0) + 8), h, 16);
        std::memcpy(dst, h, 16);
        return;
      }
      set_string(dst, *t, alloc);
      return;
    }
    default: break;
  }
  throw runtime::GoFatal(std::string(lib_name(id)) + " is not implemented by bucketlab");
}

}  // namespace bucketlab::lang
