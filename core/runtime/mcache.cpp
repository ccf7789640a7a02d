#include "core/runtime/mcache.h"

#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

MCache::MCache(RuntimeState& rt) : rt_(rt) {
  empty_.state = SpanState::Dead;  // nelems 0, allocCache 0: nothing to hand out
  alloc.fill(&empty_);
}

std::uint32_t MCache::next_free(SpanClass spc, MSpan*& s, bool& should_help_gc) {
  s = alloc[spc];
  should_help_gc = false;
  std::uint32_t free_index = s->next_free_index();
  if (free_index == s->nelems) {
    // The span is full.
    BUCKETLAB_ASSERT(s->alloc_count == s->nelems, "s.allocCount != s.nelems && freeIndex == s.nelems");
    refill(spc);
    should_help_gc = true;
    s = alloc[spc];
    free_index = s->next_free_index();
  }
  BUCKETLAB_ASSERT(free_index < s->nelems, "freeIndex is not valid");
  s->alloc_count++;
  return free_index;
}

void MCache::refill(SpanClass spc) {
  rt_.clock.charge(CostKind::MallocRefill);
  MSpan* s = alloc[spc];
  BUCKETLAB_ASSERT(s->alloc_count == s->nelems, "refill of span with free space remaining");
  const std::uint32_t sg = rt_.heap.sweepgen;
  if (s != &empty_) {
    BUCKETLAB_ASSERT(s->sweepgen == sg + 3, "bad sweepgen in refill");
    rt_.heap.central[spc].uncache_span(s);
    // Count up how many slots were used and record it.
    const std::uint64_t slots_used = s->alloc_count - s->alloc_count_before_cache;
    rt_.stats.small_alloc_count[span_class_size_class(spc)] += slots_used;
    if (spc == kTinySpanClass) {
      rt_.stats.tiny_alloc_count += tiny_allocs;
      tiny_allocs = 0;
    }
    rt_.heap.acct.total_alloc += slots_used * s->elemsize;
    s->alloc_count_before_cache = 0;
    alloc[spc] = &empty_;  // (model) stays consistent if cacheSpan throws OutOfMemoryError
  }
  s = rt_.heap.central[spc].cache_span();
  BUCKETLAB_ASSERT(s->alloc_count != s->nelems, "span has no free space");
  s->sweepgen = rt_.heap.sweepgen + 3;  // cached: asynchronous sweepers keep off
  s->alloc_count_before_cache = s->alloc_count;
  // Assume every free slot will be used: heapLive is an overestimate until
  // the span is uncached (releaseAll corrects it).
  const std::uint64_t used_bytes = static_cast<std::uint64_t>(s->alloc_count) * s->elemsize;
  rt_.pacer.update(static_cast<std::int64_t>(s->npages * kPageSize) - static_cast<std::int64_t>(used_bytes),
                   static_cast<std::int64_t>(scan_alloc));
  scan_alloc = 0;
  alloc[spc] = s;
}

MSpan* MCache::alloc_large(std::uint64_t size, bool noscan) {
  if (size + kPageSize < size) throw ModelError("runtime: out of memory (allocation size overflow)");
  std::uint64_t npages = size >> kPageShift;
  if (size & kPageMask) npages++;
  // Pay proportional-sweep debt for the span; mheap.alloc also reclaims npages.
  rt_.sweeper.deduct_sweep_credit(npages * kPageSize, npages);
  const SpanClass spc = make_span_class(0, noscan);
  rt_.clock.charge(CostKind::MallocLarge);
  MSpan* s = rt_.heap.alloc(npages, spc);
  rt_.stats.large_alloc += npages * kPageSize;
  rt_.stats.large_alloc_count++;
  rt_.heap.acct.total_alloc += npages * kPageSize;
  rt_.pacer.update(static_cast<std::int64_t>(s->npages * kPageSize), 0);
  // On the swept list so the background sweeper sees it next cycle.
  rt_.heap.central[spc].full_swept(rt_.heap.sweepgen).push(s);
  s->limit = s->base() + size;
  return s;
}

void MCache::release_all() {
  const std::int64_t scan = static_cast<std::int64_t>(scan_alloc);
  scan_alloc = 0;
  const std::uint32_t sg = rt_.heap.sweepgen;
  std::int64_t d_heap_live = 0;
  for (int i = 0; i < kNumSpanClasses; ++i) {
    MSpan* s = alloc[i];
    if (s == &empty_) continue;
    const std::uint64_t slots_used = s->alloc_count - s->alloc_count_before_cache;
    s->alloc_count_before_cache = 0;
    rt_.stats.small_alloc_count[span_class_size_class(static_cast<SpanClass>(i))] += slots_used;
    rt_.heap.acct.total_alloc += slots_used * s->elemsize;
    if (s->sweepgen != sg + 1) {
      // refill counted the unused slots in heapLive; undo that. (A span
      // cached before the sweep began had heapLive recomputed since.)
      d_heap_live -= static_cast<std::int64_t>((s->nelems - s->alloc_count) * s->elemsize);
    }
    rt_.heap.central[i].uncache_span(s);
    alloc[i] = &empty_;
  }
  tiny = 0;
  tinyoffset = 0;
  rt_.stats.tiny_alloc_count += tiny_allocs;
  tiny_allocs = 0;
  rt_.pacer.update(d_heap_live, scan);
}

void MCache::prepare_for_sweep() {
  const std::uint32_t sg = rt_.heap.sweepgen;
  if (flush_gen == sg) return;
  BUCKETLAB_ASSERT(flush_gen == sg - 2, "bad flushGen in prepareForSweep");
  release_all();
  flush_gen = sg;
}

void MCache::check_invariants() const {
  const std::uint32_t sg = rt_.heap.sweepgen;
  BUCKETLAB_INVARIANT(flush_gen == sg, "mcache: flushGen == sweepgen outside mark termination");
  for (int i = 0; i < kNumSpanClasses; ++i) {
    const MSpan* s = alloc[i];
    if (s == &empty_) continue;
    BUCKETLAB_INVARIANT(s->state == SpanState::InUse && s->spanclass == i, "mcache: alloc[spc] is an in-use span of class spc");
    BUCKETLAB_INVARIANT(s->sweepgen == sg + 3, "mcache: a cached span has sweepgen sg+3");
    BUCKETLAB_INVARIANT(s->alloc_count >= s->alloc_count_before_cache, "mcache: allocCount ≥ allocCountBeforeCache");
  }
  BUCKETLAB_INVARIANT(empty_.nelems == 0 && empty_.alloc_count == 0 && empty_.freeindex == 0,
                      "mcache: the dummy span stays empty");
  BUCKETLAB_INVARIANT(tinyoffset <= kMaxTinySize, "mcache: tinyoffset ≤ 16");
  if (tiny != 0) {
    const MSpan* s = rt_.arena.span_of(tiny);
    BUCKETLAB_INVARIANT(s && s->state == SpanState::InUse && s->spanclass == kTinySpanClass &&
                            s->is_allocated(s->obj_index(tiny)) && (tiny - s->base()) % kMaxTinySize == 0,
                        "mcache: the tiny block is an allocated tinySpanClass slot");
  }
}

}  // namespace bucketlab::runtime
