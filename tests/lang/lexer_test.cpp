// Lexer: Go's token boundaries, automatic semicolon insertion and literal
// syntax (the lexical error messages are covered by the golden files
// tests/lang/errors/lex_*.go, checked against go build).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/lang/constant.h"
#include "core/lang/lexer.h"

using namespace bucketlab::lang;

namespace {

struct Lexed {
  std::vector<std::string> toks;  // token spellings: literal text, "op:+", ";newline", keyword text, ...
  std::vector<std::string> errors;
};

Lexed lex(const std::string& src) {
  Lexed out;
  Lexer lx(src, [&](std::uint32_t l, std::uint32_t c, const std::string& m) {
    out.errors.push_back(std::to_string(l) + ":" + std::to_string(c) + ": " + m);
  });
  for (int guard = 0; guard < 100000; ++guard) {
    lx.next();
    if (lx.tok == Tok::EOF_) break;
    switch (lx.tok) {
      case Tok::Name:
      case Tok::Literal: out.toks.push_back(lx.lit); break;
      case Tok::Semi: out.toks.push_back(";" + lx.lit); break;
      case Tok::Operator:
      case Tok::Star: out.toks.push_back(std::string("op:") + op_string(lx.op)); break;
      case Tok::AssignOp: out.toks.push_back(std::string("op=:") + op_string(lx.op)); break;
      case Tok::IncOp: out.toks.push_back(std::string("opop:") + op_string(lx.op)); break;
      default: out.toks.push_back(tok_string(lx.tok)); break;
    }
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("lexer: semicolons are inserted after a line's final token only where Go inserts them", "[lang][lexer]") {
  // identifiers, literals, break/continue/fallthrough/return, ++ -- ) ] }
  CHECK(lex("x\n1\n\"s\"\n'c'\n2.5\n").toks ==
        V{"x", ";newline", "1", ";newline", "\"s\"", ";newline", "'c'", ";newline", "2.5", ";newline"});
  CHECK(lex("break\ncontinue\nfallthrough\nreturn\n").toks ==
        V{"break", ";newline", "continue", ";newline", "fallthrough", ";newline", "return", ";newline"});
  CHECK(lex("i++\ni--\nf()\na[0]\n{}\n").toks ==
        V{"i", "opop:+", ";newline", "i", "opop:-", ";newline", "f", "(", ")", ";newline", "a", "[", "0", "]",
          ";newline", "{", "}", ";newline"});
  // not after operators, commas, opening brackets or other keywords
  CHECK(lex("a +\nb\n").toks == V{"a", "op:+", "b", ";newline"});
  CHECK(lex("f(a,\nb)\n").toks == V{"f", "(", "a", ",", "b", ")", ";newline"});
  CHECK(lex("for {\n}\n").toks == V{"for", "{", "}", ";newline"});
  CHECK(lex("if x {\n").toks == V{"if", "x", "{"});
  // at EOF
  CHECK(lex("x").toks == V{"x", ";EOF"});
  CHECK(lex("x +").toks == V{"x", "op:+"});
  // explicit semicolons
  CHECK(lex("a; b").toks == V{"a", ";semicolon", "b", ";EOF"});
  // comments: a line comment ends the line; a block comment spanning lines acts as a newline
  CHECK(lex("x // comment\ny").toks == V{"x", ";newline", "y", ";EOF"});
  CHECK(lex("x /* a\n b */ y").toks == V{"x", ";newline", "y", ";EOF"});
  CHECK(lex("x /* same line */ y").toks == V{"x", "y", ";EOF"});
  CHECK(lex("a /* c */\n").toks == V{"a", ";newline"});
}

TEST_CASE("lexer: operators are split as Go's scanner splits them", "[lang][lexer]") {
  CHECK(lex("a&^=b<<=c>>d&&e||f<-g:=h...i.j").toks ==
        V{"a", "op=:&^", "b", "op=:<<", "c", "op:>>", "d", "op:&&", "e", "op:||", "f", "<-", "g", ":=", "h",
          "...", "i", ".", "j", ";EOF"});
  CHECK(lex("x==y!=z<=w>=v").toks == V{"x", "op:==", "y", "op:!=", "z", "op:<=", "w", "op:>=", "v", ";EOF"});
  CHECK(lex("*p *= 2").toks == V{"op:*", "p", "op=:*", "2", ";EOF"});
  CHECK(lex("a..b").toks == V{"a", ".", ".", "b", ";EOF"});  // ".." is two dots
  CHECK(lex(".5").toks == V{".5", ";EOF"});
}

TEST_CASE("lexer: integer literals in every base with _ separators", "[lang][lexer]") {
  struct {
    const char* lit;
    const char* value;
  } cases[] = {
      {"0", "0"},       {"42", "42"},          {"1_000_000", "1000000"},       {"0x_FF", "255"},
      {"0XfF", "255"},  {"0o17", "15"},        {"0O1_7", "15"},                {"017", "15"},
      {"0b1011", "11"}, {"0B_1_0", "2"},       {"0x7fffffffffffffff", "9223372036854775807"},
      {"18446744073709551616", "18446744073709551616"},
      {"0x1_0000_0000_0000_0000_0000", "1208925819614629174706176"},
  };
  for (const auto& c : cases) {
    INFO(c.lit);
    auto l = lex(c.lit);
    REQUIRE(l.errors.empty());
    REQUIRE(l.toks.size() == 2);
    CHECK(Constant::from_literal(LitKind::Int, c.lit).str() == c.value);
  }
}

TEST_CASE("lexer: float literals, exact values and hexadecimal floats", "[lang][lexer]") {
  struct {
    const char* lit;
    double value;
  } cases[] = {
      {"1.5", 1.5},         {"1.", 1.0},      {".25", 0.25},         {"1e3", 1000.0},   {"1E-3", 0.001},
      {"1_000.000_5", 1000.0005}, {"0x1p-2", 0.25}, {"0x1.8p1", 3.0}, {"0X.8p0", 0.5}, {"6.02214076e23", 6.02214076e23},
      {"0.1", 0.1},         {"1e-320", 1e-320},
  };
  for (const auto& c : cases) {
    INFO(c.lit);
    auto l = lex(c.lit);
    REQUIRE(l.errors.empty());
    Constant v = Constant::from_literal(LitKind::Float, c.lit);
    REQUIRE(v.kind() == ConstKind::Float);
    CHECK(v.float64_val() == c.value);
  }
  // exact: 0.1 + 0.2 is exactly 0.3 as constants (Go's constant arithmetic)
  Constant s = binary_op(Constant::from_literal(LitKind::Float, "0.1"), Op::Add,
                         Constant::from_literal(LitKind::Float, "0.2"), false);
  CHECK(compare_op(s, Op::Eql, Constant::from_literal(LitKind::Float, "0.3")));
  CHECK(s.float64_val() == 0.3);
  // imaginary literals are lexed (and refused by the checker)
  CHECK(lex("2i 1.5i 0x1p0i").errors.empty());
}

TEST_CASE("lexer: rune and string literals with escapes", "[lang][lexer]") {
  CHECK(Constant::from_literal(LitKind::Rune, "'a'").str() == "97");
  CHECK(Constant::from_literal(LitKind::Rune, "'\\n'").str() == "10");
  CHECK(Constant::from_literal(LitKind::Rune, "'\\x41'").str() == "65");
  CHECK(Constant::from_literal(LitKind::Rune, "'\\101'").str() == "65");
  CHECK(Constant::from_literal(LitKind::Rune, "'\\u00e9'").str() == "233");
  CHECK(Constant::from_literal(LitKind::Rune, "'\\U0001F600'").str() == "128512");
  CHECK(Constant::from_literal(LitKind::Rune, "'é'").str() == "233");
  CHECK(Constant::from_literal(LitKind::Rune, "'\\''").str() == "39");
  CHECK(Constant::from_literal(LitKind::String, "\"a\\tb\\\"c\\\\\"").string_val() == "a\tb\"c\\");
  CHECK(Constant::from_literal(LitKind::String, "\"\\xff\\377\"").string_val() == "\xff\xff");
  CHECK(Constant::from_literal(LitKind::String, "\"\\u00e9\"").string_val() == "\xc3\xa9");
  CHECK(Constant::from_literal(LitKind::String, "`raw\\n\r\nline`").string_val() == "raw\\n\nline");
  // a raw string may span lines; the newline inside does not insert a semicolon
  CHECK(lex("`a\nb`\nx").toks == V{"`a\nb`", ";newline", "x", ";EOF"});
  // quoting in messages is Go's (strconv.Quote; go/constant truncates long strings)
  CHECK(Constant::make_string("a\"\n\x01\xff").str() == "\"a\\\"\\n\\x01\\xff\"");
  CHECK(Constant::make_string(std::string(100, 'x')).str() == "\"" + std::string(68, 'x') + "...");
}

TEST_CASE("lexer: positions are 1-based with byte columns", "[lang][lexer]") {
  Lexer lx("\tx := \"é\" + y\n", [](std::uint32_t, std::uint32_t, const std::string&) {});
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pos;
  for (lx.next(); lx.tok != Tok::EOF_; lx.next()) pos.emplace_back(lx.line, lx.col);
  // x at col 2 (tab = 1 byte), := at 4, "é" at 7, + at 12 (é is 2 bytes), y at 14, newline at 15
  CHECK(pos == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{1, 2}, {1, 4}, {1, 7}, {1, 12}, {1, 14}, {1, 15}});
}

TEST_CASE("lexer: lexical errors are reported with Go's messages and the scan continues", "[lang][lexer]") {
  CHECK(lex("a @ b").errors == V{"1:3: invalid character U+0040 '@'"});
  CHECK(lex("a @ b").toks == V{"a", "b", ";EOF"});
  CHECK(lex("0x").errors == V{"1:3: hexadecimal literal has no digits"});
  CHECK(lex("09").errors == V{"1:2: invalid digit '9' in octal literal"});
  CHECK(lex("1__0").errors == V{"1:3: '_' must separate successive digits"});
  CHECK(lex("\"abc").errors == V{"1:1: string not terminated"});
  CHECK(lex("'ab'").errors == V{"1:1: more than one character in rune literal"});
  CHECK(lex("\"\\q\"").errors == V{"1:3: unknown escape"});
  CHECK(lex(std::string("x\x00y", 3)).errors == V{"1:2: invalid NUL character"});
  CHECK(lex("\xef\xbb\xbfx").errors.empty());  // a leading BOM is skipped
  CHECK(lex("x\xef\xbb\xbf").errors == V{"1:2: invalid BOM in the middle of the file"});
}

TEST_CASE("constants: floats print as Go prints them (fmt %v and go/constant)", "[lang][lexer]") {
  // expected strings produced by go1.26.8: fmt.Sprint(v) and fmt.Sprintf("%.6g", v)
  struct {
    double v;
    const char* g;
    const char* g6;
  } cases[] = {
      {0, "0", "0"},
      {1, "1", "1"},
      {-1, "-1", "-1"},
      {0.1, "0.1", "0.1"},
      {1e6, "1e+06", "1e+06"},
      {123456, "123456", "123456"},
      {1234567, "1.234567e+06", "1.23457e+06"},
      {1e-4, "0.0001", "0.0001"},
      {1e-5, "1e-05", "1e-05"},
      {3.14159265358979, "3.14159265358979", "3.14159"},
      {1e21, "1e+21", "1e+21"},
      {2.5e-300, "2.5e-300", "2.5e-300"},
      {5e-324, "5e-324", "4.94066e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308", "1.79769e+308"},
      {100, "100", "100"},
      {1e20, "1e+20", "1e+20"},
      {0.000123, "0.000123", "0.000123"},
      {-0.5, "-0.5", "-0.5"},
      {1.0 / 3, "0.3333333333333333", "0.333333"},
  };
  for (const auto& c : cases) {
    INFO(c.g);
    CHECK(format_float_g(c.v) == c.g);
    CHECK(format_float_g_prec(c.v, 6) == c.g6);
  }
  // go/constant's Value.String for float literals (go1.26.8)
  struct {
    const char* lit;
    const char* str;
  } lits[] = {{"1.5", "1.5"}, {"0.1", "0.1"}, {"1e100", "1e+100"}, {"2.5e-8", "2.5e-08"},
              {"123456789.0", "1.23457e+08"}, {"1e400", "1e+400"}, {"3.0", "3"}};
  for (const auto& l : lits) CHECK(Constant::from_literal(LitKind::Float, l.lit).str() == l.str);
}
