#include "core/lang/diagnostics.h"

#include <algorithm>

namespace bucketlab::lang {

std::string Diagnostic::str() const { return std::to_string(line) + ":" + std::to_string(col) + ": " + message; }

std::string format_diagnostics(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.str() + "\n";
  return out;
}

bool DiagnosticSink::report(Pos pos, std::string msg) {
  if (too_many_) throw TooManyErrors{};
  if (msg.rfind("syntax error", 0) == 0) {
    syntax_errors_++;
    if (last_syntax_.known() && last_syntax_.line == pos.line) return false;  // one syntax error per line
    last_syntax_ = pos;
  } else {
    if (last_other_.known() && last_other_.line == pos.line && last_msg_ == msg) return false;
    last_other_ = pos;
    last_msg_ = msg;
  }
  list_.push_back(Diagnostic{pos.line, pos.col, std::move(msg)});
  if (static_cast<int>(list_.size()) >= kMaxErrors) {
    too_many_ = true;
    too_many_pos_ = pos;
    throw TooManyErrors{};
  }
  return true;
}

std::vector<Diagnostic> DiagnosticSink::finish() const {
  std::vector<Diagnostic> out = list_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.pos() < b.pos(); });
  // FlushErrors prints an error only if its text differs from the previous one.
  std::vector<Diagnostic> dedup;
  for (auto& d : out)
    if (dedup.empty() || d.str() != dedup.back().str()) dedup.push_back(d);
  if (too_many_) dedup.push_back(Diagnostic{too_many_pos_.line, too_many_pos_.col, "too many errors"});
  return dedup;
}

}  // namespace bucketlab::lang
