#include "core/runtime/slice.h"

#include "core/runtime/heap_arena.h"
#include "core/runtime/panic.h"
#include "core/runtime/runtime.h"

namespace bucketlab::runtime {

namespace {
// malloc.go maxAlloc on linux/amd64: 1 << heapAddrBits (48).
constexpr std::uint64_t kMaxAlloc = std::uint64_t{1} << 48;
}  // namespace

std::int64_t next_slice_cap(std::int64_t new_len, std::int64_t old_cap) {
  std::int64_t newcap = old_cap;
  const std::int64_t doublecap = newcap + newcap;
  if (new_len > doublecap) return new_len;
  constexpr std::int64_t threshold = 256;
  if (old_cap < threshold) return doublecap;
  while (0 < newcap && newcap < new_len) newcap += (newcap + 3 * threshold) / 4;
  if (newcap <= 0) return new_len;  // overflowed
  return newcap;
}

GrowPlan plan_growslice(std::int64_t new_len, std::int64_t old_cap, std::uint64_t elem_size, bool noscan,
                        GoVersion v) {
  GrowPlan p;
  std::int64_t newcap = next_slice_cap(new_len, old_cap);
  if (elem_size == 0) return {newcap, 0};
  if (newcap < 0 || static_cast<std::uint64_t>(newcap) > kMaxAlloc / elem_size)
    throw GoPanic("growslice: cap out of range");
  p.capmem = roundupsize(static_cast<std::uint64_t>(newcap) * elem_size, noscan, v);
  if (p.capmem > kMaxAlloc) throw GoPanic("growslice: cap out of range");
  p.newcap = static_cast<std::int64_t>(p.capmem / elem_size);
  return p;
}

SliceHeader growslice(Runtime& rt, const Type* et, SliceHeader old, std::int64_t new_len, std::uint16_t role) {
  if (et->size == 0) return {kZeroBaseAddr, old.len, next_slice_cap(new_len, old.cap)};
  const GrowPlan plan = plan_growslice(new_len, old.cap, et->size, !et->has_pointers(), rt.version());
  // The old array stays reachable from the caller's slice while mallocgc
  // may run a GC; the new one is not yet stored anywhere.
  Runtime::LocalRoot keep_old(rt, old.array);
  const Addr p = et->has_pointers() ? rt.mallocgc(plan.capmem, et, true, role) : rt.mallocgc(plan.capmem, nullptr, true, role);
  const std::uint64_t lenmem = static_cast<std::uint64_t>(old.len) * et->size;
  if (lenmem > 0) rt.memmove(p, old.array, lenmem);  // the new array is white/black-allocated: no barrier needed
  rt.charge(CostKind::CopyByte, lenmem);
  return {p, old.len, plan.newcap};
}

}  // namespace bucketlab::runtime
