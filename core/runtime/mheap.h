// Models go/src/runtime/mheap.go (go1.19; go1.22+/1.26 span layouts via
// size_classes.h): the page heap — span allocation and freeing, heap
// growth, the reclaimer, and the heap's byte accounting.
//
// Terminology
//   heapInUse    bytes in in-use spans (MemStats.HeapInuse).
//   heapFree     bytes of free pages still backed by memory (not released).
//   heapReleased bytes of free pages returned to the OS (HeapReleased).
//                heapInUse + heapFree + heapReleased = mapped heap (HeapSys).
//                (In Go these live in gcController; they are heap facts.)
//   totalAlloc / totalFree   the "inconsistent" internal byte counters Go
//                updates at mcache refill/flush, large alloc, and sweep.
//   reclaim      before allocating n pages while sweeping is unfinished,
//                sweep in-use spans that had no marked object (pageInUse &^
//                pageMarks), in address order, until n pages were freed.
//
// Algorithm (allocSpan)
//   1. npages < 16: take pages from the P's page cache (refilled with the
//      64-page block holding the lowest free page); else, or on a miss,
//   2. pageAlloc.alloc (lowest-address fit); none → grow by
//      alignUp(npages, 512) pages (4 MiB steps) and retry.
//   3. initialise the span; needzero if the pages were used before.
//   4. synchronous scavenging: down to the memory limit, and, when the heap
//      grew, the growth beyond the scavenger's GOGC retention goal.
//   5. accounting: released pages re-committed; heapFree −= the rest;
//      heapInUse += span bytes.
//
// Invariants (check_invariants)
//   heapInUse  == Σ in-use span bytes == pagesInUse · 8 KiB
//   heapReleased == 8 KiB · (scavenged free pages + released pages in the page cache)
//   heapInUse + heapFree + heapReleased == mapped bytes
//   a page is free in the page allocator ⟺ it is in no in-use span and not in the page cache
//   no page belongs to two spans; spans[] names the owning span of each in-use page
//   every in-use span is cached in the mcache or queued in a central set that
//   matches its sweep state and fullness
//
// Deviations from Go
//   - heap_budget_bytes: growing past this many mapped bytes throws
//     OutOfMemoryError (a safety cap for the simulation, not a Go setting).
//   - Only heap spans exist: no stack spans, GC workbufs or other
//     manually-managed spans, so their pages never leave the heap.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/runtime/gc_controller.h"
#include "core/runtime/mcentral.h"
#include "core/runtime/mspan.h"
#include "core/runtime/page_alloc.h"

namespace bucketlab::runtime {

struct RuntimeState;

// The simulated process ran out of its heap budget.
struct OutOfMemoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct HeapAccounting {
  std::uint64_t heap_in_use = 0;
  std::uint64_t heap_free = 0;
  std::uint64_t heap_released = 0;
  std::uint64_t total_alloc = 0;  // gcController.totalAlloc
  std::uint64_t total_free = 0;   // gcController.totalFree
};

class MHeap {
 public:
  explicit MHeap(RuntimeState& rt);
  MHeap(const MHeap&) = delete;
  MHeap& operator=(const MHeap&) = delete;

  // mheap.alloc: reclaim first if sweeping is unfinished, then allocSpan.
  MSpan* alloc(std::uint64_t npages, SpanClass spc);
  // mheap.freeSpan: return an empty, swept span's pages to the page heap.
  void free_span(MSpan* s);
  // mheap.reclaim: sweep until npage pages were freed (or no candidates remain).
  void reclaim(std::uint64_t npage);
  // pageAlloc.scavenge + scavengeOne accounting: release up to nbytes of free
  // pages, highest first; `stop` is polled after each chunk step. Returns bytes released.
  std::uint64_t scavenge(std::uint64_t nbytes, bool force, const std::function<bool()>& stop = {});

  // findObject: the object containing p. Returns false for non-heap p;
  // throws ModelError for a pointer into the heap that names no allocated
  // object (Go: "found bad pointer in Go heap" / "found pointer to free object").
  bool find_object(Addr p, MSpan*& span, std::uint32_t& index) const;

  PacerHeapStats pacer_stats() const;
  std::uint64_t mapped_ready() const { return acct.heap_in_use + acct.heap_free; }
  std::uint64_t heap_retained() const { return acct.heap_in_use + acct.heap_free; }  // heapRetained()

  template <typename F>
  void for_each_span(F&& f) const {
    for (const MSpan& s : storage_)
      if (s.state == SpanState::InUse) f(s);
  }
  const std::deque<MSpan>& span_storage() const { return storage_; }

  void check_invariants() const;

  // --- state (Go's mheap_ fields; public like Go's, mutated only by runtime code) ---
  std::uint32_t sweepgen = 0;
  std::uint64_t pages_in_use = 0;             // pagesInUse
  std::uint64_t pages_swept = 0;              // pagesSwept (this cycle)
  std::uint64_t pages_swept_basis = 0;        // pagesSweptBasis
  double sweep_pages_per_byte = 0;            // proportional sweep ratio
  std::uint64_t sweep_heap_live_basis = 0;
  std::uint64_t sweep_arena_pages = 0;        // pages of h.sweepArenas
  std::uint64_t reclaim_index = 0;            // next page to reclaim; ≥ 2^63 = done
  std::uint64_t reclaim_credit = 0;
  HeapAccounting acct;
  PageAlloc pages;
  PageCache pcache;                            // the one P's page cache
  std::array<MCentral, kNumSpanClasses> central;
  std::uint64_t eager_scavenged = 0;           // released by allocSpan's synchronous scavenging

 private:
  MSpan* alloc_span(std::uint64_t npages, SpanClass spc);
  std::uint64_t grow(std::uint64_t npage);
  std::uint64_t reclaim_chunk(std::uint64_t page_idx, std::uint64_t n);
  MSpan* new_mspan();

  RuntimeState& rt_;
  std::deque<MSpan> storage_;      // mspan structs; addresses stable
  std::vector<MSpan*> free_mspans_;  // recycled structs (mheap.spanalloc)
};

}  // namespace bucketlab::runtime
