// Tokens and operators of the workload language, as Go's
// cmd/compile/internal/syntax (tokens.go): the token set, operator
// precedences, and the spellings used in syntax error messages.
#pragma once
#include <cstdint>
#include <string>

namespace bucketlab::lang {

enum class Tok : std::uint8_t {
  None,
  EOF_,
  // names and literals
  Name,
  Literal,
  // operators and operations (Operator excludes '*', which is Star)
  Operator,  // op
  AssignOp,  // op=
  IncOp,     // opop
  Assign,    // =
  Define,    // :=
  Arrow,     // <-
  Star,      // *
  // delimiters
  Lparen, Lbrack, Lbrace, Rparen, Rbrack, Rbrace, Comma, Semi, Colon, Dot, DotDotDot,
  // keywords
  Break, Case, Chan, Const, Continue, Default, Defer, Else, Fallthrough, For, Func, Go, Goto,
  If, Import, Interface, Map, Package, Range, Return, Select, Struct, Switch, Type, Var,
  Count
};

enum class Op : std::uint8_t {
  None,
  Def,    // :
  Not,    // !
  Recv,   // <-
  Tilde,  // ~
  OrOr,   // ||
  AndAnd, // &&
  Eql, Neq, Lss, Leq, Gtr, Geq,
  Add, Sub, Or, Xor,
  Mul, Div, Rem, And, AndNot, Shl, Shr,
};

enum class LitKind : std::uint8_t { Int, Float, Imag, Rune, String };

// Operator precedences (syntax/tokens.go).
inline constexpr int kPrecOrOr = 1, kPrecAndAnd = 2, kPrecCmp = 3, kPrecAdd = 4, kPrecMul = 5;

const char* tok_string(Tok t);   // tok.String(): "name", "(", "keyword"-less keyword text, ...
std::string tokstring(Tok t);    // the parser's wording: "comma", "semicolon or newline", "keyword for", ...
const char* op_string(Op o);     // "+", "&&", "<<", ...

inline constexpr std::uint64_t tok_bit(Tok t) { return std::uint64_t{1} << static_cast<unsigned>(t); }
inline constexpr bool is_keyword(Tok t) { return t >= Tok::Break && t <= Tok::Var; }

}  // namespace bucketlab::lang
