// Models type mspan of go/src/runtime/mheap.go and its bitmaps from
// mbitmap.go (go1.19; go1.22+/1.26 layout deltas in size_classes.h): a run
// of pages holding objects of one span class, and the per-slot record the
// model adds for scanning and inspection.
//
// Terminology
//   slot         the i-th object position: base + i·elemsize.
//   allocBits    1 = slot allocated, valid for slots ≥ freeindex. Set only
//                by sweeping (allocBits := gcmarkBits); allocation itself
//                just advances freeindex.
//   freeindex    every slot below it is allocated; the next free slot is
//                searched from here, in ascending order (nextFreeIndex).
//   allocCache   the complement of 64 allocBits, shifted so bit 0 is
//                freeindex (1 = free); ctz finds the next free slot.
//   gcmarkBits   marks of the current (or last, until swept) mark phase.
//   sweepgen     relative to mheap.sweepgen (sg), which grows by 2 per GC:
//                  sg − 2  needs sweeping          sg + 1  cached before this
//                  sg − 1  being swept                     sweep began; sweep
//                  sg      swept, usable                   when uncached
//                                                  sg + 3  swept, then cached
//                (sg − 1 never lasts in the model: a sweep is one step.)
//   slot info    per slot: the allocated Type's id, the element count and a
//                role tag registered by upper layers ("bucket array" ...).
//                Go keeps the type in the heap bitmap (1.19) or a malloc
//                header / span-end bitmap (1.22+); the model keeps it here.
//
// Invariants (check_invariants)
//   allocCount == freeindex + popcount(allocBits[freeindex, nelems))
//   allocCount ≤ nelems;  freeindex ≤ nelems
//   limit == base + nelems·elemsize (small) or base + requested size (large)
//   no mark bit beyond nelems; swept spans have no marks while the GC is off
//
// Deviations from Go: bitmaps are host vectors rather than gcBits arenas
// (the swap at sweep reuses the old allocBits as the new zeroed gcmarkBits).
#pragma once
#include <cstdint>
#include <vector>

#include "core/common/types.h"
#include "core/runtime/size_classes.h"

namespace bucketlab::runtime {

enum class SpanState : std::uint8_t { Dead, InUse };  // mSpanDead, mSpanInUse (mSpanManual not modelled)

inline constexpr std::uint32_t kNoType = 0xffffffffu;  // raw noscan bytes (typ == nil)

struct SlotInfo {
  std::uint32_t type = kNoType;  // Type::id of the allocated element type
  std::uint16_t role = 0;        // upper-layer tag; 0 = "object"
  std::uint16_t count = 0;       // elements of `type` (n of newarray); large objects use MSpan::large_count
};
static_assert(sizeof(SlotInfo) == 8, "one word of model metadata per slot");

struct MSpan {
  std::uint32_t id = 0;  // index in the heap's span table (stable for the struct's life)

  Addr start_addr = 0;
  std::uint64_t npages = 0;
  Addr limit = 0;                 // end of the object area
  SpanClass spanclass = 0;
  std::uint64_t elemsize = 0;
  std::uint32_t nelems = 0;       // ≥ allocCount
  std::uint32_t freeindex = 0;    // slots < freeindex are allocated
  std::uint64_t alloc_cache = 0;  // ~allocBits from freeindex (1 = free)
  std::uint32_t alloc_count = 0;  // = freeindex + popcount(allocBits[freeindex:])
  std::uint32_t alloc_count_before_cache = 0;
  std::uint32_t sweepgen = 0;
  SpanState state = SpanState::Dead;
  bool needzero = false;          // slots may hold old bytes
  std::uint64_t large_count = 0;  // element count of a large object

  std::vector<std::uint64_t> alloc_bits;   // ceil(nelems/64) words
  std::vector<std::uint64_t> gcmark_bits;
  std::vector<SlotInfo> slots;             // nelems entries

  Addr base() const { return start_addr; }
  std::uint64_t span_bytes() const { return npages << kPageShift; }
  int sizeclass() const { return span_class_size_class(spanclass); }
  bool noscan() const { return span_class_noscan(spanclass); }
  std::uint32_t obj_index(Addr p) const { return static_cast<std::uint32_t>((p - start_addr) / elemsize); }

  bool alloc_bit(std::uint32_t i) const { return (alloc_bits[i / 64] >> (i % 64)) & 1; }
  bool is_marked(std::uint32_t i) const { return (gcmark_bits[i / 64] >> (i % 64)) & 1; }
  void set_marked(std::uint32_t i) { gcmark_bits[i / 64] |= std::uint64_t{1} << (i % 64); }
  // isFree: not allocated (slot ≥ freeindex and its alloc bit is 0).
  bool is_free(std::uint32_t i) const { return i >= freeindex && !alloc_bit(i); }
  // True when slot i currently holds a live (allocated) object.
  bool is_allocated(std::uint32_t i) const { return !is_free(i); }

  // mspan.init + the heap-span part of mheap.allocSpan/initSpan.
  void init(Addr base, std::uint64_t npages_, SpanClass spc, std::uint32_t nelems_, std::uint64_t elemsize_);
  // refillAllocCache(whichByte): allocCache = ^allocBits[whichByte : whichByte+8].
  void refill_alloc_cache(std::uint32_t which_byte) {
    const std::uint32_t w = which_byte / 8;
    alloc_cache = ~(w < alloc_bits.size() ? alloc_bits[w] : 0);
  }
  // nextFreeIndex (mbitmap.go): the next free slot ≥ freeindex, consuming it
  // from the cache and advancing freeindex past it; nelems when full.
  std::uint32_t next_free_index();
  // countAlloc: number of mark bits set.
  std::uint32_t count_alloc() const;

  void check_invariants(std::uint32_t heap_sweepgen, bool gc_off) const;
};

}  // namespace bucketlab::runtime
