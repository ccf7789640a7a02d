#include "core/runtime/fragmentation.h"

#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

Fragmentation measure_fragmentation(const RuntimeState& rt) {
  Fragmentation f;
  rt.heap.for_each_span([&](const MSpan& s) {
    ClassFragmentation& c = f.by_class[s.sizeclass()];
    c.spans++;
    c.span_bytes += s.span_bytes();
    c.objects += s.alloc_count;
    c.alloc_bytes += static_cast<std::uint64_t>(s.alloc_count) * s.elemsize;
    c.capacity += s.nelems;
    c.tail_waste_bytes += s.span_bytes() - static_cast<std::uint64_t>(s.nelems) * s.elemsize;
    if (s.sizeclass() == 0) c.large_slack_bytes += s.span_bytes() - (s.limit - s.base());
    const std::size_t bucket = s.alloc_count == s.nelems ? 10 : (s.alloc_count * 10) / s.nelems;
    c.occupancy[bucket]++;
  });
  for (const auto& c : f.by_class) {
    f.heap_inuse += c.span_bytes;
    f.heap_alloc += c.alloc_bytes;
  }
  f.internal_bytes = f.heap_inuse - f.heap_alloc;

  const PageAlloc& pa = rt.heap.pages;
  std::uint64_t run = 0;
  for (std::uint64_t p = 0; p < pa.nchunks() * kPallocChunkPages; ++p) {
    if (pa.page_free(p)) {
      f.free_pages++;
      if (run++ == 0) f.free_runs++;
      if (run > f.largest_free_run_pages) f.largest_free_run_pages = run;
    } else {
      run = 0;
    }
  }
  if (f.free_pages > 0)
    f.run_fragmentation = 1.0 - static_cast<double>(f.largest_free_run_pages) / static_cast<double>(f.free_pages);
  f.page_cache_pages = static_cast<std::uint64_t>(__builtin_popcountll(rt.heap.pcache.cache));
  f.idle_pages = (rt.heap.acct.heap_free + rt.heap.acct.heap_released) / kPageSize;
  f.released_pages = rt.heap.acct.heap_released / kPageSize;
  return f;
}

}  // namespace bucketlab::runtime
