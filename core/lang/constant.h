// Constant values of the workload language with the semantics of Go's
// go/constant as used by the type checker (types2): arbitrary-precision
// integers, exact rational floating-point constants, strings and booleans,
// their arithmetic, comparison, shifts, conversions and their printing in
// error messages (go/constant's Value.String).
//
// Deviations (documented in docs/lang.md): floating-point constants are
// exact rationals whose numerator and denominator are limited to
// kMaxRatBits bits and whose literal exponent is limited to
// kMaxFloatExponent (go/constant switches to 512-bit binary floats
// instead); a result beyond the limit is reported as an error. Complex
// constants are not supported.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang/token.h"

namespace bucketlab::lang {

// Signed arbitrary-precision integer (sign and magnitude, 32-bit limbs).
// Bitwise operations and right shifts use two's complement semantics, as
// math/big.Int does.
class BigInt {
 public:
  BigInt() = default;
  static BigInt from_i64(std::int64_t v);
  static BigInt from_u64(std::uint64_t v);
  // Parses digits (no sign, no '_') in base 2..16; returns false on a bad digit.
  static bool parse(std::string_view digits, int base, BigInt& out);

  bool is_zero() const { return mag_.empty(); }
  bool is_neg() const { return neg_; }
  int sign() const { return mag_.empty() ? 0 : (neg_ ? -1 : 1); }
  std::size_t bit_len() const;  // of |x|
  bool is_odd() const { return !mag_.empty() && (mag_[0] & 1); }
  bool fits_i64() const;
  bool fits_u64() const;
  std::int64_t to_i64() const;   // requires fits_i64
  std::uint64_t to_u64() const;  // requires fits_u64
  std::uint64_t low64() const;   // two's complement low 64 bits (wraps)
  std::string str() const;       // decimal

  static int cmp(const BigInt& a, const BigInt& b);
  static int cmp_abs(const BigInt& a, const BigInt& b);
  BigInt operator-() const;
  BigInt abs() const;
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  // Truncated division (Go's / and % on integers); b must be non-zero.
  static void quo_rem(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r);
  BigInt shl(std::size_t n) const;
  BigInt shr(std::size_t n) const;  // arithmetic (floor for negatives)
  static BigInt bit_and(const BigInt& a, const BigInt& b);
  static BigInt bit_or(const BigInt& a, const BigInt& b);
  static BigInt bit_xor(const BigInt& a, const BigInt& b);
  static BigInt bit_and_not(const BigInt& a, const BigInt& b);
  BigInt bit_not() const;  // -x - 1
  static BigInt gcd(BigInt a, BigInt b);  // of magnitudes
  std::size_t trailing_zero_bits() const;  // of |x| (x != 0)

  friend bool operator==(const BigInt& a, const BigInt& b) { return cmp(a, b) == 0; }
  friend bool operator!=(const BigInt& a, const BigInt& b) { return cmp(a, b) != 0; }

 private:
  void trim();
  bool neg_ = false;
  std::vector<std::uint32_t> mag_;  // little-endian, no leading zero limbs
  friend struct BigIntAccess;
};

// An exact rational num/den, den > 0, in lowest terms.
struct Rat {
  BigInt num;
  BigInt den = BigInt::from_i64(1);
  static Rat make(BigInt num, BigInt den);  // normalizes (den != 0)
  static Rat from_int(const BigInt& i) { return Rat{i, BigInt::from_i64(1)}; }
  static bool from_double(double d, Rat& out);  // false for inf/nan
  bool is_int() const { return den == BigInt::from_i64(1); }
  int sign() const { return num.sign(); }
  std::size_t bits() const { return num.bit_len() > den.bit_len() ? num.bit_len() : den.bit_len(); }
  // Correctly rounded (nearest even) conversion; sets overflow if the
  // magnitude rounds beyond the largest finite value.
  double to_double(bool* overflow = nullptr) const;
  float to_float(bool* overflow = nullptr) const;
};

enum class ConstKind : std::uint8_t { Unknown, Bool, String, Int, Float };

class Constant {
 public:
  static constexpr std::size_t kMaxRatBits = 4096;         // numerator/denominator limit of float constants
  static constexpr int kMaxFloatExponent = 10000;          // |decimal exponent| of float literals
  static constexpr std::size_t kMaxStringBytes = 1 << 20;  // string constants (concatenation)

  Constant() = default;
  static Constant unknown() { return {}; }
  static Constant make_bool(bool b);
  static Constant make_string(std::string s);
  static Constant make_int(BigInt i);
  static Constant make_int64(std::int64_t v) { return make_int(BigInt::from_i64(v)); }
  static Constant make_uint64(std::uint64_t v) { return make_int(BigInt::from_u64(v)); }
  static Constant make_float(Rat r);
  static Constant make_float64(double d);  // unknown for inf/nan
  // go/constant.MakeFromLiteral for a lexically valid literal; unknown if
  // the value cannot be represented (e.g. an exponent beyond the limit).
  static Constant from_literal(LitKind kind, std::string_view lit);

  ConstKind kind() const { return kind_; }
  bool known() const { return kind_ != ConstKind::Unknown; }
  bool bool_val() const { return b_; }
  const std::string& string_val() const { return s_; }
  const BigInt& int_val() const { return i_; }
  const Rat& float_val() const { return f_; }

  // go/constant's Value.String (the form used in error messages).
  std::string str() const;

  Constant to_int() const;    // unknown if not an integral value
  Constant to_float() const;  // Int or Float -> Float
  int sign() const;           // of a numeric value
  std::size_t bit_len() const;  // of an Int
  bool int64_val(std::int64_t& v) const;   // exact Int in int64 range
  bool uint64_val(std::uint64_t& v) const; // exact Int in uint64 range
  double float64_val(bool* overflow = nullptr) const;  // Int or Float, rounded
  // Two's complement low 64 bits of an Int (for materializing typed ints).
  std::uint64_t bits64() const { return i_.low64(); }

 private:
  ConstKind kind_ = ConstKind::Unknown;
  bool b_ = false;
  std::string s_;
  BigInt i_;
  Rat f_;
};

// Operations with go/constant semantics. Operands are matched (Int op Float
// -> Float op Float). binary_op with Op::Div on two Ints divides exactly to
// a Float unless int_div (types2 uses integer division for integer types).
// A Float result beyond kMaxRatBits is unknown.
Constant unary_op(Op op, const Constant& x, unsigned prec);
Constant binary_op(const Constant& x, Op op, const Constant& y, bool int_div);
Constant shift_op(const Constant& x, Op op, unsigned s);
bool compare_op(const Constant& x, Op op, const Constant& y);

// Go's formatting of a float64 with %g (strconv.FormatFloat(f, 'g', -1, 64))
// and with %.<prec>g; also used by the interpreter's fmt.
std::string format_float_g(double f);
std::string format_float_g_prec(double f, int prec);

// strconv.Unquote of a lexically valid string or rune literal (with quotes).
std::string unquote_string(std::string_view lit);
std::int32_t unquote_rune(std::string_view lit);

}  // namespace bucketlab::lang
