// The front end's entry points: source text -> checked program or Go-style
// diagnostics, and the snippet wrapping shared with the `vs-go` command.
//
// A workload is a whole program when its first token is `package`;
// otherwise it is a snippet. A snippet means exactly the Go program that
// wrap_snippet produces:
//
//     package main
//     import (                       // only the packages the snippet uses,
//         "fmt"                      // among fmt, math/rand, runtime,
//         ...                        // runtime/debug, strconv, time: a name
//     )                              // fmt/rand/... followed by `.`
//     <each top-level type or func declaration, in source order>
//     func main() {
//     <every other top-level statement, in source order>
//     }
//
// (Top-level `var` and `const` stay statements of main, i.e. locals.)
// Every copied declaration or statement keeps its columns (it is indented
// with spaces to its original column), and line_map maps each line of the
// wrapped text back to the snippet line it came from, so errors reported
// by real Go on the wrapped program can be shown at snippet positions.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang/checker.h"
#include "core/lang/diagnostics.h"
#include "core/runtime/go_version.h"

namespace bucketlab::lang {

// Sources larger than this are refused (robustness; workloads are small).
inline constexpr std::size_t kMaxSourceBytes = std::size_t{2} << 20;

struct FrontResult {
  std::unique_ptr<CheckedProgram> program;  // nullptr iff there are diagnostics
  std::vector<Diagnostic> diagnostics;      // Go's order and limit (10 + "too many errors")
  bool ok() const { return program != nullptr; }
};

// Lexes, parses and type-checks a workload for the given Go version. Types
// are created in `types` (the simulation's TypeTable) or, if null, in a new
// table owned by the program. Never throws for any input.
FrontResult compile_front(std::string_view source, runtime::GoVersion version,
                          std::shared_ptr<runtime::TypeTable> types = nullptr);

// The packages a snippet uses implicitly: (import path, first use), sorted
// by import path.
std::vector<std::pair<std::string, Pos>> implicit_imports(std::string_view snippet);

struct WrappedSnippet {
  std::string text;                       // the Go program
  std::vector<std::uint32_t> line_map;    // [wrapped line - 1] -> snippet line (0: added by the wrapping)
  std::vector<std::string> imports;       // import paths added
  // Maps a position in the wrapped text to the snippet (columns are kept).
  Pos to_snippet(Pos wrapped) const {
    if (wrapped.line == 0 || wrapped.line > line_map.size()) return {};
    std::uint32_t l = line_map[wrapped.line - 1];
    return l ? Pos{l, wrapped.col} : Pos{};
  }
};

// Wraps a snippet into the whole Go program it stands for (see above).
// Best effort for snippets with syntax errors.
WrappedSnippet wrap_snippet(std::string_view snippet);

}  // namespace bucketlab::lang
