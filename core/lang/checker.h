// The workload type checker: resolves every name, computes the type of
// every expression (through runtime::TypeTable for layouts), folds
// constants, checks the program with Go's rules and reports Go's own error
// messages (types2's wording, as `go build` prints them), and refuses
// constructs bucketlab does not execute with a message naming them.
//
// What the checked program guarantees to the compiler/interpreter:
//   - every Name has its Object (VarObj with a frame slot, ConstObj,
//     TypeNameObj, FuncObj, BuiltinObj, PkgNameObj, NilObj);
//   - every expression has mode and type; constants carry their value,
//     already representable in (and rounded to) their final type; untyped
//     non-constant values (comparisons) are given their default type;
//   - selectors, indexes, slices, calls, ranges and := carry what they
//     resolved to (field index, auto-dereference, method and receiver
//     adjustment, builtin/library id, variadic packing, range kind, new vs
//     redeclared variables);
//   - every user function has its frame layout (FuncInfo::slots) and every
//     local its escape facts (VarObj::addr_taken / escapes; see
//     docs/lang.md, "Escape rule");
//   - package-level variables are numbered (global frame) and ordered for
//     initialization (CheckedProgram::init_order).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/lang/ast.h"
#include "core/lang/diagnostics.h"
#include "core/lang/stdlib.h"
#include "core/lang/types.h"
#include "core/runtime/go_version.h"
#include "core/runtime/type.h"

namespace bucketlab::lang {

// Initialization of package-level variables: lhs = rhs (one rhs of a
// multi-value call for several lhs, or one value per lhs). lhs entries may
// be nullptr for the blank identifier.
struct GlobalInit {
  std::vector<VarObj*> lhs;
  Expr* rhs = nullptr;
};

struct CheckedProgram {
  runtime::GoVersion version;
  bool snippet = false;
  std::string source;
  AstArena ast;
  File* file = nullptr;
  std::shared_ptr<runtime::TypeTable> rt_table;
  std::unique_ptr<TypeStore> types;
  Stdlib stdlib;
  std::vector<FuncInfo*> funcs;  // user functions and methods in source order
  FuncInfo* main = nullptr;
  std::vector<FuncInfo*> inits;  // func init() declarations, run in source order before main
  std::vector<VarObj*> globals;  // package-level variables; slot = index here
  std::vector<GlobalInit> init_order;
  std::vector<std::string> imports;  // import paths (whole programs) or implicit imports (snippets)
};

struct CheckOptions {
  runtime::GoVersion version;
  bool snippet = false;
  // Snippets: the implicitly imported packages (import path, first use position).
  std::vector<std::pair<std::string, Pos>> implicit_imports;
};

// Type-checks prog.file (parsed into prog.ast). Errors go to sink; the
// program is usable only if the sink stays empty.
void check_program(CheckedProgram& prog, const CheckOptions& opts, DiagnosticSink& sink);

}  // namespace bucketlab::lang
