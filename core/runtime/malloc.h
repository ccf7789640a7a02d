// Models mallocgc, newobject and newarray of go/src/runtime/malloc.go
// (go1.19; go1.22+ malloc headers and the 32760-byte small limit noted).
//
// Algorithm (mallocgc)
//   size 0            → &zerobase (no heap object)
//   noscan, size < 16 → tiny allocator: merge into the current 16-byte block
//                       at an offset aligned for the size (8 if size%8 == 0,
//                       else 4, else 2); a new block comes from class 2 noscan
//                       and replaces the current one only if it leaves more room.
//   size ≤ max small  → class = size_to_class(size [+8 header in Go 1.22+ for
//                       pointerful > 512 B]); slot from the mcache span
//                       (nextFreeFast, else nextFree → refill = "heavy");
//                       zeroed if requested and the span may hold old bytes.
//   larger            → allocLarge: own span, whole pages ("heavy").
//   Then: allocate black if marking; heavy allocations test the heap trigger
//   and may start a GC (with the new object held as a root).
//
// Accounting: HeapAlloc/TotalAlloc count the class size (large: whole
// pages), not the requested size; merged tiny allocations count as objects
// in Mallocs and Frees alike.
//
// Deviations from Go: no heap profiling samples, no assists (see gc.h).
#pragma once
#include <cstdint>

#include "core/common/types.h"
#include "core/runtime/type.h"

namespace bucketlab::runtime {

struct RuntimeState;

// A simulated read-only-data address standing for the *_type a Go 1.22+
// malloc header holds (the model writes base + 8·type id).
inline constexpr Addr kTypeDescBase = 0x00000000004a0000;

Addr mallocgc(RuntimeState& rt, std::uint64_t size, const Type* typ, bool needzero, std::uint16_t role);
Addr newobject(RuntimeState& rt, const Type* typ, std::uint16_t role);
// Panics (throws) like Go for a negative or overflowing size.
Addr newarray(RuntimeState& rt, const Type* typ, std::int64_t n, std::uint16_t role);

}  // namespace bucketlab::runtime
