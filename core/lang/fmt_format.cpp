// Go's fmt over workload values: see fmt_format.h. Function names follow
// the Go sources they port (fmt/print.go, fmt/format.go,
// internal/fmtsort/sort.go, internal/strconv/ftoa.go + decimal.go,
// strconv/quote.go, time/time.go).
#include "core/lang/fmt_format.h"

#include <algorithm>
#include <cstring>
#include <deque>

#include "core/lang/text.h"

namespace bucketlab::lang::fmt {

namespace {

// ===========================================================================
// internal/strconv/decimal.go: multiprecision decimal, exact for binary
// floating-point values (2 divides 10).

struct Decimal {
  char d[800];     // digits, big-endian
  int nd = 0;      // number of digits used
  int dp = 0;      // decimal point
  bool trunc = false;  // discarded nonzero digits beyond d[:nd]
};

void trim(Decimal& a) {
  while (a.nd > 0 && a.d[a.nd - 1] == '0') a.nd--;
  if (a.nd == 0) a.dp = 0;
}

void assign(Decimal& a, std::uint64_t v) {
  char buf[24];
  int n = 0;
  while (v > 0) {
    std::uint64_t v1 = v / 10;
    buf[n++] = static_cast<char>('0' + (v - 10 * v1));
    v = v1;
  }
  a.nd = 0;
  for (n--; n >= 0; n--) a.d[a.nd++] = buf[n];
  a.dp = a.nd;
  trim(a);
}

constexpr unsigned kMaxShift = 64 - 4;  // uintSize - 4

void right_shift(Decimal& a, unsigned k) {
  int r = 0, w = 0;
  std::uint64_t n = 0;
  for (; (n >> k) == 0; r++) {
    if (r >= a.nd) {
      if (n == 0) {
        a.nd = 0;
        return;
      }
      while ((n >> k) == 0) {
        n = n * 10;
        r++;
      }
      break;
    }
    n = n * 10 + static_cast<std::uint64_t>(a.d[r] - '0');
  }
  a.dp -= r - 1;
  std::uint64_t mask = (std::uint64_t{1} << k) - 1;
  for (; r < a.nd; r++) {
    std::uint64_t c = static_cast<std::uint64_t>(a.d[r] - '0');
    std::uint64_t dig = n >> k;
    n &= mask;
    a.d[w++] = static_cast<char>('0' + dig);
    n = n * 10 + c;
  }
  while (n > 0) {
    std::uint64_t dig = n >> k;
    n &= mask;
    if (w < static_cast<int>(sizeof a.d)) {
      a.d[w++] = static_cast<char>('0' + dig);
    } else if (dig > 0) {
      a.trunc = true;
    }
    n = n * 10;
  }
  a.nd = w;
  trim(a);
}

struct LeftCheat {
  int delta;
  const char* cutoff;
};

// decimal.go leftcheats: leading digits of 5^i and the digits a shift by i adds.
const LeftCheat kLeftCheats[] = {
    {0, ""},
    {1, "5"},
    {1, "25"},
    {1, "125"},
    {2, "625"},
    {2, "3125"},
    {2, "15625"},
    {3, "78125"},
    {3, "390625"},
    {3, "1953125"},
    {4, "9765625"},
    {4, "48828125"},
    {4, "244140625"},
    {4, "1220703125"},
    {5, "6103515625"},
    {5, "30517578125"},
    {5, "152587890625"},
    {6, "762939453125"},
    {6, "3814697265625"},
    {6, "19073486328125"},
    {7, "95367431640625"},
    {7, "476837158203125"},
    {7, "2384185791015625"},
    {7, "11920928955078125"},
    {8, "59604644775390625"},
    {8, "298023223876953125"},
    {8, "1490116119384765625"},
    {9, "7450580596923828125"},
    {9, "37252902984619140625"},
    {9, "186264514923095703125"},
    {10, "931322574615478515625"},
    {10, "4656612873077392578125"},
    {10, "23283064365386962890625"},
    {10, "116415321826934814453125"},
    {11, "582076609134674072265625"},
    {11, "2910383045673370361328125"},
    {11, "14551915228366851806640625"},
    {12, "72759576141834259033203125"},
    {12, "363797880709171295166015625"},
    {12, "1818989403545856475830078125"},
    {13, "9094947017729282379150390625"},
    {13, "45474735088646411895751953125"},
    {13, "227373675443232059478759765625"},
    {13, "1136868377216160297393798828125"},
    {14, "5684341886080801486968994140625"},
    {14, "28421709430404007434844970703125"},
    {14, "142108547152020037174224853515625"},
    {15, "710542735760100185871124267578125"},
    {15, "3552713678800500929355621337890625"},
    {15, "17763568394002504646778106689453125"},
    {16, "88817841970012523233890533447265625"},
    {16, "444089209850062616169452667236328125"},
    {16, "2220446049250313080847263336181640625"},
    {16, "11102230246251565404236316680908203125"},
    {17, "55511151231257827021181583404541015625"},
    {17, "277555756156289135105907917022705078125"},
    {17, "1387778780781445675529539585113525390625"},
    {18, "6938893903907228377647697925567626953125"},
    {18, "34694469519536141888238489627838134765625"},
    {18, "173472347597680709441192448139190673828125"},
    {19, "867361737988403547205962240695953369140625"},
};

bool prefix_is_less_than(const Decimal& a, const char* s) {
  for (int i = 0; s[i]; i++) {
    if (i >= a.nd) return true;
    if (a.d[i] != s[i]) return a.d[i] < s[i];
  }
  return false;
}

void left_shift(Decimal& a, unsigned k) {
  int delta = kLeftCheats[k].delta;
  if (prefix_is_less_than(a, kLeftCheats[k].cutoff)) delta--;
  int r = a.nd;
  int w = a.nd + delta;
  std::uint64_t n = 0;
  for (r--; r >= 0; r--) {
    n += static_cast<std::uint64_t>(a.d[r] - '0') << k;
    std::uint64_t quo = n / 10, rem = n - 10 * quo;
    w--;
    if (w < static_cast<int>(sizeof a.d)) {
      a.d[w] = static_cast<char>('0' + rem);
    } else if (rem != 0) {
      a.trunc = true;
    }
    n = quo;
  }
  while (n > 0) {
    std::uint64_t quo = n / 10, rem = n - 10 * quo;
    w--;
    if (w < static_cast<int>(sizeof a.d)) {
      a.d[w] = static_cast<char>('0' + rem);
    } else if (rem != 0) {
      a.trunc = true;
    }
    n = quo;
  }
  a.nd += delta;
  if (a.nd >= static_cast<int>(sizeof a.d)) a.nd = static_cast<int>(sizeof a.d);
  a.dp += delta;
  trim(a);
}

void shift(Decimal& a, int k) {
  if (a.nd == 0) return;
  if (k > 0) {
    while (k > static_cast<int>(kMaxShift)) {
      left_shift(a, kMaxShift);
      k -= kMaxShift;
    }
    left_shift(a, static_cast<unsigned>(k));
  } else if (k < 0) {
    while (k < -static_cast<int>(kMaxShift)) {
      right_shift(a, kMaxShift);
      k += kMaxShift;
    }
    right_shift(a, static_cast<unsigned>(-k));
  }
}

bool should_round_up(const Decimal& a, int nd) {
  if (nd < 0 || nd >= a.nd) return false;
  if (a.d[nd] == '5' && nd + 1 == a.nd) {  // exactly halfway: round to even
    if (a.trunc) return true;
    return nd > 0 && (a.d[nd - 1] - '0') % 2 != 0;
  }
  return a.d[nd] >= '5';
}

void round_down(Decimal& a, int nd) {
  if (nd < 0 || nd >= a.nd) return;
  a.nd = nd;
  trim(a);
}

void round_up(Decimal& a, int nd) {
  if (nd < 0 || nd >= a.nd) return;
  for (int i = nd - 1; i >= 0; i--) {
    if (a.d[i] < '9') {
      a.d[i]++;
      a.nd = i + 1;
      return;
    }
  }
  a.d[0] = '1';
  a.nd = 1;
  a.dp++;
}

void round_to(Decimal& a, int nd) {
  if (nd < 0 || nd >= a.nd) return;
  if (should_round_up(a, nd)) {
    round_up(a, nd);
  } else {
    round_down(a, nd);
  }
}

// ===========================================================================
// internal/strconv/ftoa.go

struct FloatInfo {
  unsigned mantbits, expbits;
  int bias;
};
constexpr FloatInfo kFloat32Info{23, 8, -127};
constexpr FloatInfo kFloat64Info{52, 11, -1023};

// ftoa.go roundShortest: round d (= mant * 2^(exp-mantbits)) to the fewest
// digits that still parse back to the same float.
void round_shortest(Decimal& d, std::uint64_t mant, int exp, const FloatInfo& flt) {
  if (mant == 0) {
    d.nd = 0;
    return;
  }
  int minexp = flt.bias + 1;
  if (exp > minexp && 332 * (d.dp - d.nd) >= 100 * (exp - static_cast<int>(flt.mantbits))) return;

  Decimal upper;
  assign(upper, mant * 2 + 1);
  shift(upper, exp - static_cast<int>(flt.mantbits) - 1);

  std::uint64_t mantlo;
  int explo;
  if (mant > (std::uint64_t{1} << flt.mantbits) || exp == minexp) {
    mantlo = mant - 1;
    explo = exp;
  } else {
    mantlo = mant * 2 - 1;
    explo = exp - 1;
  }
  Decimal lower;
  assign(lower, mantlo * 2 + 1);
  shift(lower, explo - static_cast<int>(flt.mantbits) - 1);

  bool inclusive = mant % 2 == 0;
  int upperdelta = 0;
  for (int ui = 0;; ui++) {
    int mi = ui - upper.dp + d.dp;
    if (mi >= d.nd) break;
    int li = ui - upper.dp + lower.dp;
    char l = '0';
    if (li >= 0 && li < lower.nd) l = lower.d[li];
    char m = '0';
    if (mi >= 0) m = d.d[mi];
    char u = '0';
    if (ui < upper.nd) u = upper.d[ui];

    bool okdown = l != m || (inclusive && li + 1 == lower.nd);
    if (upperdelta == 0 && m + 1 < u) {
      upperdelta = 2;
    } else if (upperdelta == 0 && m != u) {
      upperdelta = 1;
    } else if (upperdelta == 1 && (m != '9' || u != '0')) {
      upperdelta = 2;
    }
    bool okup = upperdelta > 0 && (inclusive || upperdelta > 1 || ui + 1 < upper.nd);
    if (okdown && okup) {
      round_to(d, mi + 1);
      return;
    }
    if (okdown) {
      round_down(d, mi + 1);
      return;
    }
    if (okup) {
      round_up(d, mi + 1);
      return;
    }
  }
}

// %e: -d.ddddde±dd
void fmt_e(std::string& dst, bool neg, const Decimal& d, int prec, char fmt) {
  if (neg) dst += '-';
  dst += d.nd != 0 ? d.d[0] : '0';
  if (prec > 0) {
    dst += '.';
    int i = 1;
    int m = std::min(d.nd, prec + 1);
    if (i < m) {
      dst.append(d.d + i, static_cast<std::size_t>(m - i));
      i = m;
    }
    for (; i <= prec; i++) dst += '0';
  }
  dst += fmt;
  int exp = d.dp - 1;
  if (d.nd == 0) exp = 0;  // 0 has exponent 0
  if (exp < 0) {
    dst += '-';
    exp = -exp;
  } else {
    dst += '+';
  }
  if (exp < 10) {
    dst += '0';
    dst += static_cast<char>('0' + exp);
  } else if (exp < 100) {
    dst += static_cast<char>('0' + exp / 10);
    dst += static_cast<char>('0' + exp % 10);
  } else {
    dst += static_cast<char>('0' + exp / 100);
    dst += static_cast<char>('0' + (exp / 10) % 10);
    dst += static_cast<char>('0' + exp % 10);
  }
}

// %f: -ddddddd.ddddd
void fmt_f(std::string& dst, bool neg, const Decimal& d, int prec) {
  if (neg) dst += '-';
  if (d.dp > 0) {
    int m = std::min(d.nd, d.dp);
    dst.append(d.d, static_cast<std::size_t>(m));
    for (; m < d.dp; m++) dst += '0';
  } else {
    dst += '0';
  }
  if (prec > 0) {
    dst += '.';
    for (int i = 0; i < prec; i++) {
      int j = d.dp + i;
      dst += (0 <= j && j < d.nd) ? d.d[j] : '0';
    }
  }
}

// %b: -ddddddddp±ddd
void fmt_b(std::string& dst, bool neg, std::uint64_t mant, int exp, const FloatInfo& flt) {
  if (neg) dst += '-';
  dst += std::to_string(mant);
  dst += 'p';
  exp -= static_cast<int>(flt.mantbits);
  if (exp >= 0) dst += '+';
  dst += std::to_string(exp);
}

// %x: -0x1.yyyyyyyyp±ddd or -0x0p+0
void fmt_x(std::string& dst, int prec, char fmt, bool neg, std::uint64_t mant, int exp, const FloatInfo& flt) {
  if (mant == 0) exp = 0;
  mant <<= 60 - flt.mantbits;
  while (mant != 0 && (mant & (std::uint64_t{1} << 60)) == 0) {
    mant <<= 1;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    unsigned sh = static_cast<unsigned>(prec * 4);
    std::uint64_t extra = (mant << sh) & ((std::uint64_t{1} << 60) - 1);
    mant >>= 60 - sh;
    if ((extra | (mant & 1)) > (std::uint64_t{1} << 59)) mant++;
    mant <<= 60 - sh;
    if (mant & (std::uint64_t{1} << 61)) {
      mant >>= 1;
      exp++;
    }
  }
  const char* hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (neg) dst += '-';
  dst += '0';
  dst += fmt;
  dst += static_cast<char>('0' + ((mant >> 60) & 1));
  mant <<= 4;
  if (prec < 0 && mant != 0) {
    dst += '.';
    while (mant != 0) {
      dst += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  } else if (prec > 0) {
    dst += '.';
    for (int i = 0; i < prec; i++) {
      dst += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  }
  dst += fmt == 'X' ? 'P' : 'p';
  if (exp < 0) {
    dst += '-';
    exp = -exp;
  } else {
    dst += '+';
  }
  if (exp < 100) {
    dst += static_cast<char>('0' + exp / 10);
    dst += static_cast<char>('0' + exp % 10);
  } else if (exp < 1000) {
    dst += static_cast<char>('0' + exp / 100);
    dst += static_cast<char>('0' + (exp / 10) % 10);
    dst += static_cast<char>('0' + exp % 10);
  } else {
    dst += static_cast<char>('0' + exp / 1000);
    dst += static_cast<char>('0' + (exp / 100) % 10);
    dst += static_cast<char>('0' + (exp / 10) % 10);
    dst += static_cast<char>('0' + exp % 10);
  }
}

void format_digits(std::string& dst, bool shortest, bool neg, const Decimal& digs, int prec, char fmt) {
  switch (fmt) {
    case 'e':
    case 'E':
      fmt_e(dst, neg, digs, prec, fmt);
      return;
    case 'f':
      fmt_f(dst, neg, digs, prec);
      return;
    case 'g':
    case 'G': {
      int eprec = prec;
      if (eprec > digs.nd && digs.nd >= digs.dp) eprec = digs.nd;
      // %e is used if the exponent from the conversion is less than -4 or
      // greater than or equal to the precision; shortest uses precision 6.
      if (shortest) eprec = 6;
      int exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > digs.nd) prec = digs.nd;
        fmt_e(dst, neg, digs, prec - 1, static_cast<char>(fmt + 'e' - 'g'));
        return;
      }
      if (prec > digs.dp) prec = digs.nd;
      fmt_f(dst, neg, digs, std::max(prec - digs.dp, 0));
      return;
    }
  }
  dst += '%';
  dst += fmt;
}

void append_float(std::string& dst, double val, char fmt, int prec, int bit_size) {
  std::uint64_t bits;
  const FloatInfo* flt;
  if (bit_size == 32) {
    float f = static_cast<float>(val);
    std::uint32_t b32;
    std::memcpy(&b32, &f, 4);
    bits = b32;
    flt = &kFloat32Info;
  } else {
    std::memcpy(&bits, &val, 8);
    flt = &kFloat64Info;
  }
  bool neg = (bits >> (flt->expbits + flt->mantbits)) != 0;
  int exp = static_cast<int>(bits >> flt->mantbits) & ((1 << flt->expbits) - 1);
  std::uint64_t mant = bits & ((std::uint64_t{1} << flt->mantbits) - 1);
  if (exp == (1 << flt->expbits) - 1) {
    dst += mant != 0 ? "NaN" : neg ? "-Inf" : "+Inf";
    return;
  }
  if (exp == 0) {
    exp++;  // denormalized
  } else {
    mant |= std::uint64_t{1} << flt->mantbits;
  }
  exp += flt->bias;
  if (fmt == 'b') {
    fmt_b(dst, neg, mant, exp, *flt);
    return;
  }
  if (fmt == 'x' || fmt == 'X') {
    fmt_x(dst, prec, fmt, neg, mant, exp, *flt);
    return;
  }
  // ftoa.go bigFtoa: exact multiprecision digits. Go's fast paths (Ryū in
  // 1.19, Dragonbox in 1.26, fixedFtoa) produce the same digits.
  Decimal d;
  assign(d, mant);
  shift(d, exp - static_cast<int>(flt->mantbits));
  bool shortest = prec < 0;
  if (shortest) {
    round_shortest(d, mant, exp, *flt);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = d.nd - 1;
        break;
      case 'f':
        prec = std::max(d.nd - d.dp, 0);
        break;
      case 'g':
      case 'G':
        prec = d.nd;
        break;
    }
  } else {
    switch (fmt) {
      case 'e':
      case 'E':
        round_to(d, prec + 1);
        break;
      case 'f':
        round_to(d, d.dp + prec);
        break;
      case 'g':
      case 'G':
        if (prec == 0) prec = 1;
        round_to(d, prec);
        break;
    }
  }
  format_digits(dst, shortest, neg, d, prec, fmt);
}

// ===========================================================================
// strconv/quote.go

constexpr char kLowerHex[] = "0123456789abcdef";

bool valid_rune(std::int32_t r) { return (0 <= r && r < 0xD800) || (0xDFFF < r && r <= kMaxRune); }

void append_escaped_rune(std::string& buf, std::int32_t r, char quote, bool ascii_only) {
  if (r == quote || r == '\\') {
    buf += '\\';
    buf += static_cast<char>(r);
    return;
  }
  if (ascii_only) {
    if (r < 0x80 && is_print(r)) {
      buf += static_cast<char>(r);
      return;
    }
  } else if (is_print(r)) {
    append_rune(buf, r);
    return;
  }
  switch (r) {
    case '\a': buf += "\\a"; return;
    case '\b': buf += "\\b"; return;
    case '\f': buf += "\\f"; return;
    case '\n': buf += "\\n"; return;
    case '\r': buf += "\\r"; return;
    case '\t': buf += "\\t"; return;
    case '\v': buf += "\\v"; return;
  }
  if (r < ' ' || r == 0x7f) {
    buf += "\\x";
    buf += kLowerHex[(r >> 4) & 0xF];
    buf += kLowerHex[r & 0xF];
    return;
  }
  if (!valid_rune(r)) r = 0xFFFD;
  if (r < 0x10000) {
    buf += "\\u";
    for (int s = 12; s >= 0; s -= 4) buf += kLowerHex[(r >> s) & 0xF];
  } else {
    buf += "\\U";
    for (int s = 28; s >= 0; s -= 4) buf += kLowerHex[(r >> s) & 0xF];
  }
}

void append_quoted_with(std::string& buf, std::string_view s, char quote, bool ascii_only) {
  buf += quote;
  while (!s.empty()) {
    int width = 0;
    std::int32_t r = decode_rune(s, width);
    if (width == 1 && r == kRuneError) {
      buf += "\\x";
      buf += kLowerHex[static_cast<unsigned char>(s[0]) >> 4];
      buf += kLowerHex[static_cast<unsigned char>(s[0]) & 0xF];
      s.remove_prefix(1);
      continue;
    }
    append_escaped_rune(buf, r, quote, ascii_only);
    s.remove_prefix(static_cast<std::size_t>(width));
  }
  buf += quote;
}

void append_quoted_rune_with(std::string& buf, std::int32_t r, char quote, bool ascii_only) {
  buf += quote;
  if (!valid_rune(r)) r = kRuneError;
  append_escaped_rune(buf, r, quote, ascii_only);
  buf += quote;
}

bool can_backquote(std::string_view s) {
  while (!s.empty()) {
    int wid = 0;
    std::int32_t r = decode_rune(s, wid);
    s.remove_prefix(static_cast<std::size_t>(wid));
    if (wid > 1) {
      if (r == 0xFEFF) return false;  // BOMs are invisible
      continue;
    }
    if (r == kRuneError) return false;
    if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
  }
  return true;
}

// ===========================================================================
// Go's memory layout of lang types (cmd/compile/internal/types/size.go),
// taken from the runtime descriptor when the checker has built it.

BasicKind basic_kind(const Type* u) {
  switch (u->basic) {
    case BasicKind::UntypedBool: return BasicKind::Bool;
    case BasicKind::UntypedInt: return BasicKind::Int;
    case BasicKind::UntypedRune: return BasicKind::Int32;
    case BasicKind::UntypedFloat: return BasicKind::Float64;
    case BasicKind::UntypedString: return BasicKind::String;
    default: return u->basic;
  }
}

struct SizeAlign {
  std::uint64_t size = 0;
  std::uint64_t align = 1;
};

SizeAlign size_align(const Type* t);

std::uint64_t align_up(std::uint64_t n, std::uint64_t a) { return (n + a - 1) / a * a; }

// The runtime descriptor, if the checker has laid the type out (a named
// struct only declared so far has an empty descriptor).
const runtime::Type* laid_out(const Type* t) {
  if (!t->rt) return nullptr;
  if (t->kind == TypeKind::Named && t->underlying()->kind == TypeKind::Struct && t->rt_state != 2) return nullptr;
  return t->rt;
}

// Field offsets of a struct type (t or its underlying).
void struct_offsets(const Type* t, std::vector<std::uint64_t>& out) {
  const Type* u = t->underlying();
  out.clear();
  const runtime::Type* rt = laid_out(t);
  if (rt && rt->kind == runtime::Kind::Struct && rt->fields.size() == u->fields.size()) {
    for (const auto& f : rt->fields) out.push_back(f.offset);
    return;
  }
  std::uint64_t off = 0;
  for (const auto& f : u->fields) {
    SizeAlign sa = size_align(f.type);
    off = align_up(off, sa.align);
    out.push_back(off);
    off += sa.size;
  }
}

SizeAlign size_align(const Type* t) {
  if (const runtime::Type* rt = laid_out(t)) return {rt->size, rt->align};
  const Type* u = t->underlying();
  switch (u->kind) {
    case TypeKind::Basic:
      switch (basic_kind(u)) {
        case BasicKind::Bool:
        case BasicKind::Int8:
        case BasicKind::Uint8: return {1, 1};
        case BasicKind::Int16:
        case BasicKind::Uint16: return {2, 2};
        case BasicKind::Int32:
        case BasicKind::Uint32:
        case BasicKind::Float32: return {4, 4};
        case BasicKind::Complex64: return {8, 4};
        case BasicKind::Complex128:
        case BasicKind::String: return {16, 8};
        default: return {8, 8};
      }
    case TypeKind::Pointer:
    case TypeKind::Map:
    case TypeKind::Signature: return {8, 8};
    case TypeKind::Slice: return {24, 8};
    case TypeKind::Interface: return {16, 8};
    case TypeKind::Array: {
      SizeAlign e = size_align(u->elem);
      return {e.size * static_cast<std::uint64_t>(u->len < 0 ? 0 : u->len), e.align};
    }
    case TypeKind::Struct: {
      std::uint64_t off = 0, align = 1;
      for (std::size_t i = 0; i < u->fields.size(); ++i) {
        SizeAlign sa = size_align(u->fields[i].type);
        off = align_up(off, sa.align);
        off += sa.size;
        align = std::max(align, sa.align);
        // a struct ending in a zero-size field gets a byte of padding
        if (i + 1 == u->fields.size() && sa.size == 0 && off > 0) off++;
      }
      return {align_up(off, align), align};
    }
    default: return {8, 8};
  }
}

std::uint64_t load_u(const std::uint8_t* b, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | b[i];
  return v;
}

std::int64_t load_s(const std::uint8_t* b, int n) {
  std::uint64_t v = load_u(b, n);
  if (n < 8) {
    std::uint64_t sign = std::uint64_t{1} << (8 * n - 1);
    v = (v ^ sign) - sign;
  }
  return static_cast<std::int64_t>(v);
}

bool is_signed_kind(BasicKind k) {
  return k == BasicKind::Int || k == BasicKind::Int8 || k == BasicKind::Int16 || k == BasicKind::Int32 ||
         k == BasicKind::Int64;
}
bool is_unsigned_kind(BasicKind k) {
  return k == BasicKind::Uint || k == BasicKind::Uint8 || k == BasicKind::Uint16 || k == BasicKind::Uint32 ||
         k == BasicKind::Uint64 || k == BasicKind::Uintptr;
}
int int_size(BasicKind k) {
  switch (k) {
    case BasicKind::Int8:
    case BasicKind::Uint8: return 1;
    case BasicKind::Int16:
    case BasicKind::Uint16: return 2;
    case BasicKind::Int32:
    case BasicKind::Uint32: return 4;
    default: return 8;
  }
}

bool is_interface_type(const Type* t) { return t && t->underlying()->kind == TypeKind::Interface; }

// ===========================================================================
// reflect's Type.String()

const char* reflect_basic_name(BasicKind k) {
  switch (k) {
    case BasicKind::Bool: return "bool";
    case BasicKind::Int: return "int";
    case BasicKind::Int8: return "int8";
    case BasicKind::Int16: return "int16";
    case BasicKind::Int32: return "int32";
    case BasicKind::Int64: return "int64";
    case BasicKind::Uint: return "uint";
    case BasicKind::Uint8: return "uint8";
    case BasicKind::Uint16: return "uint16";
    case BasicKind::Uint32: return "uint32";
    case BasicKind::Uint64: return "uint64";
    case BasicKind::Uintptr: return "uintptr";
    case BasicKind::Float32: return "float32";
    case BasicKind::Float64: return "float64";
    case BasicKind::Complex64: return "complex64";
    case BasicKind::Complex128: return "complex128";
    case BasicKind::String: return "string";
    case BasicKind::UnsafePointer: return "unsafe.Pointer";
    default: return "invalid type";
  }
}

void append_reflect_type(std::string& s, const Type* t) {
  if (!t) {
    s += "<nil>";
    return;
  }
  switch (t->kind) {
    case TypeKind::Basic: s += reflect_basic_name(basic_kind(t)); return;
    case TypeKind::Named:
      if (is_interface_type(t) && t->pkg.empty() && t->name == "error") {
        s += "error";
        return;
      }
      s += t->pkg.empty() ? "main" : t->pkg;  // reflect qualifies the main package too
      s += '.';
      s += t->name;
      return;
    case TypeKind::Pointer:
      s += '*';
      append_reflect_type(s, t->elem);
      return;
    case TypeKind::Slice:
      s += "[]";
      append_reflect_type(s, t->elem);
      return;
    case TypeKind::Array:
      s += '[';
      s += std::to_string(t->len);
      s += ']';
      append_reflect_type(s, t->elem);
      return;
    case TypeKind::Map:
      s += "map[";
      append_reflect_type(s, t->key);
      s += ']';
      append_reflect_type(s, t->elem);
      return;
    case TypeKind::Struct:
      // the compiler's runtime type name: "struct { A int; b string "tag" }"
      s += "struct {";
      for (std::size_t i = 0; i < t->fields.size(); ++i) {
        const auto& f = t->fields[i];
        s += i ? "; " : " ";
        if (!f.embedded) {
          s += f.name;
          s += ' ';
        }
        append_reflect_type(s, f.type);
        if (!f.tag.empty()) {
          s += ' ';
          append_quoted_with(s, f.tag, '"', false);
        }
      }
      s += t->fields.empty() ? "}" : " }";
      return;
    case TypeKind::Interface:
      if (t->is_any || t->imethods.empty()) {
        s += "interface {}";
        return;
      }
      s += "interface { ";
      for (std::size_t i = 0; i < t->imethods.size(); ++i) {
        if (i) s += "; ";
        s += t->imethods[i].name;
        s += "()";
      }
      s += " }";
      return;
    default: s += type_string(t); return;
  }
}

// ===========================================================================
// The printer (fmt/print.go pp + fmt/format.go fmt).

constexpr const char* kNilAngle = "<nil>";
constexpr const char* kNilParen = "(nil)";
constexpr const char* kPercentBang = "%!";
constexpr const char* kMissing = "(MISSING)";
constexpr const char* kBadIndex = "(BADINDEX)";
constexpr const char* kPanic = "(PANIC=";
constexpr const char* kExtra = "%!(EXTRA ";
constexpr const char* kBadWidth = "%!(BADWIDTH)";
constexpr const char* kBadPrec = "%!(BADPREC)";
constexpr const char* kNoVerb = "%!(NOVERB)";
constexpr const char* kLdigits = "0123456789abcdefx";
constexpr const char* kUdigits = "0123456789ABCDEFX";

struct Flags {
  bool wid_present = false, prec_present = false, minus = false, plus = false, sharp = false, space = false,
       zero = false;
  bool plus_v = false, sharp_v = false;  // %+v, %#v (plus/sharp cleared)
};

// An error's dynamic value, modelled as Go's *errors.errorString
// (pointer to struct{ s string }).
struct ErrInfo {
  std::string text;
  std::string type_name;
  Addr addr = 0;
};

// The pseudo types of an error's dynamic value.
struct ErrTypes {
  Type str, strct, named, ptr;
  ErrTypes() {
    str.kind = TypeKind::Basic;
    str.basic = BasicKind::String;
    str.name = "string";
    strct.kind = TypeKind::Struct;
    strct.fields.push_back(StructField{"s", &str, false, "", Pos{}});
    named.kind = TypeKind::Named;
    named.name = "errorString";
    named.pkg = "errors";
    named.underlying_ = &strct;
    ptr.kind = TypeKind::Pointer;
    ptr.elem = &named;
  }
};
const ErrTypes& err_types() {
  static const ErrTypes t;
  return t;
}

// A value being printed: reflect.Value's role.
struct Val {
  const Type* t = nullptr;           // nullptr: invalid (untyped nil)
  const std::uint8_t* b = nullptr;   // its bytes in Go's layout
  bool ro = false;                   // reached through an unexported field (no methods: !CanInterface)
  const ErrInfo* err = nullptr;      // part of an error's dynamic value (*errors.errorString)
  bool valid() const { return t != nullptr; }
};

// fmt's buffer (type buffer []byte): the text, plus the length after each
// append, from which the caller replays Go's growth of pp.buf (growslice).
struct GoBuffer {
  std::string s;
  std::vector<std::uint32_t> appends;
  void note() { appends.push_back(static_cast<std::uint32_t>(s.size())); }
  GoBuffer& operator+=(std::string_view v) { s += v; note(); return *this; }
  GoBuffer& operator+=(char c) { s += c; note(); return *this; }
  void append(std::size_t n, char c) { s.append(n, c); note(); }
  void append(std::string_view v) { s.append(v); note(); }
  void append(const std::string& v, std::size_t pos, std::size_t n) { s.append(v, pos, n); note(); }
  std::size_t size() const { return s.size(); }
  bool empty() const { return s.empty(); }
  char& operator[](std::size_t i) { return s[i]; }
  char operator[](std::size_t i) const { return s[i]; }
};

class Printer {
 public:
  explicit Printer(const ValueMemory& mem) : mem_(mem) {}
  GoBuffer buf;
  // Errorf: %w accepted (p.wrapErrs); Go 1.20+ records every %w operand
  // (p.wrappedErrs), Go 1.19 the one error it wraps (p.wrappedErr).
  bool wrap_errs = false;
  bool modern_w = true;  // Go 1.20+: several %w; %#w/%+w set sharpV/plusV as %v does
  std::vector<int> wrapped_errs;
  bool wrapped_err_119 = false;
  bool reordered = false;

  void do_print(const std::vector<Arg>& a);
  void do_println(const std::vector<Arg>& a);
  void do_printf(std::string_view format, const std::vector<Arg>& a);

 private:
  const ValueMemory& mem_;
  Flags f_;
  int wid_ = 0, prec_ = 0;
  // pp state: the operand (p.arg) or reflect value (p.value) being printed
  Val arg_;
  bool has_arg_ = false;
  Val value_;
  bool erroring_ = false;  // printing an error: don't call methods
  bool panicking_ = false;
  std::deque<ErrInfo> errs_;
  std::deque<std::vector<std::uint8_t>> scratch_;  // bytes read from memory, alive during the call

  // ---- memory
  const std::uint8_t* read(Addr a, std::uint64_t n) {
    scratch_.emplace_back(n);
    if (n) mem_.read(a, scratch_.back().data(), n);
    return scratch_.back().data();
  }
  Addr addr_of(const Val& v) const { return v.b ? load_u(v.b, 8) : 0; }
  std::string string_of(const Val& v) {
    if (v.err) return v.err->text;
    Addr data = load_u(v.b, 8);
    std::uint64_t len = load_u(v.b + 8, 8);
    const std::uint8_t* p = read(data, len);
    std::string s(reinterpret_cast<const char*>(p), len);
    scratch_.pop_back();
    return s;
  }

  // Arg -> value: an error operand is its dynamic value (or nil).
  Val operand(const Arg& a) {
    Val v{a.type, a.bytes, false, nullptr};
    if (v.t && v.t->kind == TypeKind::Basic && v.t->basic == BasicKind::UntypedNil) return Val{};
    if (v.t && is_interface_type(v.t)) return iface_elem(v);
    return v;
  }
  // The dynamic value of an interface value (invalid if nil).
  Val iface_elem(const Val& v) {
    std::optional<std::string> text = mem_.error_text(v.b);
    if (!text) return Val{};
    errs_.push_back(ErrInfo{std::move(*text), mem_.error_type_name(v.b), load_u(v.b + 8, 8)});
    Val e;
    e.t = &err_types().ptr;
    e.b = v.b + 8;  // the data word is the pointer
    e.ro = v.ro;
    e.err = &errs_.back();
    return e;
  }
  std::string type_str(const Val& v) const {
    if (v.err && v.t == &err_types().ptr) return v.err->type_name;
    return reflect_type_string(v.t);
  }

  // ---- fmt/format.go
  void clearflags() {
    f_ = Flags{};
    wid_ = 0;
    prec_ = 0;
  }
  void write_padding(int n) {
    if (n <= 0) return;
    buf.append(static_cast<std::size_t>(n), f_.zero && !f_.minus ? '0' : ' ');
  }
  void pad(std::string_view s) {
    if (!f_.wid_present || wid_ == 0) {
      buf += s;
      return;
    }
    int width = wid_ - static_cast<int>(rune_count(s));
    if (!f_.minus) {
      write_padding(width);
      buf += s;
    } else {
      buf += s;
      write_padding(width);
    }
  }
  void fmt_boolean(bool v) { pad(v ? "true" : "false"); }
  void fmt_unicode(std::uint64_t u);
  void fmt_integer(std::uint64_t u, int base, bool is_signed, char32_t verb, const char* digits);
  std::string_view truncate_string(std::string_view s) const {
    if (f_.prec_present) {
      int n = prec_;
      std::size_t i = 0;
      while (i < s.size()) {
        if (--n < 0) return s.substr(0, i);
        int w = 0;
        decode_rune(s.substr(i), w);
        i += static_cast<std::size_t>(w);
      }
    }
    return s;
  }
  void fmt_s(std::string_view s) { pad(truncate_string(s)); }
  void fmt_sbx(std::string_view s, const char* digits);
  void fmt_q(std::string_view s) {
    s = truncate_string(s);
    if (f_.sharp && can_backquote(s)) {
      std::string q = "`";
      q += s;
      q += '`';
      pad(q);
      return;
    }
    std::string q;
    append_quoted_with(q, s, '"', f_.plus);
    pad(q);
  }
  void fmt_c(std::uint64_t c) {
    std::int32_t r = static_cast<std::int32_t>(c);
    if (c > static_cast<std::uint64_t>(kMaxRune)) r = kRuneError;
    std::string s;
    append_rune(s, r);
    pad(s);
  }
  void fmt_qc(std::uint64_t c) {
    std::int32_t r = static_cast<std::int32_t>(c);
    if (c > static_cast<std::uint64_t>(kMaxRune)) r = kRuneError;
    std::string s;
    append_quoted_rune_with(s, r, '\'', f_.plus);
    pad(s);
  }
  void fmt_float_raw(double v, int size, char verb, int prec);

  // ---- fmt/print.go
  void bad_verb(char32_t verb);
  void write_rune(char32_t r) {
    append_rune(buf.s, static_cast<std::int32_t>(r));
    buf.note();
  }
  void fmt_bool(bool v, char32_t verb) {
    if (verb == 't' || verb == 'v') {
      fmt_boolean(v);
    } else {
      bad_verb(verb);
    }
  }
  void fmt_0x64(std::uint64_t v, bool leading0x) {
    bool sharp = f_.sharp;
    f_.sharp = leading0x;
    fmt_integer(v, 16, false, 'v', kLdigits);
    f_.sharp = sharp;
  }
  void fmt_int(std::uint64_t v, bool is_signed, char32_t verb);
  void fmt_float(double v, int size, char32_t verb);
  void fmt_string(std::string_view v, char32_t verb);
  void fmt_bytes(const std::string& v, bool nil, char32_t verb, const std::string& type_string, const Val* as_value);
  void fmt_pointer(const Val& v, char32_t verb);
  bool handle_methods(const Val& arg, char32_t verb);
  bool call_method(const Val& arg, char32_t verb, const FuncObj* m, const char* name);
  void print_arg(const Arg& a, char32_t verb) { print_arg(operand(a), verb); }
  void print_arg(const Val& arg, char32_t verb);
  void print_value(const Val& v, char32_t verb, int depth);
  Val field(const Val& v, std::size_t i, const std::vector<std::uint64_t>& offs);
  bool int_from_arg(const std::vector<Arg>& a, int& arg_num, int& num);
  int compare(const Val& a, const Val& b);
};

void Printer::fmt_unicode(std::uint64_t u) {
  int prec = 4;
  if (f_.prec_present && prec_ > 4) prec = prec_;
  std::string tail;  // %#U: a space and the quoted character
  if (f_.sharp && u <= static_cast<std::uint64_t>(kMaxRune) && is_print(static_cast<std::int32_t>(u))) {
    tail = " '";
    append_rune(tail, static_cast<std::int32_t>(u));
    tail += '\'';
  }
  std::string digits;  // reversed
  while (u >= 16) {
    digits += kUdigits[u & 0xF];
    prec--;
    u >>= 4;
  }
  digits += kUdigits[u];
  prec--;
  while (prec > 0) {
    digits += '0';
    prec--;
  }
  std::string s = "U+";
  s.append(digits.rbegin(), digits.rend());
  s += tail;
  bool zero = f_.zero;
  f_.zero = false;
  pad(s);
  f_.zero = zero;
}

void Printer::fmt_integer(std::uint64_t u, int base, bool is_signed, char32_t verb, const char* digits) {
  bool negative = is_signed && static_cast<std::int64_t>(u) < 0;
  if (negative) u = ~u + 1;
  std::size_t size = 68;
  if (f_.wid_present || f_.prec_present) {
    std::size_t width = 3 + static_cast<std::size_t>(wid_) + static_cast<std::size_t>(prec_);
    if (width > size) size = width;
  }
  // Two ways to ask for extra leading zero digits: %.3d or %03d; with both, the zero flag is ignored.
  int prec = 0;
  if (f_.prec_present) {
    prec = prec_;
    if (prec == 0 && u == 0) {  // precision 0 and value 0 print nothing but padding
      bool zero = f_.zero;
      f_.zero = false;
      write_padding(wid_);
      f_.zero = zero;
      return;
    }
  } else if (f_.zero && !f_.minus && f_.wid_present) {
    prec = wid_;
    if (negative || f_.plus || f_.space) prec--;  // leave room for the sign
  }
  std::string b(size, '\0');
  std::size_t i = size;
  switch (base) {
    case 10:
      while (u >= 10) {
        std::uint64_t next = u / 10;
        b[--i] = static_cast<char>('0' + (u - next * 10));
        u = next;
      }
      break;
    case 16:
      while (u >= 16) {
        b[--i] = digits[u & 0xF];
        u >>= 4;
      }
      break;
    case 8:
      while (u >= 8) {
        b[--i] = static_cast<char>('0' + (u & 7));
        u >>= 3;
      }
      break;
    case 2:
      while (u >= 2) {
        b[--i] = static_cast<char>('0' + (u & 1));
        u >>= 1;
      }
      break;
  }
  b[--i] = digits[u];
  while (i > 0 && prec > static_cast<int>(size - i)) b[--i] = '0';
  if (f_.sharp) {
    switch (base) {
      case 2:
        b[--i] = 'b';
        b[--i] = '0';
        break;
      case 8:
        if (b[i] != '0') b[--i] = '0';
        break;
      case 16:
        b[--i] = digits[16];
        b[--i] = '0';
        break;
    }
  }
  if (verb == 'O') {
    b[--i] = 'o';
    b[--i] = '0';
  }
  if (negative) {
    b[--i] = '-';
  } else if (f_.plus) {
    b[--i] = '+';
  } else if (f_.space) {
    b[--i] = ' ';
  }
  bool zero = f_.zero;
  f_.zero = false;
  pad(std::string_view(b).substr(i));
  f_.zero = zero;
}

void Printer::fmt_sbx(std::string_view s, const char* digits) {
  int length = static_cast<int>(s.size());
  if (f_.prec_present && prec_ < length) length = prec_;
  int width = 2 * length;
  if (width > 0) {
    if (f_.space) {
      if (f_.sharp) width *= 2;
      width += length - 1;
    } else if (f_.sharp) {
      width += 2;
    }
  } else {
    if (f_.wid_present) write_padding(wid_);
    return;
  }
  if (f_.wid_present && wid_ > width && !f_.minus) write_padding(wid_ - width);
  if (f_.sharp) {
    buf += '0';
    buf += digits[16];
  }
  for (int i = 0; i < length; i++) {
    if (f_.space && i > 0) {
      buf += ' ';
      if (f_.sharp) {
        buf += '0';
        buf += digits[16];
      }
    }
    auto c = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]);
    buf += digits[c >> 4];
    buf += digits[c & 0xF];
  }
  if (f_.wid_present && wid_ > width && f_.minus) write_padding(wid_ - width);
}

// format.go fmtFloat
void Printer::fmt_float_raw(double v, int size, char verb, int prec) {
  if (f_.prec_present) prec = prec_;
  std::string num = "+";
  append_float(num, v, verb, prec, size);
  if (num[1] == '-' || num[1] == '+') {
    num.erase(0, 1);
  } else {
    num[0] = '+';
  }
  if (f_.space && num[0] == '+' && !f_.plus) num[0] = ' ';
  // Infinities and NaN don't look like numbers: no zero padding.
  if (num[1] == 'I' || num[1] == 'N') {
    bool zero = f_.zero;
    f_.zero = false;
    if (num[1] == 'N' && !f_.space && !f_.plus) num.erase(0, 1);
    pad(num);
    f_.zero = zero;
    return;
  }
  // The sharp flag forces a decimal point and keeps trailing zeros.
  if (f_.sharp && verb != 'b') {
    int digits = 0;
    switch (verb) {
      case 'v':
      case 'g':
      case 'G':
      case 'x':
        digits = prec;
        if (digits == -1) digits = 6;
        break;
    }
    std::string tail;
    bool has_decimal_point = false, saw_nonzero_digit = false;
    for (std::size_t i = 1; i < num.size(); i++) {
      char c = num[i];
      if (c == '.') {
        has_decimal_point = true;
        continue;
      }
      if (c == 'p' || c == 'P') {
        tail = num.substr(i);
        num.resize(i);
        break;
      }
      if ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X') {
        tail = num.substr(i);
        num.resize(i);
        break;
      }
      if (c != '0') saw_nonzero_digit = true;
      if (saw_nonzero_digit) digits--;
    }
    if (!has_decimal_point) {
      if (num.size() == 2 && num[1] == '0') digits--;  // a leading 0 counts once
      num += '.';
    }
    while (digits > 0) {
      num += '0';
      digits--;
    }
    num += tail;
  }
  if (f_.plus || num[0] != '+') {
    // Zero padding goes after the sign.
    if (f_.zero && !f_.minus && f_.wid_present && wid_ > static_cast<int>(num.size())) {
      buf += num[0];
      write_padding(wid_ - static_cast<int>(num.size()));
      buf.append(num, 1, std::string::npos);
      return;
    }
    pad(num);
    return;
  }
  pad(std::string_view(num).substr(1));
}

void Printer::bad_verb(char32_t verb) {
  erroring_ = true;
  buf += kPercentBang;
  write_rune(verb);
  buf += '(';
  if (has_arg_) {
    buf += type_str(arg_);
    buf += '=';
    Val a = arg_;
    print_arg(a, 'v');
  } else if (value_.valid()) {
    buf += type_str(value_);
    buf += '=';
    Val v = value_;
    print_value(v, 'v', 0);
  } else {
    buf += kNilAngle;
  }
  buf += ')';
  erroring_ = false;
}

void Printer::fmt_int(std::uint64_t v, bool is_signed, char32_t verb) {
  switch (verb) {
    case 'v':
      if (f_.sharp_v && !is_signed) {
        fmt_0x64(v, true);
      } else {
        fmt_integer(v, 10, is_signed, verb, kLdigits);
      }
      return;
    case 'd': fmt_integer(v, 10, is_signed, verb, kLdigits); return;
    case 'b': fmt_integer(v, 2, is_signed, verb, kLdigits); return;
    case 'o':
    case 'O': fmt_integer(v, 8, is_signed, verb, kLdigits); return;
    case 'x': fmt_integer(v, 16, is_signed, verb, kLdigits); return;
    case 'X': fmt_integer(v, 16, is_signed, verb, kUdigits); return;
    case 'c': fmt_c(v); return;
    case 'q': fmt_qc(v); return;
    case 'U': fmt_unicode(v); return;
    default: bad_verb(verb); return;
  }
}

// print.go fmtFloat: the default precision per verb.
void Printer::fmt_float(double v, int size, char32_t verb) {
  switch (verb) {
    case 'v': fmt_float_raw(v, size, 'g', -1); return;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X': fmt_float_raw(v, size, static_cast<char>(verb), -1); return;
    case 'f':
    case 'e':
    case 'E': fmt_float_raw(v, size, static_cast<char>(verb), 6); return;
    case 'F': fmt_float_raw(v, size, 'f', 6); return;
    default: bad_verb(verb); return;
  }
}

void Printer::fmt_string(std::string_view v, char32_t verb) {
  switch (verb) {
    case 'v':
      if (f_.sharp_v) {
        fmt_q(v);
      } else {
        fmt_s(v);
      }
      return;
    case 's': fmt_s(v); return;
    case 'x': fmt_sbx(v, kLdigits); return;
    case 'X': fmt_sbx(v, kUdigits); return;
    case 'q': fmt_q(v); return;
    default: bad_verb(verb); return;
  }
}

// print.go fmtBytes. as_value: the slice/array value itself, for the verbs
// printed element by element (printValue(reflect.ValueOf(v), verb, 0)).
void Printer::fmt_bytes(const std::string& v, bool nil, char32_t verb, const std::string& type_string,
                        const Val* as_value) {
  switch (verb) {
    case 'v':
    case 'd':
      if (f_.sharp_v) {
        buf += type_string;
        if (nil) {
          buf += kNilParen;
          return;
        }
        buf += '{';
        for (std::size_t i = 0; i < v.size(); i++) {
          if (i > 0) buf += ", ";
          fmt_0x64(static_cast<unsigned char>(v[i]), true);
        }
        buf += '}';
      } else {
        buf += '[';
        for (std::size_t i = 0; i < v.size(); i++) {
          if (i > 0) buf += ' ';
          fmt_integer(static_cast<unsigned char>(v[i]), 10, false, verb, kLdigits);
        }
        buf += ']';
      }
      return;
    case 's': fmt_s(v); return;  // fmtBs: truncate by runes and pad, as a string
    case 'x': fmt_sbx(v, kLdigits); return;
    case 'X': fmt_sbx(v, kUdigits); return;
    case 'q': fmt_q(v); return;
    default:
      if (as_value) print_value(*as_value, verb, 0);
      return;
  }
}

void Printer::fmt_pointer(const Val& v, char32_t verb) {
  std::uint64_t u;
  switch (v.t->underlying()->kind) {
    case TypeKind::Map:
    case TypeKind::Pointer:
    case TypeKind::Slice:
    case TypeKind::Signature: u = addr_of(v); break;
    default: bad_verb(verb); return;
  }
  switch (verb) {
    case 'v':
      if (f_.sharp_v) {
        buf += '(';
        buf += type_str(v);
        buf += ")(";
        if (u == 0) {
          buf += "nil";
        } else {
          fmt_0x64(u, true);
        }
        buf += ')';
      } else {
        if (u == 0) {
          pad(kNilAngle);
        } else {
          fmt_0x64(u, !f_.sharp);
        }
      }
      return;
    case 'p': fmt_0x64(u, !f_.sharp); return;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X': fmt_int(u, false, verb); return;
    default: bad_verb(verb); return;
  }
}

// The String/Error method of t's method set (the named type T, or *T for a
// pointer), if it has the Stringer/error signature func() string.
const FuncObj* find_string_method(const Type* t, const char* name) {
  bool via_ptr = false;
  const Type* named = t;
  if (t->kind == TypeKind::Pointer && t->elem && t->elem->kind == TypeKind::Named) {
    via_ptr = true;
    named = t->elem;
    const TypeKind uk = named->underlying()->kind;
    if (uk == TypeKind::Pointer || uk == TypeKind::Interface) return nullptr;
  }
  if (named->kind != TypeKind::Named) return nullptr;
  for (const FuncObj* m : named->methods) {
    if (!m || m->name != name) continue;
    if (m->ptr_recv && !via_ptr) continue;  // *T's method is not in T's method set
    const Type* sig = m->type;
    if (!sig || sig->kind != TypeKind::Signature || !sig->params.empty() || sig->results.size() != 1) continue;
    const Type* r = sig->results[0].type;
    if (!r || r->kind != TypeKind::Basic || basic_kind(r) != BasicKind::String) continue;
    return m;
  }
  return nullptr;
}

bool is_duration(const Type* t) { return t->kind == TypeKind::Named && t->pkg == "time" && t->name == "Duration"; }

bool Printer::call_method(const Val& arg, char32_t verb, const FuncObj* m, const char* name) {
  std::optional<MethodResult> r = mem_.call_string_method(m, arg.t, arg.b);
  if (!r) return false;
  if (!r->panicked) {
    if (std::strcmp(name, "GoString") == 0) {
      fmt_s(r->text);  // GoString's result is printed unadorned
    } else {
      fmt_string(r->text, verb);
    }
    return true;
  }
  // print.go catchPanic: a nil pointer receiver prints <nil>.
  if (arg.t->kind == TypeKind::Pointer && addr_of(arg) == 0) {
    buf += kNilAngle;
    return true;
  }
  Flags old = f_;
  int ow = wid_, op = prec_;
  clearflags();
  buf += kPercentBang;
  write_rune(verb);
  buf += kPanic;
  buf += name;
  buf += " method: ";
  panicking_ = true;
  buf += r->text;
  panicking_ = false;
  buf += ')';
  f_ = old;
  wid_ = ow;
  prec_ = op;
  return true;
}

// print.go handleMethods: error and Stringer for the verbs that accept a string.
bool Printer::handle_methods(const Val& arg, char32_t verb) {
  if (erroring_) return false;
  if (verb == 'w') {
    // %w is valid only in Errorf, with an error operand (Go 1.19: only once).
    bool is_error =
        arg.valid() && ((arg.err && arg.t == &err_types().ptr) || find_string_method(arg.t, "Error") != nullptr);
    if (!is_error || !wrap_errs || (!modern_w && wrapped_err_119)) {
      if (!modern_w) {
        wrapped_err_119 = false;
        wrap_errs = false;
      }
      bad_verb(verb);
      return true;
    }
    if (!modern_w) wrapped_err_119 = true;
    verb = 'v';  // formatted as %v
  }
  if (!arg.valid()) return false;  // a nil interface has no methods
  if (f_.sharp_v) {  // Go syntax: only a GoString method applies
    const FuncObj* m = find_string_method(arg.t, "GoString");
    return m && !m->is_lib && call_method(arg, verb, m, "GoString");
  }
  switch (verb) {
    case 'v':
    case 's':
    case 'x':
    case 'X':
    case 'q': break;
    default: return false;
  }
  if (arg.err && arg.t == &err_types().ptr) {
    fmt_string(arg.err->text, verb);
    return true;
  }
  const Type* t = arg.t;
  const Type* named = t->kind == TypeKind::Pointer ? t->elem : t;
  if (named && is_duration(named)) {
    if (t->kind == TypeKind::Pointer) {
      Addr p = addr_of(arg);
      if (p == 0) {  // value method through a nil pointer panics; catchPanic prints <nil>
        buf += kNilAngle;
        return true;
      }
      fmt_string(duration_string(static_cast<std::int64_t>(load_u(read(p, 8), 8))), verb);
      return true;
    }
    fmt_string(duration_string(static_cast<std::int64_t>(load_u(arg.b, 8))), verb);
    return true;
  }
  if (named && named->kind == TypeKind::Named && named->pkg == "time" && named->name == "Time") {
    const std::uint8_t* tb = arg.b;
    if (t->kind == TypeKind::Pointer) {
      Addr p = addr_of(arg);
      if (p == 0) {
        buf += kNilAngle;
        return true;
      }
      tb = read(p, size_align(named).size);
    }
    std::optional<std::string> text = mem_.time_string(tb);
    if (!text) return false;
    fmt_string(*text, verb);
    return true;
  }
  if (const FuncObj* m = find_string_method(t, "Error")) {
    if (!m->is_lib && call_method(arg, verb, m, "Error")) return true;
    return false;
  }
  if (const FuncObj* m = find_string_method(t, "String")) {
    if (!m->is_lib && call_method(arg, verb, m, "String")) return true;
  }
  return false;
}

void Printer::print_arg(const Val& arg, char32_t verb) {
  arg_ = arg;
  has_arg_ = arg.valid();
  value_ = Val{};
  if (!arg.valid()) {
    if (verb == 'T' || verb == 'v') {
      pad(kNilAngle);
    } else {
      bad_verb(verb);
    }
    return;
  }
  // %T and %p are special; always do them first.
  if (verb == 'T') {
    fmt_s(type_str(arg));
    return;
  }
  if (verb == 'p') {
    fmt_pointer(arg, 'p');
    return;
  }
  // Unnamed basic types and []byte are done without reflection (and methods).
  const Type* t = arg.t;
  if (t->kind == TypeKind::Basic) {
    BasicKind k = basic_kind(t);
    if (k == BasicKind::Bool) {
      fmt_bool(arg.b[0] != 0, verb);
    } else if (k == BasicKind::Float32) {
      float f;
      std::memcpy(&f, arg.b, 4);
      fmt_float(static_cast<double>(f), 32, verb);
    } else if (k == BasicKind::Float64) {
      double f;
      std::memcpy(&f, arg.b, 8);
      fmt_float(f, 64, verb);
    } else if (is_signed_kind(k)) {
      fmt_int(static_cast<std::uint64_t>(load_s(arg.b, int_size(k))), true, verb);
    } else if (is_unsigned_kind(k)) {
      fmt_int(load_u(arg.b, int_size(k)), false, verb);
    } else if (k == BasicKind::String) {
      fmt_string(string_of(arg), verb);
    } else {
      print_value(arg, verb, 0);
    }
    return;
  }
  if (t->kind == TypeKind::Slice && t->elem->kind == TypeKind::Basic && basic_kind(t->elem) == BasicKind::Uint8) {
    Addr data = load_u(arg.b, 8);
    std::uint64_t len = load_u(arg.b + 8, 8);
    std::string bytes(reinterpret_cast<const char*>(read(data, len)), len);
    fmt_bytes(bytes, data == 0, verb, "[]byte", &arg);
    return;
  }
  if (!handle_methods(arg, verb)) print_value(arg, verb, 0);
}

Val Printer::field(const Val& v, std::size_t i, const std::vector<std::uint64_t>& offs) {
  const Type* u = v.t->underlying();
  const StructField& sf = u->fields[i];
  Val f;
  f.t = sf.type;
  f.b = v.b ? v.b + offs[i] : nullptr;
  f.err = v.err;
  // reflect: a field whose name is not exported is read-only (no Interface()).
  f.ro = v.ro || sf.name.empty() || !(sf.name[0] >= 'A' && sf.name[0] <= 'Z');
  if (v.err) return f;
  // print.go getField: a non-nil interface field is its dynamic value.
  if (is_interface_type(f.t)) {
    Val e = iface_elem(f);
    if (e.valid()) return e;
  }
  return f;
}

void Printer::print_value(const Val& value, char32_t verb, int depth) {
  // Methods at depth 0 were handled by print_arg.
  if (depth > 0 && value.valid() && !value.ro) {
    Val a = value;
    if (is_interface_type(a.t)) a = iface_elem(a);
    arg_ = a;
    has_arg_ = a.valid();
    if (handle_methods(a, verb)) return;
  }
  has_arg_ = false;
  arg_ = Val{};
  value_ = value;

  if (!value.valid()) {
    if (depth == 0) {
      buf += "<invalid reflect.Value>";
    } else if (verb == 'v') {
      buf += kNilAngle;
    } else {
      bad_verb(verb);
    }
    return;
  }
  const Type* t = value.t;
  const Type* u = t->underlying();
  switch (u->kind) {
    case TypeKind::Basic: {
      BasicKind k = basic_kind(u);
      if (k == BasicKind::Bool) {
        fmt_bool(value.b[0] != 0, verb);
      } else if (is_signed_kind(k)) {
        fmt_int(static_cast<std::uint64_t>(load_s(value.b, int_size(k))), true, verb);
      } else if (is_unsigned_kind(k)) {
        fmt_int(load_u(value.b, int_size(k)), false, verb);
      } else if (k == BasicKind::Float32) {
        float f;
        std::memcpy(&f, value.b, 4);
        fmt_float(static_cast<double>(f), 32, verb);
      } else if (k == BasicKind::Float64) {
        double f;
        std::memcpy(&f, value.b, 8);
        fmt_float(f, 64, verb);
      } else if (k == BasicKind::String) {
        fmt_string(string_of(value), verb);
      } else {
        buf += '?';
        buf += type_str(value);
        buf += '?';
      }
      return;
    }
    case TypeKind::Map: {
      Addr m = addr_of(value);
      if (f_.sharp_v) {
        buf += type_str(value);
        if (m == 0) {
          buf += kNilParen;
          return;
        }
        buf += '{';
      } else {
        buf += "map[";
      }
      std::vector<std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>>> entries;
      if (m != 0) mem_.map_entries(t, m, entries);
      // internal/fmtsort: a stable sort of the keys.
      std::vector<std::size_t> order(entries.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        Val ka{u->key, entries[a].first.data(), value.ro, nullptr};
        Val kb{u->key, entries[b].first.data(), value.ro, nullptr};
        return compare(ka, kb) < 0;
      });
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (i > 0) {
          if (f_.sharp_v) {
            buf += ", ";
          } else {
            buf += ' ';
          }
        }
        const auto& e = entries[order[i]];
        print_value(Val{u->key, e.first.data(), value.ro, nullptr}, verb, depth + 1);
        buf += ':';
        print_value(Val{u->elem, e.second.data(), value.ro, nullptr}, verb, depth + 1);
      }
      buf += f_.sharp_v ? '}' : ']';
      return;
    }
    case TypeKind::Struct: {
      if (f_.sharp_v) buf += type_str(value);
      buf += '{';
      std::vector<std::uint64_t> offs;
      if (value.err) {
        offs.assign(u->fields.size(), 0);
      } else {
        struct_offsets(t, offs);
      }
      for (std::size_t i = 0; i < u->fields.size(); ++i) {
        if (i > 0) {
          if (f_.sharp_v) {
            buf += ", ";
          } else {
            buf += ' ';
          }
        }
        if (f_.plus_v || f_.sharp_v) {
          const std::string& name = u->fields[i].name;
          if (!name.empty()) {
            buf += name;
            buf += ':';
          }
        }
        print_value(field(value, i, offs), verb, depth + 1);
      }
      buf += '}';
      return;
    }
    case TypeKind::Interface: {
      Val e = iface_elem(value);
      if (!e.valid()) {
        if (f_.sharp_v) {
          buf += type_str(value);
          buf += kNilParen;
        } else {
          buf += kNilAngle;
        }
      } else {
        print_value(e, verb, depth + 1);
      }
      return;
    }
    case TypeKind::Array:
    case TypeKind::Slice: {
      std::uint64_t len;
      const std::uint8_t* data;
      bool nil_slice = false;
      std::uint64_t esize = size_align(u->elem).size;
      if (u->kind == TypeKind::Slice) {
        Addr a = load_u(value.b, 8);
        len = load_u(value.b + 8, 8);
        nil_slice = a == 0;
        data = read(a, len * esize);
      } else {
        len = static_cast<std::uint64_t>(u->len);
        data = value.b;
      }
      if (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
        // Byte (uint8) slices and arrays print as strings for these verbs.
        const Type* eu = u->elem->underlying();
        if (eu->kind == TypeKind::Basic && basic_kind(eu) == BasicKind::Uint8) {
          std::string bytes(reinterpret_cast<const char*>(data), len);
          fmt_bytes(bytes, nil_slice, verb, type_str(value), nullptr);
          return;
        }
      }
      if (f_.sharp_v) {
        buf += type_str(value);
        if (u->kind == TypeKind::Slice && nil_slice) {
          buf += kNilParen;
          return;
        }
        buf += '{';
        for (std::uint64_t i = 0; i < len; i++) {
          if (i > 0) buf += ", ";
          print_value(Val{u->elem, data + i * esize, value.ro, nullptr}, verb, depth + 1);
        }
        buf += '}';
      } else {
        buf += '[';
        for (std::uint64_t i = 0; i < len; i++) {
          if (i > 0) buf += ' ';
          print_value(Val{u->elem, data + i * esize, value.ro, nullptr}, verb, depth + 1);
        }
        buf += ']';
      }
      return;
    }
    case TypeKind::Pointer: {
      // A pointer to an array, slice, struct or map prints its pointee at the
      // top level, but not nested (avoids loops).
      Addr p = addr_of(value);
      if (depth == 0 && p != 0) {
        const Type* eu = u->elem->underlying();
        switch (eu->kind) {
          case TypeKind::Array:
          case TypeKind::Slice:
          case TypeKind::Struct:
          case TypeKind::Map: {
            buf += '&';
            Val e;
            e.t = u->elem;
            e.ro = value.ro;
            e.err = value.err;
            e.b = value.err ? nullptr : read(p, size_align(u->elem).size);
            print_value(e, verb, depth + 1);
            return;
          }
          default: break;
        }
      }
      fmt_pointer(value, verb);
      return;
    }
    case TypeKind::Signature: fmt_pointer(value, verb); return;
    default:
      buf += '?';
      buf += type_str(value);
      buf += '?';
      return;
  }
}

// internal/fmtsort compare: -1, 0, 1.
int Printer::compare(const Val& a, const Val& b) {
  const Type* u = a.t->underlying();
  auto cmp3 = [](auto x, auto y) { return x < y ? -1 : x > y ? 1 : 0; };
  switch (u->kind) {
    case TypeKind::Basic: {
      BasicKind k = basic_kind(u);
      if (is_signed_kind(k)) return cmp3(load_s(a.b, int_size(k)), load_s(b.b, int_size(k)));
      if (is_unsigned_kind(k)) return cmp3(load_u(a.b, int_size(k)), load_u(b.b, int_size(k)));
      if (k == BasicKind::String) return cmp3(string_of(a), string_of(b));
      if (k == BasicKind::Float32 || k == BasicKind::Float64) {
        double x, y;
        if (k == BasicKind::Float32) {
          float fx, fy;
          std::memcpy(&fx, a.b, 4);
          std::memcpy(&fy, b.b, 4);
          x = fx;
          y = fy;
        } else {
          std::memcpy(&x, a.b, 8);
          std::memcpy(&y, b.b, 8);
        }
        // cmp.Compare: a NaN is less than any non-NaN, NaNs are equal
        bool xn = x != x, yn = y != y;
        if (xn) return yn ? 0 : -1;
        if (yn) return 1;
        return cmp3(x, y);
      }
      if (k == BasicKind::Bool) return cmp3(a.b[0] != 0, b.b[0] != 0);
      return 0;
    }
    case TypeKind::Pointer:
    case TypeKind::Map:
    case TypeKind::Signature: return cmp3(addr_of(a), addr_of(b));
    case TypeKind::Struct: {
      std::vector<std::uint64_t> offs;
      struct_offsets(a.t, offs);
      for (std::size_t i = 0; i < u->fields.size(); ++i) {
        const Type* ft = u->fields[i].type;
        int c = compare(Val{ft, a.b + offs[i], false, nullptr}, Val{ft, b.b + offs[i], false, nullptr});
        if (c != 0) return c;
      }
      return 0;
    }
    case TypeKind::Array: {
      std::uint64_t es = size_align(u->elem).size;
      for (std::int64_t i = 0; i < u->len; ++i) {
        std::uint64_t o = static_cast<std::uint64_t>(i) * es;
        int c = compare(Val{u->elem, a.b + o, false, nullptr}, Val{u->elem, b.b + o, false, nullptr});
        if (c != 0) return c;
      }
      return 0;
    }
    case TypeKind::Interface: {
      // nil compares low; then by concrete type (all errors here share
      // *errors.errorString), then by value: the pointers' addresses.
      Addr ta = load_u(a.b, 8), tb = load_u(b.b, 8);
      bool an = ta == 0, bn = tb == 0;
      if (an || bn) return an && bn ? 0 : an ? -1 : 1;
      return cmp3(load_u(a.b + 8, 8), load_u(b.b + 8, 8));
    }
    default: return 0;
  }
}

// print.go intFromArg: the operand of a * width or precision.
bool Printer::int_from_arg(const std::vector<Arg>& a, int& arg_num, int& num) {
  num = 0;
  bool is_int = false;
  if (arg_num < static_cast<int>(a.size())) {
    const Arg& x = a[static_cast<std::size_t>(arg_num)];
    if (x.type && x.type->underlying()->kind == TypeKind::Basic) {
      BasicKind k = basic_kind(x.type->underlying());
      if (is_signed_kind(k)) {
        std::int64_t n = load_s(x.bytes, int_size(k));
        num = static_cast<int>(n);
        is_int = n >= INT32_MIN && n <= INT32_MAX;  // int(n) == n (tooLarge rejects the rest anyway)
        if (!is_int) num = 0;
      } else if (is_unsigned_kind(k)) {
        std::uint64_t n = load_u(x.bytes, int_size(k));
        if (n <= static_cast<std::uint64_t>(INT32_MAX)) {
          num = static_cast<int>(n);
          is_int = true;
        }
      }
    }
    arg_num++;
    if (num > 1000000 || num < -1000000) {  // tooLarge
      num = 0;
      is_int = false;
    }
  }
  return is_int;
}

bool too_large(int x) { return x > 1000000 || x < -1000000; }

// print.go parsenum
bool parsenum(std::string_view s, std::size_t start, std::size_t end, int& num, std::size_t& newi) {
  num = 0;
  bool isnum = false;
  if (start >= end) {
    newi = end;
    return false;
  }
  for (newi = start; newi < end && s[newi] >= '0' && s[newi] <= '9'; newi++) {
    if (too_large(num)) {
      num = 0;
      newi = end;
      return false;
    }
    num = num * 10 + (s[newi] - '0');
    isnum = true;
  }
  return isnum;
}

// print.go parseArgNumber: the value of "[n]" minus 1.
bool parse_arg_number(std::string_view format, int& index, std::size_t& wid) {
  index = 0;
  wid = 1;
  if (format.size() < 3) return false;
  for (std::size_t i = 1; i < format.size(); i++) {
    if (format[i] == ']') {
      int width;
      std::size_t newi;
      bool ok = parsenum(format, 1, i, width, newi);
      if (!ok || newi != i) {
        wid = i + 1;
        return false;
      }
      index = width - 1;
      wid = i + 1;
      return true;
    }
  }
  return false;
}

}  // namespace

// ===========================================================================

void Printer::do_print(const std::vector<Arg>& a) {
  bool prev_string = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    Val v = operand(a[i]);
    bool is_string = v.valid() && !v.err && v.t->underlying()->kind == TypeKind::Basic &&
                     basic_kind(v.t->underlying()) == BasicKind::String;
    if (i > 0 && !is_string && !prev_string) buf += ' ';  // a space between two non-strings
    print_arg(v, 'v');
    prev_string = is_string;
  }
}

void Printer::do_println(const std::vector<Arg>& a) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (i > 0) buf += ' ';
    print_arg(a[i], 'v');
  }
  buf += '\n';
}

void Printer::do_printf(std::string_view format, const std::vector<Arg>& a) {
  const std::size_t end = format.size();
  const int nargs = static_cast<int>(a.size());
  int arg_num = 0;
  bool after_index = false;
  reordered = false;
  bool good_arg_num = true;

  // print.go argNumber
  auto arg_number = [&](int an, std::size_t i, std::size_t& newi, bool& found) -> int {
    found = false;
    newi = i;
    if (format.size() <= i || format[i] != '[') return an;
    reordered = true;
    int index;
    std::size_t wid;
    bool ok = parse_arg_number(format.substr(i), index, wid);
    newi = i + wid;
    if (ok && 0 <= index && index < nargs) {
      found = true;
      return index;
    }
    good_arg_num = false;
    found = ok;
    return an;
  };

  for (std::size_t i = 0; i < end;) {
    good_arg_num = true;
    std::size_t lasti = i;
    while (i < end && format[i] != '%') i++;
    if (i > lasti) buf.append(format.substr(lasti, i - lasti));
    if (i >= end) break;
    i++;  // skip %
    clearflags();
    bool simple_done = false;
    for (; i < end; i++) {
      char c = format[i];
      if (c == '#') {
        f_.sharp = true;
      } else if (c == '0') {
        f_.zero = true;
      } else if (c == '+') {
        f_.plus = true;
      } else if (c == '-') {
        f_.minus = true;
      } else if (c == ' ') {
        f_.space = true;
      } else {
        // Fast path: a lower case ASCII verb without width, precision or index.
        if (c >= 'a' && c <= 'z' && arg_num < nargs) {
          if (c == 'w' && modern_w) wrapped_errs.push_back(arg_num);
          if (c == 'v' || (c == 'w' && modern_w)) {
            f_.sharp_v = f_.sharp;
            f_.sharp = false;
            f_.plus_v = f_.plus;
            f_.plus = false;
          }
          print_arg(a[static_cast<std::size_t>(arg_num)], static_cast<char32_t>(c));
          arg_num++;
          i++;
          simple_done = true;
        }
        break;
      }
    }
    if (simple_done) continue;

    // Argument index?
    std::size_t ni;
    arg_num = arg_number(arg_num, i, ni, after_index);
    i = ni;

    // Width?
    if (i < end && format[i] == '*') {
      i++;
      f_.wid_present = int_from_arg(a, arg_num, wid_);
      if (!f_.wid_present) buf += kBadWidth;
      if (wid_ < 0) {  // a negative width means the - flag
        wid_ = -wid_;
        f_.minus = true;
        f_.zero = false;  // no zero padding to the right
      }
      after_index = false;
    } else {
      f_.wid_present = parsenum(format, i, end, wid_, ni);
      i = ni;
      if (after_index && f_.wid_present) good_arg_num = false;  // "%[3]2d"
    }

    // Precision?
    if (i + 1 < end && format[i] == '.') {
      i++;
      if (after_index) good_arg_num = false;  // "%[3].2d"
      arg_num = arg_number(arg_num, i, ni, after_index);
      i = ni;
      if (i < end && format[i] == '*') {
        i++;
        f_.prec_present = int_from_arg(a, arg_num, prec_);
        if (prec_ < 0) {  // negative precision makes no sense
          prec_ = 0;
          f_.prec_present = false;
        }
        if (!f_.prec_present) buf += kBadPrec;
        after_index = false;
      } else {
        f_.prec_present = parsenum(format, i, end, prec_, ni);
        i = ni;
        if (!f_.prec_present) {
          prec_ = 0;
          f_.prec_present = true;
        }
      }
    }

    if (!after_index) {
      arg_num = arg_number(arg_num, i, ni, after_index);
      i = ni;
    }

    if (i >= end) {
      buf += kNoVerb;
      break;
    }

    int size = 0;
    std::int32_t verb = decode_rune(format.substr(i), size);
    i += static_cast<std::size_t>(size);

    if (verb == '%') {  // absorbs no operand and ignores width and precision
      buf += '%';
    } else if (!good_arg_num) {
      buf += kPercentBang;
      write_rune(static_cast<char32_t>(verb));
      buf += kBadIndex;
    } else if (arg_num >= nargs) {
      buf += kPercentBang;
      write_rune(static_cast<char32_t>(verb));
      buf += kMissing;
    } else {
      if (verb == 'w' && modern_w) wrapped_errs.push_back(arg_num);
      if (verb == 'v' || (verb == 'w' && modern_w)) {
        f_.sharp_v = f_.sharp;
        f_.sharp = false;
        f_.plus_v = f_.plus;
        f_.plus = false;
      }
      print_arg(a[static_cast<std::size_t>(arg_num)], static_cast<char32_t>(verb));
      arg_num++;
    }
  }

  // Extra operands, unless they were accessed out of order.
  if (!reordered && arg_num < nargs) {
    clearflags();
    buf += kExtra;
    for (int k = arg_num; k < nargs; ++k) {
      if (k > arg_num) buf += ", ";
      Val v = operand(a[static_cast<std::size_t>(k)]);
      if (!v.valid()) {
        buf += kNilAngle;
      } else {
        buf += type_str(v);
        buf += '=';
        print_arg(v, 'v');
      }
    }
    buf += ')';
  }
}

// ===========================================================================

namespace {
std::string take(Printer& p, std::vector<std::uint32_t>* appends) {
  if (appends) *appends = std::move(p.buf.appends);
  return std::move(p.buf.s);
}
}  // namespace

std::string sprint(const std::vector<Arg>& args, const ValueMemory& mem, std::vector<std::uint32_t>* appends) {
  Printer p(mem);
  p.do_print(args);
  return take(p, appends);
}

std::string sprintln(const std::vector<Arg>& args, const ValueMemory& mem, std::vector<std::uint32_t>* appends) {
  Printer p(mem);
  p.do_println(args);
  return take(p, appends);
}

std::string sprintf(std::string_view format, const std::vector<Arg>& args, const ValueMemory& mem,
                    std::vector<std::uint32_t>* appends) {
  Printer p(mem);
  p.do_printf(format, args);
  return take(p, appends);
}

ErrorfResult errorf(std::string_view format, const std::vector<Arg>& args, const ValueMemory& mem,
                    runtime::GoVersion version, std::vector<std::uint32_t>* appends) {
  Printer p(mem);
  p.wrap_errs = true;
  p.modern_w = version.minor >= 20;  // Go 1.20: several %w (wrapErrors)
  p.do_printf(format, args);
  ErrorfResult r;
  r.text = take(p, appends);
  if (!p.modern_w) {
    r.type_name = p.wrapped_err_119 ? "*fmt.wrapError" : "*errors.errorString";
  } else if (p.wrapped_errs.empty()) {
    r.type_name = "*errors.errorString";
  } else {
    r.type_name = p.wrapped_errs.size() == 1 ? "*fmt.wrapError" : "*fmt.wrapErrors";
  }
  return r;
}

std::string format_float(double f, char fmt, int prec, int bit_size) {
  std::string s;
  append_float(s, f, fmt, prec, bit_size);
  return s;
}

std::string quote(std::string_view s) {
  std::string out;
  append_quoted_with(out, s, '"', false);
  return out;
}

std::string quote_to_ascii(std::string_view s) {
  std::string out;
  append_quoted_with(out, s, '"', true);
  return out;
}

// time/time.go Duration.String (format, fmtFrac, fmtInt)
std::string duration_string(std::int64_t d) {
  char buf[32];
  int w = 32;
  std::uint64_t u = static_cast<std::uint64_t>(d);
  bool neg = d < 0;
  if (neg) u = ~u + 1;

  auto fmt_frac = [&](std::uint64_t v, int prec) {
    bool print = false;
    for (int i = 0; i < prec; i++) {
      std::uint64_t digit = v % 10;
      print = print || digit != 0;
      if (print) buf[--w] = static_cast<char>('0' + digit);
      v /= 10;
    }
    if (print) buf[--w] = '.';
    return v;
  };
  auto fmt_int = [&](std::uint64_t v) {
    if (v == 0) {
      buf[--w] = '0';
    } else {
      while (v > 0) {
        buf[--w] = static_cast<char>('0' + v % 10);
        v /= 10;
      }
    }
  };

  constexpr std::uint64_t kSecond = 1000000000, kMicro = 1000, kMilli = 1000000;
  if (u < kSecond) {
    // Less than a second: smaller units, like 1.2ms.
    int prec = 0;
    buf[--w] = 's';
    --w;
    if (u == 0) {
      buf[w] = '0';
      return std::string(buf + w, static_cast<std::size_t>(32 - w));
    }
    if (u < kMicro) {
      prec = 0;
      buf[w] = 'n';
    } else if (u < kMilli) {
      prec = 3;
      // U+00B5 'µ' micro sign == 0xC2 0xB5
      --w;
      buf[w] = static_cast<char>(0xC2);
      buf[w + 1] = static_cast<char>(0xB5);
    } else {
      prec = 6;
      buf[w] = 'm';
    }
    u = fmt_frac(u, prec);
    fmt_int(u);
  } else {
    buf[--w] = 's';
    u = fmt_frac(u, 9);
    fmt_int(u % 60);  // integer seconds
    u /= 60;
    if (u > 0) {  // integer minutes
      buf[--w] = 'm';
      fmt_int(u % 60);
      u /= 60;
      if (u > 0) {  // hours: stop here, days differ in length
        buf[--w] = 'h';
        fmt_int(u);
      }
    }
  }
  if (neg) buf[--w] = '-';
  return std::string(buf + w, static_cast<std::size_t>(32 - w));
}

std::string reflect_type_string(const Type* t) {
  std::string s;
  append_reflect_type(s, t);
  return s;
}

}  // namespace bucketlab::lang::fmt
