// The compiler: a checked program (checker.h) → bytecode (bytecode.h).
//
// It decides the frame layout of every function (parameters, results,
// locals, temporaries), where each value lives (frame or heap cell, per the
// escape rule of docs/lang.md), which operations allocate (allocation
// sites are heap-allocated; concatenations and conversions whose result
// only feeds a map lookup/delete, a comparison or len use Go's 32-byte
// stack buffer), and the GC stack map of every instruction.
#pragma once
#include <memory>
#include <vector>

#include "core/lang/bytecode.h"
#include "core/lang/checker.h"
#include "core/lang/diagnostics.h"

namespace bucketlab::runtime { class Runtime; }

namespace bucketlab::lang {

struct CompileResult {
  std::unique_ptr<Program> program;      // null iff diagnostics
  std::vector<Diagnostic> diagnostics;   // constructs the checker accepts but the interpreter cannot run
};

// String literals are interned in rt's read-only data; types come from the
// program's TypeTable (the one rt uses).
CompileResult compile_program(const CheckedProgram& prog, runtime::Runtime& rt);

}  // namespace bucketlab::lang
