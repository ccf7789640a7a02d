#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

RuntimeState::RuntimeState(const RuntimeConfig& c)
    : config(c),
      version(c.version),
      rng(c.seed),
      roles{"object"},
      pacer(c.version, c.gogc, c.memory_limit),
      heap(*this),
      mcache(*this),
      sweeper(*this),
      gc(*this),
      scavenger(*this) {}

void RuntimeState::check_invariants() const {
  heap.check_invariants();
  mcache.check_invariants();
  gc.check_invariants();

  // Mallocs − Frees == live objects: counted objects (flushed per-class
  // counts + allocations in cached spans not yet flushed) minus freed ones
  // equal the objects the spans hold. Merged tiny allocations cancel out.
  std::uint64_t counted = stats.large_alloc_count, freed = stats.large_free_count, live = 0, live_bytes = 0;
  std::uint64_t flushed_bytes = stats.large_alloc;
  for (int c = 0; c < kNumSizeClasses; ++c) {
    counted += stats.small_alloc_count[c];
    freed += stats.small_free_count[c];
    flushed_bytes += stats.small_alloc_count[c] * kClassToSize[c];
  }
  for (const MSpan* s : mcache.alloc)
    if (!mcache.is_dummy(s)) counted += s->alloc_count - s->alloc_count_before_cache;
  heap.for_each_span([&](const MSpan& s) {
    live += s.alloc_count;
    live_bytes += s.alloc_count * s.elemsize;
  });
  BUCKETLAB_INVARIANT(counted - freed == live, "runtime: Mallocs − Frees == objects held by spans");
  BUCKETLAB_INVARIANT(heap.acct.total_alloc == flushed_bytes, "runtime: totalAlloc == consistent per-class stats");
  BUCKETLAB_INVARIANT(live_bytes <= heap.acct.heap_in_use, "runtime: HeapAlloc ≤ HeapInuse");
  BUCKETLAB_INVARIANT(heap.acct.heap_in_use + heap.acct.heap_free >= heap.acct.heap_in_use &&
                          heap.acct.heap_free <= arena.mapped_bytes() && heap.acct.heap_released <= arena.mapped_bytes(),
                      "runtime: HeapIdle ≥ HeapReleased (no counter underflow)");
}

}  // namespace bucketlab::runtime
