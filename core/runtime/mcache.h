// Models go/src/runtime/mcache.go (go1.19): the one P's cache of spans, one
// per span class, plus the tiny-allocator block.
//
// Terminology
//   alloc[spc]   the span small objects of class spc are carved from; the
//                shared empty dummy span (emptymspan, nelems 0) when none.
//   tiny         current 16-byte block for pointer-free objects < 16 B,
//                tinyoffset the next free byte in it, tinyAllocs how many
//                allocations were merged into blocks (not separate objects).
//   scanAlloc    pointerful bytes allocated since the last flush (heapScan).
//   flushGen     the sweepgen at which this cache was last flushed.
//
// Algorithm
//   refill(spc): the cached span is full. Return it (uncacheSpan), count
//     its new allocations in the per-class stats, get another span from the
//     mcentral, mark it cached (sweepgen = sg+3) and add its free space to
//     heapLive as if all of it will be used.
//   releaseAll: uncache every span, correct heapLive for slots that were
//     not used, drop the tiny block, flush tinyAllocs. Runs at each mark
//     termination (prepareForSweep) and in ReadMemStats.
//   allocLarge: pages for one large object straight from the heap, after
//     paying proportional-sweep debt; counted as allocated at once.
//
// Invariants: alloc[spc] is the dummy or an in-use span of class spc with
//   sweepgen == sg+3 (sg+1 between mark termination and the flush);
//   tiny == 0 or it is an allocated slot of a tinySpanClass span and
//   tinyoffset ≤ 16.
//
// Deviations from Go: one P, so one mcache; stack caches and heap
// profiling samples are not modelled.
#pragma once
#include <array>
#include <cstdint>

#include "core/runtime/mspan.h"
#include "core/runtime/size_classes.h"

namespace bucketlab::runtime {

struct RuntimeState;

class MCache {
 public:
  explicit MCache(RuntimeState& rt);
  MCache(const MCache&) = delete;
  MCache& operator=(const MCache&) = delete;

  // nextFree: a free slot index of the cached span for spc, refilling first
  // when it is full (then should_help_gc = true: a "heavy" allocation).
  std::uint32_t next_free(SpanClass spc, MSpan*& s, bool& should_help_gc);
  void refill(SpanClass spc);
  MSpan* alloc_large(std::uint64_t size, bool noscan);
  void release_all();
  void prepare_for_sweep();

  bool is_dummy(const MSpan* s) const { return s == &empty_; }
  void check_invariants() const;

  std::array<MSpan*, kNumSpanClasses> alloc{};
  Addr tiny = 0;
  std::uint64_t tinyoffset = 0;
  std::uint64_t tiny_allocs = 0;
  std::uint64_t scan_alloc = 0;
  std::uint32_t flush_gen = 0;

 private:
  RuntimeState& rt_;
  MSpan empty_;  // emptymspan: nelems 0, so every allocation from it refills
};

}  // namespace bucketlab::runtime
