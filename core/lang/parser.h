// The workload parser: a port of Go's cmd/compile/internal/syntax parser
// (parser.go) and its branch checker (branches.go, the CheckBranches mode
// cmd/compile uses), so that syntax errors, their wording and positions,
// and the resolution of ambiguities (composite literals in if/for/switch
// headers, parenthesized types, labels) are Go's.
//
// It parses the whole Go grammar, including constructs bucketlab does not
// execute (channels, goroutines, generics, closures...): those are refused
// by the checker with a message naming the feature, so a syntax error is
// always Go's own.
//
// Two entry points:
//   - parse_file: a whole program ("package main", imports, declarations);
//   - parse_snippet: a bare snippet; top-level `type` and `func`
//     declarations are hoisted to package level and every other statement
//     becomes the body of a synthesized `func main()`. See wrap_snippet in
//     front.h for the equivalent Go source.
//
// Limits (robustness): nesting deeper than kMaxNesting levels (expressions,
// types, statements, blocks, composite literals) stops parsing with
// "nesting too deep" instead of exhausting the native stack.
#pragma once
#include <string_view>
#include <vector>

#include "core/lang/ast.h"
#include "core/lang/diagnostics.h"
#include "core/lang/lexer.h"

namespace bucketlab::lang {

inline constexpr int kMaxNesting = 500;

// A top-level item of a snippet with its byte range in the source.
struct SnippetItem {
  enum Kind { TypeDecl, FuncDecl, Statement, Import } kind;
  std::size_t begin = 0, end = 0;  // [begin, end) bytes
  Pos pos;                         // position of the first byte
};

// Reports whether the source is a whole program: its first token is `package`.
bool is_whole_program(std::string_view src);

// Parses a whole program. Returns nullptr if the package clause is missing
// or malformed (Go stops there). Errors go to sink; parsing stops early
// (returning what it has) if the sink's error limit is reached or the
// nesting limit is exceeded.
//
// legacy selects Go 1.19's wording of syntax errors ("expecting" instead of
// "expected", tokens without "name"/"keyword" prefixes).
File* parse_file(std::string_view src, AstArena& arena, DiagnosticSink& sink, bool legacy = false);

// Parses a snippet into a File: package main, hoisted type and function
// declarations in source order, then the synthesized func main holding the
// remaining statements. items (optional) receives the top-level items.
File* parse_snippet(std::string_view src, AstArena& arena, DiagnosticSink& sink,
                    std::vector<SnippetItem>* items = nullptr, bool legacy = false);

}  // namespace bucketlab::lang
