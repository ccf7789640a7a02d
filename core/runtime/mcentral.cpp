#include "core/runtime/mcentral.h"

#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

MSpan* MCentral::cache_span() {
  RuntimeState& rt = *rt_;
  // Deduct credit for this span allocation and sweep if necessary.
  const std::uint64_t span_bytes = kClassToAllocNPages[span_class_size_class(spanclass_)] * kPageSize;
  rt.sweeper.deduct_sweep_credit(span_bytes, 0);

  // Sweeping at most 100 spans without finding free space bounds the work
  // (and the space overhead of giving up, to 1 %).
  int span_budget = 100;
  const std::uint32_t sg = rt.heap.sweepgen;
  MSpan* s = partial_swept(sg).pop();
  if (s == nullptr && !rt.sweeper.is_done()) {
    // Partial unswept spans: sweep and use.
    for (; span_budget >= 0; span_budget--) {
      MSpan* u = partial_unswept(sg).pop();
      if (u == nullptr) break;
      if (rt.sweeper.try_acquire(u)) {
        rt.sweeper.sweep_span(u, true);
        s = u;
        break;
      }
      // Stale entry (already swept elsewhere): ignore it, as Go does.
    }
    // Full unswept spans: sweep; use if a slot came free, else file as full swept.
    for (; s == nullptr && span_budget >= 0; span_budget--) {
      MSpan* u = full_unswept(sg).pop();
      if (u == nullptr) break;
      if (rt.sweeper.try_acquire(u)) {
        rt.sweeper.sweep_span(u, true);
        const std::uint32_t free_index = u->next_free_index();
        if (free_index != u->nelems) {
          u->freeindex = free_index;
          s = u;
          break;
        }
        full_swept(sg).push(u);
      }
    }
  }
  if (s == nullptr) s = grow();  // nothing reusable: a fresh span

  BUCKETLAB_ASSERT(s->nelems > s->alloc_count && s->freeindex != s->nelems, "span has no free objects");
  // Init the alloc bits cache so that freeindex is bit 0.
  s->refill_alloc_cache((s->freeindex & ~std::uint32_t{63}) / 8);
  s->alloc_cache >>= s->freeindex % 64;
  return s;
}

void MCentral::uncache_span(MSpan* s) {
  RuntimeState& rt = *rt_;
  BUCKETLAB_ASSERT(s->alloc_count != 0, "uncaching span but s.allocCount == 0");
  const std::uint32_t sg = rt.heap.sweepgen;
  const bool stale = s->sweepgen == sg + 1;
  if (stale) {
    // Cached before this sweep began: it is our job to sweep it.
    s->sweepgen = sg - 1;
    rt.sweeper.sweep_span(s, false);
  } else {
    s->sweepgen = sg;
    if (s->nelems > s->alloc_count)
      partial_swept(sg).push(s);
    else
      full_swept(sg).push(s);
  }
}

MSpan* MCentral::grow() {
  RuntimeState& rt = *rt_;
  const std::uint64_t npages = kClassToAllocNPages[span_class_size_class(spanclass_)];
  return rt.heap.alloc(npages, spanclass_);
}

}  // namespace bucketlab::runtime
