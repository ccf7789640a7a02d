// runtime/slice.go: slice headers and growslice, the allocation behind
// append. Shared by the interpreter (append) and the classic map (the
// overflow-bucket list of noscan maps is a []*bmap grown by append).
#pragma once
#include <cstdint>

#include "core/common/types.h"
#include "core/runtime/go_version.h"
#include "core/runtime/type.h"

namespace bucketlab::runtime {

class Runtime;

// A slice header as Go lays it out: {array, len, cap}, 24 bytes.
struct SliceHeader {
  Addr array = kNil;
  std::int64_t len = 0;
  std::int64_t cap = 0;
};

// The capacity append chooses before rounding (Go 1.19 growslice; Go ≥1.20
// nextslicecap computes the same values): double below 256 elements, then
// grow by (newcap + 3·256)/4 until it fits; jump straight to new_len when
// that is more than double.
std::int64_t next_slice_cap(std::int64_t new_len, std::int64_t old_cap);

struct GrowPlan {
  std::int64_t newcap = 0;    // after rounding the allocation up to its size class
  std::uint64_t capmem = 0;   // bytes mallocgc is asked for
};
// growslice's sizing: next_slice_cap, then roundupsize of the bytes, and the
// capacity that rounded size holds. Throws GoPanic("growslice: cap out of
// range") beyond maxAlloc.
GrowPlan plan_growslice(std::int64_t new_len, std::int64_t old_cap, std::uint64_t elem_size, bool noscan,
                        GoVersion v);

// growslice: allocates the new backing array (typed when et has pointers,
// raw noscan bytes otherwise), copies the old elements, returns
// {new array, old.len, newcap}. The caller stores the appended elements and
// sets len. Zero-size elements return &zerobase without allocating.
SliceHeader growslice(Runtime& rt, const Type* et, SliceHeader old, std::int64_t new_len, std::uint16_t role = 0);

}  // namespace bucketlab::runtime
