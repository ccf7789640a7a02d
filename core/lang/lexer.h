// The workload lexer: a port of Go's cmd/compile/internal/syntax scanner
// (scanner.go, source.go), so that token boundaries, automatic semicolon
// insertion and lexical error messages and positions are Go's own.
//
// Semicolons: after a line's final token a newline (or EOF, or a /*...*/
// comment spanning lines) becomes a `;` token with lit "newline" ("EOF")
// if that token is an identifier, a literal, one of the keywords break,
// continue, fallthrough, return, or one of ++ -- ) ] }.
//
// Robustness: any byte sequence is scanned in linear time; NUL bytes,
// invalid UTF-8 and a misplaced BOM are reported and skipped as Go does.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/lang/token.h"

namespace bucketlab::lang {

class Lexer {
 public:
  // errh(line, col, msg) receives every lexical error (1-based positions).
  using ErrorHandler = std::function<void(std::uint32_t line, std::uint32_t col, const std::string& msg)>;

  Lexer(std::string_view src, ErrorHandler errh);

  // Advances to the next token.
  void next();

  // The current token (valid after next()).
  Tok tok = Tok::None;
  std::uint32_t line = 0, col = 0;  // 1-based start position
  std::size_t offset = 0;           // byte offset of the token start
  std::size_t end_offset = 0;       // byte offset just past the token
  bool blank = false;               // line is blank up to col
  std::string lit;                  // Name, Literal, Semi ("semicolon", "newline", "EOF")
  bool bad = false;                 // Literal: a lexical error occurred
  LitKind kind = LitKind::Int;      // Literal
  Op op = Op::None;                 // Operator, Star, AssignOp, IncOp
  int prec = 0;                     // Operator, Star, AssignOp, IncOp

 private:
  // source.go
  void nextch();
  void error(const std::string& msg);  // at the position of ch
  void start() { b_ = r_ - chw_; }
  void stop() { b_ = npos; }
  std::string_view segment() const { return src_.substr(b_, r_ - chw_ - b_); }
  void rewind();
  std::uint32_t pos_line() const { return line_ + 1; }
  std::uint32_t pos_col() const { return col_ + 1; }

  // scanner.go
  void errorAt(int offset, const std::string& msg);
  void setLit(LitKind k, bool ok);
  void ident();
  bool atIdentChar(bool first);
  int digits(int base, int* invalid);
  void number(bool seenPoint);
  void rune_();
  void stdString();
  void rawString();
  void skipLine();
  void lineComment();
  bool skipComment();
  void fullComment();
  bool escape(char quote);

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::string_view src_;
  ErrorHandler errh_;
  bool nlsemi_ = false;
  std::size_t b_ = npos, r_ = 0;  // segment begin, read position
  std::uint32_t line_ = 0, col_ = 0;  // 0-based position of ch
  std::int32_t ch_ = ' ';
  int chw_ = 0;
};

}  // namespace bucketlab::lang
