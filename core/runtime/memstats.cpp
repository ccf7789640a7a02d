#include "core/runtime/memstats.h"

#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

MemStats read_mem_stats(RuntimeState& rt) {
  rt.clock.charge(CostKind::ReadMemStats);  // stopTheWorld("read mem stats") + readmemstats_m
  rt.mcache.release_all();  // flushallmcaches (stopping the world flushes every P)
  return peek_mem_stats(rt);
}

MemStats peek_mem_stats(const RuntimeState& rt) {
  const HeapStats& st = rt.stats;
  std::uint64_t total_alloc = st.large_alloc, n_malloc = st.large_alloc_count;
  std::uint64_t total_free = st.large_free, n_free = st.large_free_count;
  MemStats m;
  for (int c = 0; c < kNumSizeClasses; ++c) {
    const std::uint64_t a = st.small_alloc_count[c], f = st.small_free_count[c];
    total_alloc += a * kClassToSize[c];
    total_free += f * kClassToSize[c];
    n_malloc += a;
    n_free += f;
    if (c < kNumBySizeClasses) m.BySize[c] = BySizeEntry{kClassToSize[c], a, f};
  }
  // Merged tiny allocations are objects allocated and freed at once.
  n_free += st.tiny_alloc_count;
  n_malloc += st.tiny_alloc_count;

  const HeapAccounting& a = rt.heap.acct;
  BUCKETLAB_ASSERT(a.total_alloc == total_alloc, "totalAlloc and consistent stats are not equal");
  BUCKETLAB_ASSERT(a.total_free == total_free, "totalFree and consistent stats are not equal");

  m.Alloc = m.HeapAlloc = total_alloc - total_free;
  m.TotalAlloc = total_alloc;
  m.Mallocs = n_malloc;
  m.Frees = n_free;
  m.HeapSys = a.heap_in_use + a.heap_free + a.heap_released;
  m.Sys = m.HeapSys;  // Deviation: only the heap is modelled (memstats.h)
  m.HeapIdle = a.heap_free + a.heap_released;
  m.HeapInuse = a.heap_in_use;
  m.HeapReleased = a.heap_released;
  m.HeapObjects = n_malloc - n_free;
  m.NextGC = rt.pacer.heap_goal(rt.heap.pacer_stats());
  m.NumGC = rt.gc.num_gc();
  m.NumForcedGC = rt.gc.num_forced_gc();
  m.EnableGC = true;
  // Modelled on the simulated clock (cost_model.h).
  const GcTimes& t = rt.gc.times();
  m.LastGC = t.last_gc_unix;
  m.PauseTotalNs = t.pause_total_ns;
  m.PauseNs = t.pause_ns_ring;
  m.PauseEnd = t.pause_end_ring;
  m.GCCPUFraction = t.gc_cpu_fraction;
  return m;
}

MemStats observe_mem_stats(const RuntimeState& rt) {
  MemStats m = peek_mem_stats(rt);
  // What mcache.releaseAll would add: slots used in the cached spans since
  // they were cached, and the tiny allocations (counted as malloc and free).
  std::uint64_t n = 0, bytes = 0;
  for (int i = 0; i < kNumSpanClasses; ++i) {
    const MSpan* s = rt.mcache.alloc[i];
    if (s == nullptr || rt.mcache.is_dummy(s)) continue;
    const std::uint64_t used = s->alloc_count - s->alloc_count_before_cache;
    n += used;
    bytes += used * s->elemsize;
    const int c = span_class_size_class(static_cast<SpanClass>(i));
    if (c < kNumBySizeClasses) m.BySize[c].Mallocs += used;
  }
  m.Mallocs += n + rt.mcache.tiny_allocs;
  m.Frees += rt.mcache.tiny_allocs;
  m.TotalAlloc += bytes;
  m.HeapAlloc += bytes;
  m.Alloc = m.HeapAlloc;
  m.HeapObjects += n;
  return m;
}

}  // namespace bucketlab::runtime
