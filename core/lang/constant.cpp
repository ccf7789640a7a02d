#include "core/lang/constant.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/lang/text.h"

namespace bucketlab::lang {

using Mag = std::vector<std::uint32_t>;

namespace {

void mag_trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

int mag_cmp(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

Mag mag_add(const Mag& a, const Mag& b) {
  const Mag& x = a.size() >= b.size() ? a : b;
  const Mag& y = a.size() >= b.size() ? b : a;
  Mag r(x.size() + 1, 0);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::uint64_t s = std::uint64_t{x[i]} + (i < y.size() ? y[i] : 0) + carry;
    r[i] = static_cast<std::uint32_t>(s);
    carry = s >> 32;
  }
  r[x.size()] = static_cast<std::uint32_t>(carry);
  mag_trim(r);
  return r;
}

// a - b, requires a >= b
Mag mag_sub(const Mag& a, const Mag& b) {
  Mag r(a.size(), 0);
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t d = std::int64_t{a[i]} - (i < b.size() ? b[i] : 0) - borrow;
    borrow = d < 0;
    if (d < 0) d += std::int64_t{1} << 32;
    r[i] = static_cast<std::uint32_t>(d);
  }
  mag_trim(r);
  return r;
}

Mag mag_mul(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size(), 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < b.size(); ++j) {
      std::uint64_t t = std::uint64_t{a[i]} * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    std::size_t k = i + b.size();
    while (carry) {
      std::uint64_t t = std::uint64_t{r[k]} + carry;
      r[k] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
      k++;
    }
  }
  mag_trim(r);
  return r;
}

Mag mag_shl(const Mag& a, std::size_t n) {
  if (a.empty()) return {};
  std::size_t limbs = n / 32, bits = n % 32;
  Mag r(a.size() + limbs + 1, 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t v = std::uint64_t{a[i]} << bits;
    r[i + limbs] |= static_cast<std::uint32_t>(v);
    r[i + limbs + 1] |= static_cast<std::uint32_t>(v >> 32);
  }
  mag_trim(r);
  return r;
}

Mag mag_shr(const Mag& a, std::size_t n) {
  std::size_t limbs = n / 32, bits = n % 32;
  if (limbs >= a.size()) return {};
  Mag r(a.size() - limbs, 0);
  for (std::size_t i = 0; i < r.size(); ++i) {
    std::uint64_t v = a[i + limbs];
    if (i + limbs + 1 < a.size()) v |= std::uint64_t{a[i + limbs + 1]} << 32;
    r[i] = static_cast<std::uint32_t>(v >> bits);
  }
  mag_trim(r);
  return r;
}

// Knuth, TAOCP vol. 2, 4.3.1, Algorithm D. b non-empty.
void mag_divmod(const Mag& a, const Mag& b, Mag* q, Mag* r) {
  if (mag_cmp(a, b) < 0) {
    if (q) q->clear();
    if (r) *r = a;
    return;
  }
  if (b.size() == 1) {
    Mag qq(a.size(), 0);
    std::uint64_t rem = 0;
    for (std::size_t i = a.size(); i-- > 0;) {
      std::uint64_t cur = (rem << 32) | a[i];
      qq[i] = static_cast<std::uint32_t>(cur / b[0]);
      rem = cur % b[0];
    }
    mag_trim(qq);
    if (q) *q = std::move(qq);
    if (r) {
      r->clear();
      if (rem) r->push_back(static_cast<std::uint32_t>(rem));
    }
    return;
  }
  int s = 0;
  for (std::uint32_t top = b.back(); !(top & 0x80000000u); top <<= 1) s++;
  Mag v = mag_shl(b, static_cast<std::size_t>(s));
  Mag u = mag_shl(a, static_cast<std::size_t>(s));
  std::size_t n = v.size();
  if (u.size() == a.size() || u.size() < a.size() + 1) u.resize(a.size() + 1, 0);
  std::size_t m = u.size() - n;
  Mag qq(m, 0);
  const std::uint64_t base = std::uint64_t{1} << 32;
  for (std::size_t j = m; j-- > 0;) {
    std::uint64_t num = (std::uint64_t{u[j + n]} << 32) | u[j + n - 1];
    std::uint64_t qhat = num / v[n - 1];
    std::uint64_t rhat = num % v[n - 1];
    while (qhat >= base || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
      qhat--;
      rhat += v[n - 1];
      if (rhat >= base) break;
    }
    std::int64_t borrow = 0;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t p = qhat * v[i] + carry;
      carry = p >> 32;
      std::int64_t t = std::int64_t{u[i + j]} - static_cast<std::int64_t>(p & 0xffffffffu) - borrow;
      borrow = t < 0;
      if (t < 0) t += static_cast<std::int64_t>(base);
      u[i + j] = static_cast<std::uint32_t>(t);
    }
    std::int64_t t = std::int64_t{u[j + n]} - static_cast<std::int64_t>(carry) - borrow;
    borrow = t < 0;
    if (t < 0) t += static_cast<std::int64_t>(base);
    u[j + n] = static_cast<std::uint32_t>(t);
    if (borrow) {  // add back
      qhat--;
      std::uint64_t c = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t s2 = std::uint64_t{u[i + j]} + v[i] + c;
        u[i + j] = static_cast<std::uint32_t>(s2);
        c = s2 >> 32;
      }
      u[j + n] = static_cast<std::uint32_t>(std::uint64_t{u[j + n]} + c);
    }
    qq[j] = static_cast<std::uint32_t>(qhat);
  }
  mag_trim(qq);
  if (q) *q = std::move(qq);
  if (r) {
    u.resize(n);
    mag_trim(u);
    *r = mag_shr(u, static_cast<std::size_t>(s));
  }
}

std::size_t mag_bitlen(const Mag& m) {
  if (m.empty()) return 0;
  std::size_t n = (m.size() - 1) * 32;
  std::uint32_t top = m.back();
  while (top) {
    n++;
    top >>= 1;
  }
  return n;
}

}  // namespace

struct BigIntAccess {
  static Mag& mag(BigInt& x) { return x.mag_; }
  static const Mag& mag(const BigInt& x) { return x.mag_; }
  static bool& neg(BigInt& x) { return x.neg_; }
  static BigInt make(bool neg, Mag m) {
    BigInt r;
    r.mag_ = std::move(m);
    r.neg_ = neg;
    r.trim();
    return r;
  }
  // two's complement representation in n limbs
  static Mag twos(const BigInt& x, std::size_t n) {
    Mag r(n, 0);
    for (std::size_t i = 0; i < x.mag_.size() && i < n; ++i) r[i] = x.mag_[i];
    if (x.neg_) {
      std::uint64_t carry = 1;
      for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t v = std::uint64_t{static_cast<std::uint32_t>(~r[i])} + carry;
        r[i] = static_cast<std::uint32_t>(v);
        carry = v >> 32;
      }
    }
    return r;
  }
  static BigInt from_twos(Mag r) {
    bool neg = !r.empty() && (r.back() & 0x80000000u);
    if (neg) {
      std::uint64_t carry = 1;
      for (auto& w : r) {
        std::uint64_t v = std::uint64_t{static_cast<std::uint32_t>(~w)} + carry;
        w = static_cast<std::uint32_t>(v);
        carry = v >> 32;
      }
    }
    return make(neg, std::move(r));
  }
  template <class F>
  static BigInt bitwise(const BigInt& a, const BigInt& b, F f) {
    std::size_t n = std::max(a.mag_.size(), b.mag_.size()) + 1;
    Mag x = twos(a, n), y = twos(b, n), r(n);
    for (std::size_t i = 0; i < n; ++i) r[i] = f(x[i], y[i]);
    return from_twos(std::move(r));
  }
};

void BigInt::trim() {
  mag_trim(mag_);
  if (mag_.empty()) neg_ = false;
}

BigInt BigInt::from_i64(std::int64_t v) {
  std::uint64_t u = v < 0 ? ~static_cast<std::uint64_t>(v) + 1 : static_cast<std::uint64_t>(v);
  BigInt r = from_u64(u);
  r.neg_ = v < 0;
  return r;
}

BigInt BigInt::from_u64(std::uint64_t v) {
  BigInt r;
  if (v) r.mag_.push_back(static_cast<std::uint32_t>(v));
  if (v >> 32) r.mag_.push_back(static_cast<std::uint32_t>(v >> 32));
  return r;
}

bool BigInt::parse(std::string_view digits, int base, BigInt& out) {
  Mag m;
  for (char c : digits) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return false;
    if (d >= base) return false;
    std::uint64_t carry = static_cast<std::uint64_t>(d);
    for (auto& w : m) {
      std::uint64_t t = std::uint64_t{w} * static_cast<std::uint64_t>(base) + carry;
      w = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    if (carry) m.push_back(static_cast<std::uint32_t>(carry));
  }
  out = BigIntAccess::make(false, std::move(m));
  return true;
}

std::size_t BigInt::bit_len() const { return mag_bitlen(mag_); }

namespace {
std::uint64_t mag_low64(const Mag& m) {
  std::uint64_t u = 0;
  if (!m.empty()) u = m[0];
  if (m.size() > 1) u |= std::uint64_t{m[1]} << 32;
  return u;
}
}  // namespace

bool BigInt::fits_u64() const { return !neg_ && mag_.size() <= 2; }

bool BigInt::fits_i64() const {
  if (mag_.size() > 2) return false;
  std::uint64_t u = mag_low64(mag_);
  return neg_ ? u <= (std::uint64_t{1} << 63) : u < (std::uint64_t{1} << 63);
}

std::int64_t BigInt::to_i64() const { return static_cast<std::int64_t>(low64()); }
std::uint64_t BigInt::to_u64() const { return mag_low64(mag_); }

std::uint64_t BigInt::low64() const {
  std::uint64_t u = mag_low64(mag_);
  return neg_ ? ~u + 1 : u;
}

std::string BigInt::str() const {
  if (mag_.empty()) return "0";
  std::string digits;
  Mag m = mag_;
  while (!m.empty()) {
    Mag q, r;
    mag_divmod(m, Mag{1000000000u}, &q, &r);
    std::uint32_t chunk = r.empty() ? 0 : r[0];
    for (int i = 0; i < 9; ++i) {
      digits += static_cast<char>('0' + chunk % 10);
      chunk /= 10;
      if (q.empty() && chunk == 0) break;
    }
    m = std::move(q);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (neg_) digits += '-';
  std::reverse(digits.begin(), digits.end());
  return digits;
}

int BigInt::cmp_abs(const BigInt& a, const BigInt& b) { return mag_cmp(a.mag_, b.mag_); }

int BigInt::cmp(const BigInt& a, const BigInt& b) {
  if (a.neg_ != b.neg_) return a.neg_ ? -1 : 1;
  int c = mag_cmp(a.mag_, b.mag_);
  return a.neg_ ? -c : c;
}

BigInt BigInt::operator-() const {
  BigInt r = *this;
  if (!r.mag_.empty()) r.neg_ = !r.neg_;
  return r;
}

BigInt BigInt::abs() const {
  BigInt r = *this;
  r.neg_ = false;
  return r;
}

BigInt operator+(const BigInt& a, const BigInt& b) {
  if (a.neg_ == b.neg_) return BigIntAccess::make(a.neg_, mag_add(a.mag_, b.mag_));
  int c = mag_cmp(a.mag_, b.mag_);
  if (c == 0) return BigInt();
  if (c > 0) return BigIntAccess::make(a.neg_, mag_sub(a.mag_, b.mag_));
  return BigIntAccess::make(b.neg_, mag_sub(b.mag_, a.mag_));
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
  return BigIntAccess::make(a.neg_ != b.neg_, mag_mul(a.mag_, b.mag_));
}

void BigInt::quo_rem(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r) {
  Mag qm, rm;
  mag_divmod(a.mag_, b.mag_, q ? &qm : nullptr, r ? &rm : nullptr);
  if (q) *q = BigIntAccess::make(a.neg_ != b.neg_, std::move(qm));
  if (r) *r = BigIntAccess::make(a.neg_, std::move(rm));
}

BigInt BigInt::shl(std::size_t n) const { return BigIntAccess::make(neg_, mag_shl(mag_, n)); }

BigInt BigInt::shr(std::size_t n) const {
  if (!neg_) return BigIntAccess::make(false, mag_shr(mag_, n));
  // floor(x / 2^n) for negative x = -ceil(|x| / 2^n)
  Mag q = mag_shr(mag_, n);
  bool exact = mag_cmp(mag_shl(q, n), mag_) == 0;
  if (!exact) q = mag_add(q, Mag{1});
  return BigIntAccess::make(true, std::move(q));
}

BigInt BigInt::bit_and(const BigInt& a, const BigInt& b) {
  return BigIntAccess::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x & y; });
}
BigInt BigInt::bit_or(const BigInt& a, const BigInt& b) {
  return BigIntAccess::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x | y; });
}
BigInt BigInt::bit_xor(const BigInt& a, const BigInt& b) {
  return BigIntAccess::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x ^ y; });
}
BigInt BigInt::bit_and_not(const BigInt& a, const BigInt& b) {
  return BigIntAccess::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x & ~y; });
}
BigInt BigInt::bit_not() const { return -*this - BigInt::from_i64(1); }

BigInt BigInt::gcd(BigInt a, BigInt b) {
  a.neg_ = false;
  b.neg_ = false;
  while (!b.is_zero()) {
    BigInt r;
    quo_rem(a, b, nullptr, &r);
    a = std::move(b);
    b = std::move(r);
  }
  return a;
}

std::size_t BigInt::trailing_zero_bits() const {
  std::size_t n = 0;
  for (std::uint32_t w : mag_) {
    if (w == 0) {
      n += 32;
      continue;
    }
    while (!(w & 1)) {
      w >>= 1;
      n++;
    }
    break;
  }
  return n;
}

// ---------------------------------------------------------------------------
// Rat

Rat Rat::make(BigInt num, BigInt den) {
  if (den.is_neg()) {
    num = -num;
    den = -den;
  }
  if (num.is_zero()) return Rat{BigInt(), BigInt::from_i64(1)};
  BigInt g = BigInt::gcd(num, den);
  if (g != BigInt::from_i64(1)) {
    BigInt::quo_rem(num, g, &num, nullptr);
    BigInt::quo_rem(den, g, &den, nullptr);
  }
  return Rat{std::move(num), std::move(den)};
}

bool Rat::from_double(double d, Rat& out) {
  if (!std::isfinite(d)) return false;
  if (d == 0) {
    out = Rat{};
    return true;
  }
  int e;
  double m = std::frexp(std::fabs(d), &e);  // d = m * 2^e, 0.5 <= m < 1
  auto mant = static_cast<std::uint64_t>(std::ldexp(m, 53));
  e -= 53;
  BigInt num = BigInt::from_u64(mant);
  if (d < 0) num = -num;
  if (e >= 0) out = Rat{num.shl(static_cast<std::size_t>(e)), BigInt::from_i64(1)};
  else out = make(num, BigInt::from_i64(1).shl(static_cast<std::size_t>(-e)));
  return true;
}

namespace {

// Rounds |num|/den (num != 0) to a binary float with `prec` mantissa bits,
// minimum normal exponent emin (value >= 2^emin normal) and maximum exponent
// emax (value < 2^(emax+1)). Returns the magnitude as a double (exact for
// the target format), or inf on overflow.
double round_rat(const BigInt& num, const BigInt& den, int prec, int emin, int emax) {
  BigInt a = num.abs(), b = den;
  long la = static_cast<long>(a.bit_len()), lb = static_cast<long>(b.bit_len());
  long shift = 66 - (la - lb);  // quotient gets 66 or 67 bits
  if (shift > 0) a = a.shl(static_cast<std::size_t>(shift));
  else if (shift < 0) b = b.shl(static_cast<std::size_t>(-shift));
  BigInt q, r;
  BigInt::quo_rem(a, b, &q, &r);
  bool sticky = !r.is_zero();
  long e2 = -shift;  // value = (q + r/b) * 2^e2
  // Reduce q to exactly 64 bits, folding dropped bits into sticky.
  long n = static_cast<long>(q.bit_len());
  if (n > 64) {
    std::size_t drop = static_cast<std::size_t>(n - 64);
    BigInt low = BigInt::bit_and(q, BigInt::from_i64(1).shl(drop) - BigInt::from_i64(1));
    if (!low.is_zero()) sticky = true;
    q = q.shr(drop);
    e2 += static_cast<long>(drop);
  }
  std::uint64_t m = q.to_u64();  // top bit set
  long E = 63 + e2;              // value in [2^E, 2^(E+1))
  if (E > emax) return HUGE_VAL;
  long p = prec;
  if (E < emin) p = prec - (emin - E);
  if (p <= 0) {
    // Only rounding to 0 or the smallest denormal 2^(emin-prec+1) is possible.
    if (p == 0 && (m > (std::uint64_t{1} << 63) || (m == (std::uint64_t{1} << 63) && sticky)))
      return std::ldexp(1.0, static_cast<int>(emin - prec + 1));
    return 0.0;
  }
  int drop = static_cast<int>(64 - p);
  std::uint64_t keep = m >> drop;
  std::uint64_t rem = m & ((std::uint64_t{1} << drop) - 1);
  std::uint64_t half = std::uint64_t{1} << (drop - 1);
  if (rem > half || (rem == half && (sticky || (keep & 1)))) keep++;
  long exp = e2 + drop;
  if (keep == (std::uint64_t{1} << p)) {  // carried into a new bit
    if (E + 1 > emax) return HUGE_VAL;
  }
  return std::ldexp(static_cast<double>(keep), static_cast<int>(exp));
}

}  // namespace

double Rat::to_double(bool* overflow) const {
  if (overflow) *overflow = false;
  if (num.is_zero()) return 0.0;
  double v = round_rat(num, den, 53, -1022, 1023);
  if (std::isinf(v) && overflow) *overflow = true;
  return num.is_neg() ? -v : v;
}

float Rat::to_float(bool* overflow) const {
  if (overflow) *overflow = false;
  if (num.is_zero()) return 0.0f;
  double v = round_rat(num, den, 24, -126, 127);
  if (std::isinf(v) && overflow) *overflow = true;
  auto f = static_cast<float>(v);  // exact (v is representable) or inf
  return num.is_neg() ? -f : f;
}

// ---------------------------------------------------------------------------
// Constant

Constant Constant::make_bool(bool b) {
  Constant c;
  c.kind_ = ConstKind::Bool;
  c.b_ = b;
  return c;
}

Constant Constant::make_string(std::string s) {
  Constant c;
  c.kind_ = ConstKind::String;
  c.s_ = std::move(s);
  return c;
}

Constant Constant::make_int(BigInt i) {
  Constant c;
  c.kind_ = ConstKind::Int;
  c.i_ = std::move(i);
  return c;
}

Constant Constant::make_float(Rat r) {
  if (r.bits() > kMaxRatBits) return unknown();
  Constant c;
  c.kind_ = ConstKind::Float;
  c.f_ = std::move(r);
  return c;
}

Constant Constant::make_float64(double d) {
  Rat r;
  if (!Rat::from_double(d, r)) return unknown();
  return make_float(std::move(r));
}

namespace {

// Parses a float literal (decimal or hex, '_' allowed) into an exact Rat.
bool parse_float_literal(std::string_view lit, Rat& out) {
  std::string s;
  for (char c : lit)
    if (c != '_') s += c;
  bool hex = s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  std::size_t i = hex ? 2 : 0;
  std::string mant;
  long frac_digits = 0;
  bool seen_point = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      seen_point = true;
      continue;
    }
    bool digit = hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0 : (c >= '0' && c <= '9');
    if (!digit) break;
    mant += c;
    if (seen_point) frac_digits++;
  }
  long exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E' || s[i] == 'p' || s[i] == 'P')) {
    i++;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    for (; i < s.size(); ++i) {
      // digits only ('_' separators were checked by the lexer); saturate so
      // a huge exponent stays "huge" instead of overflowing (found by fuzz_front)
      if (s[i] < '0' || s[i] > '9') continue;
      if (exp < 1000000000) exp = exp * 10 + (s[i] - '0');
    }
    if (neg) exp = -exp;
  }
  BigInt m;
  if (!BigInt::parse(mant.empty() ? "0" : mant, hex ? 16 : 10, m)) return false;
  if (m.is_zero()) {
    out = Rat{};
    return true;
  }
  if (hex) {
    long e2 = exp - 4 * frac_digits;
    if (e2 > Constant::kMaxFloatExponent * 4 || e2 < -Constant::kMaxFloatExponent * 4) return false;
    if (e2 >= 0) out = Rat::from_int(m.shl(static_cast<std::size_t>(e2)));
    else out = Rat::make(m, BigInt::from_i64(1).shl(static_cast<std::size_t>(-e2)));
    return true;
  }
  long e10 = exp - frac_digits;
  if (e10 > Constant::kMaxFloatExponent || e10 < -Constant::kMaxFloatExponent) return false;
  BigInt p = BigInt::from_i64(1), ten = BigInt::from_i64(10);
  for (long k = e10 < 0 ? -e10 : e10, bit = 0; k; k >>= 1, ++bit) {
    // binary exponentiation of 10^|e10|
    (void)bit;
    if (k & 1) p = p * ten;
    ten = ten * ten;
  }
  if (e10 >= 0) out = Rat::from_int(m * p);
  else out = Rat::make(m, p);
  return true;
}

}  // namespace

std::string unquote_string(std::string_view lit) {
  std::string out;
  if (lit.size() < 2) return out;
  if (lit[0] == '`') {
    for (char c : lit.substr(1, lit.size() - 2))
      if (c != '\r') out += c;  // carriage returns are discarded from raw strings
    return out;
  }
  std::string_view s = lit.substr(1, lit.size() - 2);
  auto hexval = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
  };
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c != '\\') {
      out += c;
      i++;
      continue;
    }
    char e = s[i + 1];
    i += 2;
    switch (e) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'x': {
        int v = hexval(s[i]) * 16 + hexval(s[i + 1]);
        out += static_cast<char>(v);
        i += 2;
        break;
      }
      case 'u':
      case 'U': {
        int n = e == 'u' ? 4 : 8;
        std::int32_t v = 0;
        for (int k = 0; k < n; ++k) v = v * 16 + hexval(s[i + static_cast<std::size_t>(k)]);
        append_rune(out, v);
        i += static_cast<std::size_t>(n);
        break;
      }
      default: {  // octal
        int v = (e - '0') * 64 + (s[i] - '0') * 8 + (s[i + 1] - '0');
        out += static_cast<char>(v);
        i += 2;
      }
    }
  }
  return out;
}

std::int32_t unquote_rune(std::string_view lit) {
  std::string_view s = lit.substr(1, lit.size() - 2);
  if (!s.empty() && s[0] == '\\') {
    if (s[1] == 'x' || (s[1] >= '0' && s[1] <= '7')) {
      // byte value escapes denote the value itself (not a UTF-8 byte)
      std::string b = unquote_string(std::string("\"") + std::string(s) + "\"");
      return static_cast<unsigned char>(b[0]);
    }
    std::string u = unquote_string(std::string("\"") + std::string(s) + "\"");
    int w;
    return decode_rune(u, w);
  }
  int w;
  return decode_rune(s, w);
}

Constant Constant::from_literal(LitKind kind, std::string_view lit) {
  switch (kind) {
    case LitKind::Int: {
      std::string s;
      for (char c : lit)
        if (c != '_') s += c;
      int base = 10;
      std::size_t start = 0;
      if (s.size() > 1 && s[0] == '0') {
        char p = static_cast<char>(s[1] | 0x20);
        if (p == 'x') base = 16, start = 2;
        else if (p == 'o') base = 8, start = 2;
        else if (p == 'b') base = 2, start = 2;
        else base = 8, start = 1;
      }
      BigInt v;
      if (!BigInt::parse(std::string_view(s).substr(start), base, v)) return unknown();
      return make_int(std::move(v));
    }
    case LitKind::Float: {
      Rat r;
      if (!parse_float_literal(lit, r)) return unknown();
      return make_float(std::move(r));
    }
    case LitKind::Rune:
      return make_int64(unquote_rune(lit));
    case LitKind::String:
      return make_string(unquote_string(lit));
    case LitKind::Imag:
      return unknown();
  }
  return unknown();
}

Constant Constant::to_int() const {
  if (kind_ == ConstKind::Int) return *this;
  if (kind_ == ConstKind::Float && f_.is_int()) return make_int(f_.num);
  return unknown();
}

Constant Constant::to_float() const {
  if (kind_ == ConstKind::Float) return *this;
  if (kind_ == ConstKind::Int) return make_float(Rat::from_int(i_));
  return unknown();
}

int Constant::sign() const {
  if (kind_ == ConstKind::Int) return i_.sign();
  if (kind_ == ConstKind::Float) return f_.sign();
  return 1;  // unknown values: treat as non-zero (no spurious division-by-zero)
}

std::size_t Constant::bit_len() const { return kind_ == ConstKind::Int ? i_.bit_len() : 0; }

bool Constant::int64_val(std::int64_t& v) const {
  if (kind_ != ConstKind::Int || !i_.fits_i64()) return false;
  v = i_.to_i64();
  return true;
}

bool Constant::uint64_val(std::uint64_t& v) const {
  if (kind_ != ConstKind::Int || !i_.fits_u64()) return false;
  v = i_.to_u64();
  return true;
}

double Constant::float64_val(bool* overflow) const {
  if (kind_ == ConstKind::Int) return Rat::from_int(i_).to_double(overflow);
  if (kind_ == ConstKind::Float) return f_.to_double(overflow);
  if (overflow) *overflow = false;
  return 0;
}

std::string format_float_g_prec(double f, int prec) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", prec, f);
  return buf;
}

std::string format_float_g(double f) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f == 0) return std::signbit(f) ? "-0" : "0";
  // shortest decimal that round-trips
  char buf[64];
  int p = 1;
  for (; p <= 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*e", p - 1, f);
    if (std::strtod(buf, nullptr) == f) break;
  }
  // buf = [-]d.ddde[+-]XX
  std::string s = buf;
  bool neg = s[0] == '-';
  if (neg) s.erase(0, 1);
  std::size_t epos = s.find('e');
  std::string digs;
  for (std::size_t i = 0; i < epos; ++i)
    if (s[i] != '.') digs += s[i];
  while (digs.size() > 1 && digs.back() == '0') digs.pop_back();
  int exp = std::atoi(s.c_str() + epos + 1);
  int nd = static_cast<int>(digs.size());
  std::string out = neg ? "-" : "";
  if (exp < -4 || exp >= 6) {  // shortest: eprec = 6
    out += digs[0];
    if (nd > 1) {
      out += '.';
      out.append(digs, 1, std::string::npos);
    }
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += eb;
    return out;
  }
  int dp = exp + 1;  // digits before the decimal point
  if (dp <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-dp), '0');
    out += digs;
  } else if (dp >= nd) {
    out += digs;
    out.append(static_cast<std::size_t>(dp - nd), '0');
  } else {
    out.append(digs, 0, static_cast<std::size_t>(dp));
    out += '.';
    out.append(digs, static_cast<std::size_t>(dp), std::string::npos);
  }
  return out;
}

std::string Constant::str() const {
  switch (kind_) {
    case ConstKind::Unknown: return "unknown";
    case ConstKind::Bool: return b_ ? "true" : "false";
    case ConstKind::Int: return i_.str();
    case ConstKind::String: {
      constexpr std::size_t maxLen = 72;
      std::string s = quote(s_);
      if (rune_count(s) > maxLen) {
        std::size_t i = 0;
        for (std::size_t n = 0; n < maxLen - 3; ++n) {
          int w;
          decode_rune(std::string_view(s).substr(i), w);
          i += static_cast<std::size_t>(w);
        }
        s = s.substr(0, i) + "...";
      }
      return s;
    }
    case ConstKind::Float: {
      bool overflow = false;
      double x = f_.to_double(&overflow);
      if (!overflow && (f_.sign() == 0) == (x == 0)) {
        std::string s = format_float_g_prec(x, 6);
        if (!f_.is_int() && s.find('.') == std::string::npos) s = format_float_g(x);
        return s;
      }
      // Out of float64 range: approximate m * 10^e.
      long exp = static_cast<long>(f_.num.bit_len()) - static_cast<long>(f_.den.bit_len());
      Rat scaled = exp >= 0 ? Rat::make(f_.num, f_.den.shl(static_cast<std::size_t>(exp)))
                            : Rat::make(f_.num.shl(static_cast<std::size_t>(-exp)), f_.den);
      double m = scaled.to_double();
      if (std::fabs(m) >= 1) {  // MantExp: 0.5 <= |mant| < 1
        m /= 2;
        exp++;
      }
      double d = static_cast<double>(exp) * (std::log(2.0) / std::log(10.0));
      auto e = static_cast<long>(d);
      m *= std::pow(10.0, d - static_cast<double>(e));
      double am = std::fabs(m);
      if (am < 1 - 0.5e-6) {
        m *= 10;
        e--;
      } else if (am >= 10) {
        m /= 10;
        e++;
      }
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6ge%+ld", m, e);
      return buf;
    }
  }
  return "";
}

// ---------------------------------------------------------------------------
// operations

namespace {

// Brings two numeric constants to the same kind (Int < Float).
void match(Constant& x, Constant& y) {
  if (x.kind() == ConstKind::Int && y.kind() == ConstKind::Float) x = x.to_float();
  else if (x.kind() == ConstKind::Float && y.kind() == ConstKind::Int) y = y.to_float();
}

}  // namespace

Constant unary_op(Op op, const Constant& x, unsigned prec) {
  switch (op) {
    case Op::Add:
      return x;
    case Op::Sub:
      if (x.kind() == ConstKind::Int) return Constant::make_int(-x.int_val());
      if (x.kind() == ConstKind::Float) return Constant::make_float(Rat{-x.float_val().num, x.float_val().den});
      break;
    case Op::Xor:
      if (x.kind() == ConstKind::Int) {
        BigInt z = x.int_val().bit_not();
        if (prec > 0) {
          // unsigned: z &^= (-1) << prec
          z = BigInt::bit_and_not(z, BigInt::from_i64(-1).shl(prec));
        }
        return Constant::make_int(std::move(z));
      }
      break;
    case Op::Not:
      if (x.kind() == ConstKind::Bool) return Constant::make_bool(!x.bool_val());
      break;
    default:
      break;
  }
  return Constant::unknown();
}

Constant binary_op(const Constant& x0, Op op, const Constant& y0, bool int_div) {
  Constant x = x0, y = y0;
  if (!x.known() || !y.known()) return Constant::unknown();
  match(x, y);
  if (x.kind() != y.kind()) return Constant::unknown();
  switch (x.kind()) {
    case ConstKind::Bool:
      if (op == Op::AndAnd) return Constant::make_bool(x.bool_val() && y.bool_val());
      if (op == Op::OrOr) return Constant::make_bool(x.bool_val() || y.bool_val());
      break;
    case ConstKind::String:
      if (op == Op::Add) {
        if (x.string_val().size() + y.string_val().size() > Constant::kMaxStringBytes) return Constant::unknown();
        return Constant::make_string(x.string_val() + y.string_val());
      }
      break;
    case ConstKind::Int: {
      const BigInt& a = x.int_val();
      const BigInt& b = y.int_val();
      switch (op) {
        case Op::Add: return Constant::make_int(a + b);
        case Op::Sub: return Constant::make_int(a - b);
        case Op::Mul: return Constant::make_int(a * b);
        case Op::Div:
          if (b.is_zero()) return Constant::unknown();
          if (int_div) {
            BigInt q;
            BigInt::quo_rem(a, b, &q, nullptr);
            return Constant::make_int(std::move(q));
          }
          return Constant::make_float(Rat::make(a, b));
        case Op::Rem: {
          if (b.is_zero()) return Constant::unknown();
          BigInt r;
          BigInt::quo_rem(a, b, nullptr, &r);
          return Constant::make_int(std::move(r));
        }
        case Op::And: return Constant::make_int(BigInt::bit_and(a, b));
        case Op::Or: return Constant::make_int(BigInt::bit_or(a, b));
        case Op::Xor: return Constant::make_int(BigInt::bit_xor(a, b));
        case Op::AndNot: return Constant::make_int(BigInt::bit_and_not(a, b));
        default: break;
      }
      break;
    }
    case ConstKind::Float: {
      const Rat& a = x.float_val();
      const Rat& b = y.float_val();
      switch (op) {
        case Op::Add: return Constant::make_float(Rat::make(a.num * b.den + b.num * a.den, a.den * b.den));
        case Op::Sub: return Constant::make_float(Rat::make(a.num * b.den - b.num * a.den, a.den * b.den));
        case Op::Mul: return Constant::make_float(Rat::make(a.num * b.num, a.den * b.den));
        case Op::Div:
          if (b.num.is_zero()) return Constant::unknown();
          return Constant::make_float(Rat::make(a.num * b.den, a.den * b.num));
        default: break;
      }
      break;
    }
    default:
      break;
  }
  return Constant::unknown();
}

Constant shift_op(const Constant& x, Op op, unsigned s) {
  if (x.kind() != ConstKind::Int) return Constant::unknown();
  if (op == Op::Shl) return Constant::make_int(x.int_val().shl(s));
  if (op == Op::Shr) return Constant::make_int(x.int_val().shr(s));
  return Constant::unknown();
}

bool compare_op(const Constant& x0, Op op, const Constant& y0) {
  Constant x = x0, y = y0;
  if (!x.known() || !y.known()) return false;
  match(x, y);
  int c = 0;
  switch (x.kind()) {
    case ConstKind::Bool:
      if (op == Op::Eql) return x.bool_val() == y.bool_val();
      if (op == Op::Neq) return x.bool_val() != y.bool_val();
      return false;
    case ConstKind::String:
      c = x.string_val() < y.string_val() ? -1 : (x.string_val() == y.string_val() ? 0 : 1);
      break;
    case ConstKind::Int:
      c = BigInt::cmp(x.int_val(), y.int_val());
      break;
    case ConstKind::Float:
      c = BigInt::cmp(x.float_val().num * y.float_val().den, y.float_val().num * x.float_val().den);
      break;
    default:
      return false;
  }
  switch (op) {
    case Op::Eql: return c == 0;
    case Op::Neq: return c != 0;
    case Op::Lss: return c < 0;
    case Op::Leq: return c <= 0;
    case Op::Gtr: return c > 0;
    case Op::Geq: return c >= 0;
    default: return false;
  }
}

}  // namespace bucketlab::lang
