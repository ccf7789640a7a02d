#include "core/runtime/runtime_state.h"

#include "core/common/text_out.h"

namespace bucketlab::runtime {

RuntimeState::RuntimeState(const RuntimeConfig& c)
    : config(c),
      version(c.version),
      rng(c.seed),
      roles{"object"},
      role_written{false},
      pacer(c.version, c.gogc, c.memory_limit),
      heap(*this),
      mcache(*this),
      sweeper(*this),
      gc(*this),
      scavenger(*this),
      clock(c.costs ? *c.costs : CostTable::calibrated()) {}

void RuntimeState::check_invariants() const {
  try {
    check_invariants_unwrapped();
  } catch (const InvariantError& e) {
    const std::string prefix = "invariant failed: ";
    std::string what = e.what();
    if (what.rfind(prefix, 0) == 0) what.erase(0, prefix.size());
    throw InvariantError(what + "\n" + dump());
  }
}

std::string RuntimeState::dump() const {
  TextOut os;
  const HeapAccounting& a = heap.acct;
  os << "runtime " << version.name() << ": gcphase " << gc_phase_name(gc.phase()) << ", sweepgen " << heap.sweepgen
     << ", cycles " << gc.cycles() << ", NumGC " << gc.num_gc() << ", sweep " << (sweeper.is_done() ? "done" : "in progress")
     << ", now " << clock.now_unfolded() << " ns\n";
  os << "  heap: mapped " << arena.mapped_bytes() << " inuse " << a.heap_in_use << " free " << a.heap_free << " released "
     << a.heap_released << " totalAlloc " << a.total_alloc << " totalFree " << a.total_free << " pagesInUse "
     << heap.pages_in_use << "\n";
  os << "  pacer: heapLive " << pacer.heap_live() << " heapMarked " << pacer.heap_marked() << " trigger "
     << pacer.trigger(heap.pacer_stats()) << " goal " << pacer.heap_goal(heap.pacer_stats()) << " GOGC "
     << pacer.gc_percent() << "\n";
  os << "  pages: chunks " << heap.pages.nchunks() << " free " << heap.pages.free_pages() << " scavenged "
     << heap.pages.scavenged_pages() << " searchAddr 0x" << hex << heap.pages.search_addr() << dec
     << "; page cache base 0x" << hex << heap.pcache.base << " free 0x" << heap.pcache.cache << " scav 0x"
     << heap.pcache.scav << dec << "\n";
  std::array<std::uint64_t, kNumSpanClasses> spans{}, objects{};
  heap.for_each_span([&](const MSpan& s) {
    spans[s.spanclass]++;
    objects[s.spanclass] += s.alloc_count;
  });
  os << "  spans by class (class/noscan: spans, objects, cached slot):";
  for (int i = 0; i < kNumSpanClasses; ++i) {
    if (!spans[i] && mcache.is_dummy(mcache.alloc[i])) continue;
    os << " " << span_class_size_class(static_cast<SpanClass>(i)) << (span_class_noscan(static_cast<SpanClass>(i)) ? "n" : "s")
       << ":" << spans[i] << "," << objects[i];
    if (!mcache.is_dummy(mcache.alloc[i])) os << ",c@" << mcache.alloc[i]->freeindex;
  }
  os << "\n  tiny 0x" << hex << mcache.tiny << dec << "+" << mcache.tinyoffset << " tinyAllocs "
     << mcache.tiny_allocs << "\n";
  return os.str();
}

void RuntimeState::check_invariants_unwrapped() const {
  heap.check_invariants();
  mcache.check_invariants();
  gc.check_invariants();
  pacer.check_invariants(heap.pacer_stats());

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
