// Fragmentation of the simulated heap, measured from the allocator's own
// structures (no Go file models this; the quantities are the ones Go's
// MemStats and runtime/metrics let a user derive).
//
// Terminology
//   internal     HeapInuse − HeapAlloc: bytes in in-use spans not holding
//                allocated objects (free slots, span tail waste, span-end
//                metadata of Go 1.22+/1.26). Per size class as well.
//   occupancy    per span allocCount / nelems, in 10 % buckets
//                ([0,10%) … [90%,100%), and [10] = exactly full).
//   free runs    maximal runs of pages free in the page allocator; run
//                fragmentation = 1 − largest run / total free pages.
//   idle/released  HeapIdle and HeapReleased in pages.
//
// HeapAlloc here is Σ allocCount·elemsize over in-use spans (large: whole
// pages): MemStats.HeapAlloc after ReadMemStats flushes the mcache, read
// without flushing. Dead objects not yet swept still count, as in Go.
#pragma once
#include <array>
#include <cstdint>

#include "core/runtime/size_classes.h"

namespace bucketlab::runtime {

struct RuntimeState;

struct ClassFragmentation {
  std::uint64_t spans = 0;
  std::uint64_t span_bytes = 0;        // Σ span bytes (HeapInuse share)
  std::uint64_t objects = 0;           // Σ allocCount
  std::uint64_t alloc_bytes = 0;       // Σ allocCount · elemsize
  std::uint64_t capacity = 0;          // Σ nelems
  std::uint64_t tail_waste_bytes = 0;  // Σ span bytes − nelems · elemsize (incl. span-end metadata)
  std::uint64_t large_slack_bytes = 0; // class 0: Σ span bytes − requested object size
  std::array<std::uint32_t, 11> occupancy{};
  std::uint64_t internal_bytes() const { return span_bytes - alloc_bytes; }
};

struct Fragmentation {
  std::uint64_t heap_inuse = 0;
  std::uint64_t heap_alloc = 0;
  std::uint64_t internal_bytes = 0;   // heap_inuse − heap_alloc
  std::array<ClassFragmentation, kNumSizeClasses> by_class{};  // [0] = large objects
  std::uint64_t free_pages = 0;       // free in the page allocator (page cache excluded)
  std::uint64_t free_runs = 0;
  std::uint64_t largest_free_run_pages = 0;
  double run_fragmentation = 0;       // 1 − largest/total, 0 when nothing is free
  std::uint64_t page_cache_pages = 0; // free pages held by the P's page cache
  std::uint64_t idle_pages = 0;       // HeapIdle / 8 KiB
  std::uint64_t released_pages = 0;   // HeapReleased / 8 KiB
};

Fragmentation measure_fragmentation(const RuntimeState& rt);

}  // namespace bucketlab::runtime
