// Diagnostics of the workload front end, in the shape the Go compiler
// prints them: `line:col: message`, 1-based line and byte column (Go's
// cmd/compile convention; a tab counts as one column).
//
// Reporting follows cmd/compile (cmd/compile/internal/base/print.go):
//   - at most one syntax error per line;
//   - a non-syntax error identical to the previous one on the same line is
//     dropped;
//   - errors are shown sorted by position (stable);
//   - after the 10th error the compiler stops and adds
//     `line:col: too many errors` at the position of that 10th error.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace bucketlab::lang {

// A source position: 1-based line and 1-based byte column. {0,0} is "no
// position" (only for synthesized nodes; every reported error has one).
struct Pos {
  std::uint32_t line = 0;
  std::uint32_t col = 0;
  constexpr bool known() const { return line != 0; }
  friend constexpr bool operator==(Pos a, Pos b) { return a.line == b.line && a.col == b.col; }
  friend constexpr bool operator!=(Pos a, Pos b) { return !(a == b); }
  friend constexpr bool operator<(Pos a, Pos b) { return a.line != b.line ? a.line < b.line : a.col < b.col; }
  std::string str() const { return std::to_string(line) + ":" + std::to_string(col); }
};

struct Diagnostic {
  std::uint32_t line = 0;
  std::uint32_t col = 0;
  std::string message;
  Pos pos() const { return {line, col}; }
  // "line:col: message"
  std::string str() const;
};

// Formats a list one diagnostic per line ("3:5: declared and not used: x\n...").
std::string format_diagnostics(const std::vector<Diagnostic>& ds);

// Thrown internally to stop a phase once the error limit is reached.
struct TooManyErrors {};

// Collects errors with cmd/compile's rules. The collector stops (throws
// TooManyErrors from report) when the limit is reached; callers catch it at
// the phase boundary.
class DiagnosticSink {
 public:
  static constexpr int kMaxErrors = 10;  // cmd/compile stops after 10 errors (without -e)

  // Reports an error; returns false if it was dropped as a duplicate.
  bool report(Pos pos, std::string msg);
  int count() const { return static_cast<int>(list_.size()); }
  int syntax_errors() const { return syntax_errors_; }
  bool empty() const { return list_.empty(); }
  bool limit_reached() const { return too_many_; }
  // The final list: sorted by position, with "too many errors" appended
  // when the limit was reached.
  std::vector<Diagnostic> finish() const;

 private:
  std::vector<Diagnostic> list_;
  int syntax_errors_ = 0;
  Pos last_syntax_{}, last_other_{};
  std::string last_msg_;
  bool too_many_ = false;
  Pos too_many_pos_{};
};

}  // namespace bucketlab::lang
