// Go's fmt value formatting (fmt.Sprint/Sprintln/Sprintf and the Print
// variants) over workload values laid out as Go lays them out, plus the
// strconv pieces fmt needs (FormatFloat, Quote). A port of
//   fmt/print.go    printArg, printValue, handleMethods, doPrint*, badVerb
//   fmt/format.go   the fmt struct: padding, integers, floats, strings
//   internal/fmtsort  map key order
//   internal/strconv/ftoa.go, decimal.go   FormatFloat (exact: Go's
//                   multiprecision bigFtoa path, whose digits Go's Ryū /
//                   Dragonbox fast paths reproduce)
//   strconv/quote.go   Quote, QuoteToASCII, QuoteRune, CanBackquote
//   time/time.go    Duration.String
// from the modern Go source (go1.26); Go 1.19's fmt behaves the same for
// everything here (its differences are in %w and in State.Flag('0')).
//
// Values are read through ValueMemory, which the interpreter implements
// over the simulated heap. The formatter allocates nothing in the model:
// the caller accounts for the allocation of the resulting string.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/types.h"
#include "core/lang/types.h"
#include "core/runtime/go_version.h"

namespace bucketlab::lang::fmt {

// What a String() or Error() method call produced (fmt's catchPanic:
// a panicking method prints %!v(PANIC=String method: <value>)).
struct MethodResult {
  std::string text;        // the method's result, or the panic value printed with %v
  bool panicked = false;
};

// How the formatter reads workload memory (implemented by the interpreter).
struct ValueMemory {
  virtual ~ValueMemory() = default;
  // Bytes at a simulated address (heap or rodata: string data, pointees, slice arrays).
  virtual void read(Addr a, void* out, std::uint64_t n) const = 0;
  // Entries of a map value (header address m, never 0), in any order: key
  // bytes and elem bytes laid out as the types.
  virtual void map_entries(const Type* map_type, Addr m,
                           std::vector<std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>>>& out) const = 0;
  // The message of an error value (the 16 bytes of an `error` interface
  // value: itab word, data word); nullopt if nil.
  virtual std::optional<std::string> error_text(const std::uint8_t* iface) const = 0;

  // The dynamic type of a non-nil error as reflect prints it (%T); the
  // errors bucketlab creates are errors.New / fmt.Errorf values.
  virtual std::string error_type_name(const std::uint8_t* /*iface*/) const { return "*errors.errorString"; }
  // Calls the String() or Error() method `method` of a type declared by
  // the program (Error is preferred, as fmt does), on the value `recv` of
  // type `recv_type`: the named type T, or *T when the operand is a
  // pointer (then a value-receiver method needs *recv, and a nil pointer
  // panics: return panicked, fmt prints <nil>). fmt calls these for the
  // verbs v s x X q, for operands and for values inside them reached
  // through exported fields (handleMethods). nullopt: methods are not
  // called, and the value prints as its underlying value.
  virtual std::optional<MethodResult> call_string_method(const FuncObj* /*method*/, const Type* /*recv_type*/,
                                                         const std::uint8_t* /*recv*/) const {
    return std::nullopt;
  }
  // time.Time's String() for the Time value bytes `t` (fmt prints times
  // with it); nullopt: the struct's fields are printed.
  virtual std::optional<std::string> time_string(const std::uint8_t* /*t*/) const { return std::nullopt; }
};

// One operand: its (dynamic) type from the checker and its bytes in Go's
// memory layout (int = 8 bytes little endian, string = {data Addr, len
// int64}, slice = {array Addr, len, cap}, pointers/maps = 8-byte Addr,
// error = {itab, data}, structs with Go's field offsets).
// type == nullptr means an untyped nil interface (prints <nil>); an operand
// of type error is its dynamic value (nil error: <nil>).
struct Arg {
  const Type* type = nullptr;
  const std::uint8_t* bytes = nullptr;
};

// `appends` (optional) receives the buffer's length after each append fmt
// makes to pp.buf, so the caller can replay pp.buf's growth (growslice).
// fmt.Sprint / Print: a space between operands when neither is a string.
std::string sprint(const std::vector<Arg>& args, const ValueMemory& mem, std::vector<std::uint32_t>* appends = nullptr);
// fmt.Sprintln / Println: always spaces, trailing newline.
std::string sprintln(const std::vector<Arg>& args, const ValueMemory& mem, std::vector<std::uint32_t>* appends = nullptr);
// fmt.Sprintf / Printf (%w is a bad verb here, as in Go).
std::string sprintf(std::string_view format, const std::vector<Arg>& args, const ValueMemory& mem,
                    std::vector<std::uint32_t>* appends = nullptr);

// fmt.Errorf: its message and the dynamic type of the error it returns
// ("*errors.errorString", "*fmt.wrapError", "*fmt.wrapErrors"). %w formats
// an error operand as %v; Go 1.19 accepts one %w, Go 1.20+ several
// (fmt/errors.go Errorf, fmt/print.go handleMethods).
struct ErrorfResult {
  std::string text;
  std::string type_name;
};
ErrorfResult errorf(std::string_view format, const std::vector<Arg>& args, const ValueMemory& mem,
                    runtime::GoVersion version, std::vector<std::uint32_t>* appends = nullptr);

// strconv.FormatFloat(f, fmt, prec, bitSize) for fmt in b e E f g G x X
// (prec -1 = shortest that round-trips), exactly as Go.
std::string format_float(double f, char fmt, int prec, int bit_size);
// strconv.Quote / QuoteToASCII
std::string quote(std::string_view s);
std::string quote_to_ascii(std::string_view s);
// time.Duration(d).String()
std::string duration_string(std::int64_t d);
// reflect.Type.String() of a value's type, as %T prints it ("int",
// "[]string", "map[string]*main.User", "struct { A int }", "time.Duration").
std::string reflect_type_string(const Type* t);

}  // namespace bucketlab::lang::fmt
