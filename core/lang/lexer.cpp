#include "core/lang/lexer.h"

#include "core/lang/text.h"

namespace bucketlab::lang {

namespace {

const char* const kTokNames[] = {
    "none", "EOF", "name", "literal", "op", "op=", "opop", "=", ":=", "<-", "*",
    "(", "[", "{", ")", "]", "}", ",", ";", ":", ".", "...",
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
    "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
    "return", "select", "struct", "switch", "type", "var",
};
static_assert(sizeof kTokNames / sizeof kTokNames[0] == static_cast<std::size_t>(Tok::Count));

const char* const kOpNames[] = {
    "", ":", "!", "<-", "~", "||", "&&", "==", "!=", "<", "<=", ">", ">=",
    "+", "-", "|", "^", "*", "/", "%", "&", "&^", "<<", ">>",
};

std::int32_t lower(std::int32_t ch) { return ('a' - 'A') | ch; }
bool isLetter(std::int32_t ch) { return ('a' <= lower(ch) && lower(ch) <= 'z') || ch == '_'; }
bool isDecimal(std::int32_t ch) { return '0' <= ch && ch <= '9'; }
bool isHex(std::int32_t ch) { return ('0' <= ch && ch <= '9') || ('a' <= lower(ch) && lower(ch) <= 'f'); }

const char* baseName(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 10: return "decimal";
    default: return "hexadecimal";
  }
}

Tok keyword(std::string_view s) {
  if (s.size() < 2) return Tok::None;
  for (int t = static_cast<int>(Tok::Break); t <= static_cast<int>(Tok::Var); ++t)
    if (s == kTokNames[t]) return static_cast<Tok>(t);
  return Tok::None;
}

// invalidSep returns the index of the first invalid separator in x, or -1.
int invalidSep(std::string_view x) {
  std::int32_t x1 = ' ';
  std::int32_t d = '.';
  std::size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    x1 = lower(static_cast<unsigned char>(x[1]));
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); i++) {
    std::int32_t p = d;
    d = static_cast<unsigned char>(x[i]);
    if (d == '_') {
      if (p != '0') return static_cast<int>(i);
    } else if (isDecimal(d) || (x1 == 'x' && isHex(d))) {
      d = '0';
    } else {
      if (p == '_') return static_cast<int>(i) - 1;
      d = '.';
    }
  }
  if (d == '_') return static_cast<int>(x.size()) - 1;
  return -1;
}

}  // namespace

const char* tok_string(Tok t) { return kTokNames[static_cast<int>(t)]; }

std::string tokstring(Tok t) {
  switch (t) {
    case Tok::Comma: return "comma";
    case Tok::Semi: return "semicolon or newline";
    default: break;
  }
  if (is_keyword(t)) return std::string("keyword ") + tok_string(t);
  return tok_string(t);
}

const char* op_string(Op o) { return kOpNames[static_cast<int>(o)]; }

Lexer::Lexer(std::string_view src, ErrorHandler errh) : src_(src), errh_(std::move(errh)) {}

// ---------------------------------------------------------------------------
// source.go

void Lexer::error(const std::string& msg) { errh_(pos_line(), pos_col(), msg); }

void Lexer::rewind() {
  col_ -= static_cast<std::uint32_t>(r_ - b_);
  r_ = b_;
  nextch();
}

void Lexer::nextch() {
redo:
  col_ += static_cast<std::uint32_t>(chw_);
  if (ch_ == '\n') {
    line_++;
    col_ = 0;
  }
  if (r_ >= src_.size()) {  // EOF
    ch_ = -1;
    chw_ = 0;
    return;
  }
  auto c = static_cast<unsigned char>(src_[r_]);
  if (c < 0x80) {
    r_++;
    chw_ = 1;
    ch_ = c;
    if (c == 0) {
      error("invalid NUL character");
      goto redo;
    }
    return;
  }
  int w;
  ch_ = decode_rune(src_.substr(r_), w);
  chw_ = w;
  r_ += static_cast<std::size_t>(w);
  if (ch_ == kRuneError && w == 1) {
    error("invalid UTF-8 encoding");
    goto redo;
  }
  if (ch_ == 0xFEFF) {  // BOMs are only allowed as the first character in a file
    if (line_ > 0 || col_ > 0) error("invalid BOM in the middle of the file");
    goto redo;
  }
}

// ---------------------------------------------------------------------------
// scanner.go

void Lexer::errorAt(int offset, const std::string& msg) {
  errh_(line, col + static_cast<std::uint32_t>(offset), msg);
}

void Lexer::setLit(LitKind k, bool ok) {
  nlsemi_ = true;
  tok = Tok::Literal;
  lit = std::string(segment());
  bad = !ok;
  kind = k;
}

void Lexer::next() {
  bool nlsemi = nlsemi_;
  nlsemi_ = false;

redo:
  // skip white space
  stop();
  std::uint32_t startLine = pos_line(), startCol = pos_col();
  while (ch_ == ' ' || ch_ == '\t' || (ch_ == '\n' && !nlsemi) || ch_ == '\r') nextch();

  // token start
  line = pos_line();
  col = pos_col();
  blank = line > startLine || startCol == 1;
  start();
  offset = b_;
  if (isLetter(ch_) || (ch_ >= 0x80 && atIdentChar(true))) {
    nextch();
    ident();
    end_offset = r_ - static_cast<std::size_t>(chw_);
    return;
  }

  switch (ch_) {
    case -1:
      if (nlsemi) {
        lit = "EOF";
        tok = Tok::Semi;
        break;
      }
      tok = Tok::EOF_;
      break;
    case '\n':
      nextch();
      lit = "newline";
      tok = Tok::Semi;
      break;
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      number(false);
      break;
    case '"':
      stdString();
      break;
    case '`':
      rawString();
      break;
    case '\'':
      rune_();
      break;
    case '(':
      nextch();
      tok = Tok::Lparen;
      break;
    case '[':
      nextch();
      tok = Tok::Lbrack;
      break;
    case '{':
      nextch();
      tok = Tok::Lbrace;
      break;
    case ',':
      nextch();
      tok = Tok::Comma;
      break;
    case ';':
      nextch();
      lit = "semicolon";
      tok = Tok::Semi;
      break;
    case ')':
      nextch();
      nlsemi_ = true;
      tok = Tok::Rparen;
      break;
    case ']':
      nextch();
      nlsemi_ = true;
      tok = Tok::Rbrack;
      break;
    case '}':
      nextch();
      nlsemi_ = true;
      tok = Tok::Rbrace;
      break;
    case ':':
      nextch();
      if (ch_ == '=') {
        nextch();
        tok = Tok::Define;
        break;
      }
      tok = Tok::Colon;
      break;
    case '.':
      nextch();
      if (isDecimal(ch_)) {
        number(true);
        break;
      }
      if (ch_ == '.') {
        nextch();
        if (ch_ == '.') {
          nextch();
          tok = Tok::DotDotDot;
          break;
        }
        rewind();  // now ch holds 1st '.'
        nextch();  // consume 1st '.' again
      }
      tok = Tok::Dot;
      break;
    case '+':
      nextch();
      op = Op::Add;
      prec = kPrecAdd;
      if (ch_ != '+') goto assignop;
      nextch();
      nlsemi_ = true;
      tok = Tok::IncOp;
      break;
    case '-':
      nextch();
      op = Op::Sub;
      prec = kPrecAdd;
      if (ch_ != '-') goto assignop;
      nextch();
      nlsemi_ = true;
      tok = Tok::IncOp;
      break;
    case '*':
      nextch();
      op = Op::Mul;
      prec = kPrecMul;
      if (ch_ == '=') {
        nextch();
        tok = Tok::AssignOp;
        break;
      }
      tok = Tok::Star;
      break;
    case '/':
      nextch();
      if (ch_ == '/') {
        nextch();
        lineComment();
        goto redo;
      }
      if (ch_ == '*') {
        nextch();
        fullComment();
        if (pos_line() > line && nlsemi) {
          // A multi-line comment acts like a newline.
          lit = "newline";
          tok = Tok::Semi;
          break;
        }
        goto redo;
      }
      op = Op::Div;
      prec = kPrecMul;
      goto assignop;
    case '%':
      nextch();
      op = Op::Rem;
      prec = kPrecMul;
      goto assignop;
    case '&':
      nextch();
      if (ch_ == '&') {
        nextch();
        op = Op::AndAnd;
        prec = kPrecAndAnd;
        tok = Tok::Operator;
        break;
      }
      op = Op::And;
      prec = kPrecMul;
      if (ch_ == '^') {
        nextch();
        op = Op::AndNot;
      }
      goto assignop;
    case '|':
      nextch();
      if (ch_ == '|') {
        nextch();
        op = Op::OrOr;
        prec = kPrecOrOr;
        tok = Tok::Operator;
        break;
      }
      op = Op::Or;
      prec = kPrecAdd;
      goto assignop;
    case '^':
      nextch();
      op = Op::Xor;
      prec = kPrecAdd;
      goto assignop;
    case '<':
      nextch();
      if (ch_ == '=') {
        nextch();
        op = Op::Leq;
        prec = kPrecCmp;
        tok = Tok::Operator;
        break;
      }
      if (ch_ == '<') {
        nextch();
        op = Op::Shl;
        prec = kPrecMul;
        goto assignop;
      }
      if (ch_ == '-') {
        nextch();
        tok = Tok::Arrow;
        break;
      }
      op = Op::Lss;
      prec = kPrecCmp;
      tok = Tok::Operator;
      break;
    case '>':
      nextch();
      if (ch_ == '=') {
        nextch();
        op = Op::Geq;
        prec = kPrecCmp;
        tok = Tok::Operator;
        break;
      }
      if (ch_ == '>') {
        nextch();
        op = Op::Shr;
        prec = kPrecMul;
        goto assignop;
      }
      op = Op::Gtr;
      prec = kPrecCmp;
      tok = Tok::Operator;
      break;
    case '=':
      nextch();
      if (ch_ == '=') {
        nextch();
        op = Op::Eql;
        prec = kPrecCmp;
        tok = Tok::Operator;
        break;
      }
      tok = Tok::Assign;
      break;
    case '!':
      nextch();
      if (ch_ == '=') {
        nextch();
        op = Op::Neq;
        prec = kPrecCmp;
        tok = Tok::Operator;
        break;
      }
      op = Op::Not;
      prec = 0;
      tok = Tok::Operator;
      break;
    case '~':
      nextch();
      op = Op::Tilde;
      prec = 0;
      tok = Tok::Operator;
      break;
    default:
      error("invalid character " + format_U(ch_));
      nextch();
      goto redo;
  }
  end_offset = r_ - static_cast<std::size_t>(chw_);
  return;

assignop:
  if (ch_ == '=') {
    nextch();
    tok = Tok::AssignOp;
    end_offset = r_ - static_cast<std::size_t>(chw_);
    return;
  }
  tok = Tok::Operator;
  end_offset = r_ - static_cast<std::size_t>(chw_);
}

void Lexer::ident() {
  while (isLetter(ch_) || isDecimal(ch_)) nextch();
  if (ch_ >= 0x80)
    while (atIdentChar(false)) nextch();
  std::string_view s = segment();
  Tok kw = keyword(s);
  if (kw != Tok::None) {
    nlsemi_ = kw == Tok::Break || kw == Tok::Continue || kw == Tok::Fallthrough || kw == Tok::Return;
    tok = kw;
    return;
  }
  nlsemi_ = true;
  lit = std::string(s);
  tok = Tok::Name;
}

bool Lexer::atIdentChar(bool first) {
  if (is_letter(ch_) || ch_ == '_') {
    // ok
  } else if (is_digit(ch_)) {
    if (first) error("identifier cannot begin with digit " + format_U(ch_));
  } else if (ch_ >= 0x80) {
    error("invalid character " + format_U(ch_) + " in identifier");
  } else {
    return false;
  }
  return true;
}

int Lexer::digits(int base, int* invalid) {
  int digsep = 0;
  if (base <= 10) {
    std::int32_t max = '0' + base;
    while (isDecimal(ch_) || ch_ == '_') {
      int ds = 1;
      if (ch_ == '_') {
        ds = 2;
      } else if (ch_ >= max && invalid && *invalid < 0) {
        *invalid = static_cast<int>(pos_col() - col);
      }
      digsep |= ds;
      nextch();
    }
  } else {
    while (isHex(ch_) || ch_ == '_') {
      digsep |= ch_ == '_' ? 2 : 1;
      nextch();
    }
  }
  return digsep;
}

void Lexer::number(bool seenPoint) {
  bool ok = true;
  LitKind k = LitKind::Int;
  int base = 10;
  std::int32_t prefix = 0;
  int digsep = 0;
  int invalid = -1;

  if (!seenPoint) {
    if (ch_ == '0') {
      nextch();
      switch (lower(ch_)) {
        case 'x':
          nextch();
          base = 16;
          prefix = 'x';
          break;
        case 'o':
          nextch();
          base = 8;
          prefix = 'o';
          break;
        case 'b':
          nextch();
          base = 2;
          prefix = 'b';
          break;
        default:
          base = 8;
          prefix = '0';
          digsep = 1;  // leading 0
      }
    }
    digsep |= digits(base, &invalid);
    if (ch_ == '.') {
      if (prefix == 'o' || prefix == 'b') {
        error(std::string("invalid radix point in ") + baseName(base) + " literal");
        ok = false;
      }
      nextch();
      seenPoint = true;
    }
  }

  if (seenPoint) {
    k = LitKind::Float;
    digsep |= digits(base, &invalid);
  }

  if ((digsep & 1) == 0 && ok) {
    error(std::string(baseName(base)) + " literal has no digits");
    ok = false;
  }

  std::int32_t e = lower(ch_);
  if (e == 'e' || e == 'p') {
    if (ok) {
      if (e == 'e' && prefix != 0 && prefix != '0') {
        error(quote_rune(ch_) + " exponent requires decimal mantissa");
        ok = false;
      } else if (e == 'p' && prefix != 'x') {
        error(quote_rune(ch_) + " exponent requires hexadecimal mantissa");
        ok = false;
      }
    }
    nextch();
    k = LitKind::Float;
    if (ch_ == '+' || ch_ == '-') nextch();
    digsep = digits(10, nullptr) | (digsep & 2);
    if ((digsep & 1) == 0 && ok) {
      error("exponent has no digits");
      ok = false;
    }
  } else if (prefix == 'x' && k == LitKind::Float && ok) {
    error("hexadecimal mantissa requires a 'p' exponent");
    ok = false;
  }

  if (ch_ == 'i') {
    k = LitKind::Imag;
    nextch();
  }

  setLit(k, ok);

  if (k == LitKind::Int && invalid >= 0 && ok) {
    errorAt(invalid, "invalid digit " + quote_rune(static_cast<unsigned char>(lit[static_cast<std::size_t>(invalid)])) +
                         " in " + baseName(base) + " literal");
    ok = false;
  }
  if ((digsep & 2) != 0 && ok) {
    int i = invalidSep(lit);
    if (i >= 0) {
      errorAt(i, "'_' must separate successive digits");
      ok = false;
    }
  }
  bad = !ok;
}

void Lexer::rune_() {
  bool ok = true;
  nextch();
  for (int n = 0;; n++) {
    if (ch_ == '\'') {
      if (ok) {
        if (n == 0) {
          error("empty rune literal or unescaped '");
          ok = false;
        } else if (n != 1) {
          errorAt(0, "more than one character in rune literal");
          ok = false;
        }
      }
      nextch();
      break;
    }
    if (ch_ == '\\') {
      nextch();
      if (!escape('\'')) ok = false;
      continue;
    }
    if (ch_ == '\n') {
      if (ok) {
        error("newline in rune literal");
        ok = false;
      }
      break;
    }
    if (ch_ < 0) {
      if (ok) {
        errorAt(0, "rune literal not terminated");
        ok = false;
      }
      break;
    }
    nextch();
  }
  setLit(LitKind::Rune, ok);
}

void Lexer::stdString() {
  bool ok = true;
  nextch();
  for (;;) {
    if (ch_ == '"') {
      nextch();
      break;
    }
    if (ch_ == '\\') {
      nextch();
      if (!escape('"')) ok = false;
      continue;
    }
    if (ch_ == '\n') {
      error("newline in string");
      ok = false;
      break;
    }
    if (ch_ < 0) {
      errorAt(0, "string not terminated");
      ok = false;
      break;
    }
    nextch();
  }
  setLit(LitKind::String, ok);
}

void Lexer::rawString() {
  bool ok = true;
  nextch();
  for (;;) {
    if (ch_ == '`') {
      nextch();
      break;
    }
    if (ch_ < 0) {
      errorAt(0, "string not terminated");
      ok = false;
      break;
    }
    nextch();
  }
  setLit(LitKind::String, ok);
}

void Lexer::skipLine() {
  while (ch_ >= 0 && ch_ != '\n') nextch();
}

void Lexer::lineComment() {
  stop();
  skipLine();
}

bool Lexer::skipComment() {
  while (ch_ >= 0) {
    while (ch_ == '*') {
      nextch();
      if (ch_ == '/') {
        nextch();
        return true;
      }
    }
    nextch();
  }
  errorAt(0, "comment not terminated");
  return false;
}

void Lexer::fullComment() {
  stop();
  skipComment();
}

bool Lexer::escape(char quote) {
  int n;
  std::uint32_t base, max;
  switch (ch_) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
      nextch();
      return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      n = 3;
      base = 8;
      max = 255;
      break;
    case 'x':
      nextch();
      n = 2;
      base = 16;
      max = 255;
      break;
    case 'u':
      nextch();
      n = 4;
      base = 16;
      max = kMaxRune;
      break;
    case 'U':
      nextch();
      n = 8;
      base = 16;
      max = kMaxRune;
      break;
    default:
      if (ch_ == quote) {
        nextch();
        return true;
      }
      if (ch_ < 0) return true;  // complain in caller about EOF
      error("unknown escape");
      return false;
  }
  std::uint32_t x = 0;
  for (int i = n; i > 0; i--) {
    if (ch_ < 0) return true;  // complain in caller about EOF
    std::uint32_t d = base;
    if (isDecimal(ch_)) d = static_cast<std::uint32_t>(ch_ - '0');
    else if ('a' <= lower(ch_) && lower(ch_) <= 'f') d = static_cast<std::uint32_t>(lower(ch_) - 'a' + 10);
    if (d >= base) {
      error("invalid character " + quote_rune(ch_) + " in " + baseName(static_cast<int>(base)) + " escape");
      return false;
    }
    x = x * base + d;
    nextch();
  }
  if (x > max && base == 8) {
    error("octal escape value " + std::to_string(x) + " > 255");
    return false;
  }
  if (x > max || (0xD800 <= x && x < 0xE000)) {
    error("escape is invalid Unicode code point " + format_U(static_cast<std::int32_t>(x)));
    return false;
  }
  return true;
}

}  // namespace bucketlab::lang
