#include "core/runtime/mheap.h"

#include "core/common/text_out.h"
#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

MHeap::MHeap(RuntimeState& rt) : pages(rt.version), rt_(rt) {
  for (int i = 0; i < kNumSpanClasses; ++i) central[i].init(&rt, static_cast<SpanClass>(i));
}

MSpan* MHeap::new_mspan() {
  if (!free_mspans_.empty()) {
    MSpan* s = free_mspans_.back();
    free_mspans_.pop_back();
    return s;
  }
  storage_.emplace_back();
  storage_.back().id = static_cast<std::uint32_t>(storage_.size() - 1);
  return &storage_.back();
}

PacerHeapStats MHeap::pacer_stats() const {
  return PacerHeapStats{acct.heap_free, acct.total_alloc - acct.total_free, mapped_ready()};
}

MSpan* MHeap::alloc(std::uint64_t npages, SpanClass spc) {
  // To prevent excessive heap growth, before allocating n pages sweep and
  // reclaim at least n pages.
  if (!rt_.sweeper.is_done()) reclaim(npages);
  return alloc_span(npages, spc);
}

MSpan* MHeap::alloc_span(std::uint64_t npages, SpanClass spc) {
  Addr base = 0;
  std::uint64_t scav = 0, growth = 0;
  if (npages < kPageCachePages / 4) {
    if (pcache.empty()) pcache = pages.alloc_to_cache();
    base = pcache.alloc(npages, scav);
  }
  if (base == 0) {
    base = pages.alloc(npages, scav);
    if (base == 0) {
      growth = grow(npages);
      base = pages.alloc(npages, scav);
      BUCKETLAB_ASSERT(base != 0, "grew heap, but no adequate free space found");
    }
  }

  // (Released or fresh pages fault in when first written: HeapArena::touch.)
  rt_.clock.charge(CostKind::MallocSpan);
  MSpan* s = new_mspan();
  const int sizeclass = span_class_size_class(spc);
  const std::uint64_t nbytes = npages * kPageSize;
  if (sizeclass == 0)
    s->init(base, npages, spc, 1, nbytes);
  else
    s->init(base, npages, spc, span_nelems(sizeclass, span_class_noscan(spc), rt_.version), kClassToSize[sizeclass]);
  s->needzero = rt_.arena.alloc_needs_zero(base, npages);
  s->sweepgen = sweepgen;

  // Synchronous scavenging: keep under the memory limit (the CPU limiter,
  // not modelled, never says "limiting") and give back heap growth beyond
  // the scavenger's retention goal.
  std::uint64_t to_scavenge = 0;
  bool force = false;
  const std::uint64_t limit = static_cast<std::uint64_t>(rt_.pacer.memory_limit());
  if (scav + mapped_ready() > limit) {
    to_scavenge = scav + mapped_ready() - limit;
    force = rt_.version.scavenge_index_generations();  // Go 1.21+ forces this scavenge
  }
  if (const std::uint64_t goal = rt_.scavenger.goals().gc_percent_goal; goal != ~std::uint64_t{0} && growth > 0) {
    if (const std::uint64_t retained = heap_retained(); retained + growth > goal) {
      std::uint64_t todo = growth;
      if (const std::uint64_t overage = retained + growth - goal; todo > overage) todo = overage;
      if (todo > to_scavenge) to_scavenge = todo;
    }
  }
  if (to_scavenge > 0) eager_scavenged += scavenge(to_scavenge, force);

  // Released pages reused by the span are committed again.
  acct.heap_released -= scav;
  acct.heap_free -= nbytes - scav;
  acct.heap_in_use += nbytes;

  rt_.arena.set_spans(base, npages, s);
  rt_.arena.set_page_in_use(HeapArena::page_index(base), true);
  pages_in_use += npages;
  rt_.events.emit(EventKind::SpanAlloc, base, npages, spc, s->nelems);
  return s;
}

std::uint64_t MHeap::grow(std::uint64_t npage) {
  const std::uint64_t ask = align_up(npage, kPallocChunkPages) * kPageSize;
  if (rt_.arena.mapped_bytes() + ask > rt_.config.heap_budget_bytes) {
    TextOut os;
    os << "runtime: out of memory: cannot allocate " << ask << "-byte block ("
       << acct.heap_in_use + acct.heap_free + acct.heap_released
       << " in use): the simulation's heap budget (heap_budget_bytes = " << rt_.config.heap_budget_bytes
       << ") would be exceeded\nfatal error: out of memory";
    throw OutOfMemoryError(os.str());
  }
  const Addr v = rt_.arena.map(ask);
  rt_.clock.charge(CostKind::HeapGrow, ask / kPallocChunkBytes);
  acct.heap_released += ask;  // mapped memory starts out released (sysMap into heapReleased)
  pages.grow(v, ask);
  rt_.events.emit(EventKind::HeapGrow, ask, rt_.arena.mapped_bytes());
  return ask;
}

void MHeap::free_span(MSpan* s) {
  BUCKETLAB_ASSERT(s->state == SpanState::InUse && s->alloc_count == 0 && s->sweepgen == sweepgen,
                   "mheap.freeSpanLocked - invalid free");
  pages_in_use -= s->npages;
  rt_.arena.set_page_in_use(HeapArena::page_index(s->base()), false);
  const std::uint64_t nbytes = s->npages * kPageSize;
  acct.heap_free += nbytes;
  acct.heap_in_use -= nbytes;
  pages.free(s->base(), s->npages);
  rt_.events.emit(EventKind::SpanFree, s->base(), s->npages, s->spanclass);
  s->state = SpanState::Dead;
  free_mspans_.push_back(s);
}

void MHeap::reclaim(std::uint64_t npage) {
  if (reclaim_index >= (std::uint64_t{1} << 63)) return;  // no more reclaim work
  while (npage > 0) {
    if (reclaim_credit > 0) {  // pull from accumulated credit first
      const std::uint64_t take = std::min(reclaim_credit, npage);
      reclaim_credit -= take;
      npage -= take;
      continue;
    }
    const std::uint64_t idx = reclaim_index;
    reclaim_index += kPallocChunkPages;  // pagesPerReclaimerChunk
    if (idx >= sweep_arena_pages) {
      reclaim_index = std::uint64_t{1} << 63;
      break;
    }
    const std::uint64_t nfound = reclaim_chunk(idx, kPallocChunkPages);
    if (nfound <= npage) {
      npage -= nfound;
    } else {
      reclaim_credit += nfound - npage;
      npage = 0;
    }
  }
}

std::uint64_t MHeap::reclaim_chunk(std::uint64_t page_idx, std::uint64_t n) {
  if (rt_.sweeper.is_done()) return 0;  // sweep.active.begin() is invalid once drained
  std::uint64_t nfreed = 0;
  const HeapArena& arena = rt_.arena;
  for (std::uint64_t w = page_idx / 64; w < (page_idx + n) / 64; ++w) {
    // In-use spans with no marked object start on these pages; re-read the
    // bitmap after each sweep, as Go does, since sweeping frees spans.
    std::uint64_t bits = arena.page_in_use_word(w) & ~arena.page_marks_word(w);
    while (bits != 0) {
      const int j = __builtin_ctzll(bits);
      MSpan* s = arena.span_of_page(w * 64 + static_cast<std::uint64_t>(j));
      if (s && rt_.sweeper.try_acquire(s)) {
        const std::uint64_t np = s->npages;
        if (rt_.sweeper.sweep_span(s, false)) nfreed += np;
      }
      const std::uint64_t above = j == 63 ? 0 : ~std::uint64_t{0} << (j + 1);
      bits = arena.page_in_use_word(w) & ~arena.page_marks_word(w) & above;
    }
  }
  return nfreed;
}

std::uint64_t MHeap::scavenge(std::uint64_t nbytes, bool force, const std::function<bool()>& stop) {
  std::uint64_t released = 0;
  while (released < nbytes) {
    const PageAlloc::Candidate c = pages.scavenge_find(force);
    if (!c.ok) break;
    const PageAlloc::Released r = pages.scavenge_one(c.chunk, c.search_idx, nbytes - released);
    if (r.npages != 0) {
      const std::uint64_t bytes = r.npages * kPageSize;
      rt_.arena.memclr(r.base, bytes);  // the OS drops the contents (MADV_DONTNEED)
      // madvise frees only the pages that were backed; never-written ones cost nothing.
      rt_.clock.charge(CostKind::ScavengePage, bytes / kPhysPageSize - rt_.arena.cold_pages_in(r.base, bytes));
      rt_.arena.set_cold(r.base, bytes);  // and the backing: the next write faults
      acct.heap_released += bytes;
      acct.heap_free -= bytes;
      released += bytes;
    }
    if (stop && stop()) break;
  }
  if (released > 0) rt_.events.emit(EventKind::Scavenge, released, acct.heap_released);
  return released;
}

bool MHeap::find_object(Addr p, MSpan*& span, std::uint32_t& index) const {
  if (!rt_.arena.in_heap(p)) return false;  // not a heap pointer (globals, zerobase, ...)
  MSpan* s = rt_.arena.span_of(p);
  if (s == nullptr) return false;  // never-used pages: spanOf is nil in Go as well
  if (s->state != SpanState::InUse || p < s->base() || p >= s->limit) {
    TextOut os;
    os << "runtime: pointer 0x" << hex << p << " to unallocated span\nfatal error: found bad pointer in Go heap";
    throw ModelError(os.str());
  }
  const std::uint32_t i = s->obj_index(p);
  if (s->is_free(i)) {
    TextOut os;
    os << "runtime: marking free object 0x" << hex << (s->base() + i * s->elemsize)
       << "\nfatal error: found pointer to free object";
    throw ModelError(os.str());
  }
  span = s;
  index = i;
  return true;
}

void MHeap::check_invariants() const {
  const HeapArena& arena = rt_.arena;
  arena.check_invariants();
  pages.check_invariants();
  const std::uint32_t sg = sweepgen;
  const bool gc_off = rt_.gc.phase() == GcPhase::Off;

  // Page ownership: walk every in-use span.
  std::vector<std::uint8_t> owner(arena.mapped_pages(), 0);
  std::uint64_t in_use_bytes = 0;
  for (const MSpan& s : storage_) {
    if (s.state != SpanState::InUse) continue;
    s.check_invariants(sg, gc_off);
    const std::uint64_t p0 = HeapArena::page_index(s.base());
    BUCKETLAB_INVARIANT(s.base() >= arena.base() && p0 + s.npages <= arena.mapped_pages(), "mheap: span outside the heap");
    for (std::uint64_t p = p0; p < p0 + s.npages; ++p) {
      BUCKETLAB_INVARIANT(owner[p] == 0, "mheap: a page belongs to two spans");
      owner[p] = 1;
      BUCKETLAB_INVARIANT(arena.span_of_page(p) == &s, "mheap: spans[] does not name the page's span");
      BUCKETLAB_INVARIANT(!pages.page_free(p), "mheap: a page of an in-use span is free in the page allocator");
      BUCKETLAB_INVARIANT(arena.page_in_use(p) == (p == p0), "mheap: pageInUse set exactly on each span's first page");
    }
    in_use_bytes += s.span_bytes();
  }
  // Page cache pages are allocated in the page allocator but in no span.
  std::uint64_t cache_pages = 0, cache_scav = 0;
  if (!pcache.empty()) {
    const std::uint64_t p0 = HeapArena::page_index(pcache.base);
    for (std::uint64_t i = 0; i < 64; ++i) {
      if (!((pcache.cache >> i) & 1)) continue;
      BUCKETLAB_INVARIANT(owner[p0 + i] == 0, "mheap: a page-cache page is in a span");
      BUCKETLAB_INVARIANT(!pages.page_free(p0 + i), "mheap: a page-cache page is free in the page allocator");
      owner[p0 + i] = 2;
      cache_pages++;
      cache_scav += (pcache.scav >> i) & 1;
    }
    BUCKETLAB_INVARIANT((pcache.scav & ~pcache.cache) == 0, "mheap: page cache scav bits only on cached pages");
  }
  std::uint64_t free_pages = 0, scav_pages = 0;
  for (std::uint64_t p = 0; p < arena.mapped_pages(); ++p) {
    if (owner[p] == 0) {
      BUCKETLAB_INVARIANT(pages.page_free(p), "mheap: a page in no span and not cached is not free");
      BUCKETLAB_INVARIANT(!arena.page_in_use(p), "mheap: pageInUse set on a free page");
      free_pages++;
      scav_pages += pages.page_scavenged(p);
    }
  }
  BUCKETLAB_INVARIANT(acct.heap_in_use == in_use_bytes, "mheap: heapInUse == Σ in-use span bytes");
  BUCKETLAB_INVARIANT(pages_in_use * kPageSize == in_use_bytes, "mheap: pagesInUse · 8 KiB == heapInUse");
  BUCKETLAB_INVARIANT(acct.heap_released == (scav_pages + cache_scav) * kPageSize,
                      "mheap: heapReleased == released free pages + released page-cache pages");
  BUCKETLAB_INVARIANT(acct.heap_free == (free_pages - scav_pages + cache_pages - cache_scav) * kPageSize,
                      "mheap: heapFree == unreleased free pages (heap + page cache)");
  BUCKETLAB_INVARIANT(acct.heap_in_use + acct.heap_free + acct.heap_released == arena.mapped_bytes(),
                      "mheap: HeapSys == HeapInuse + HeapIdle == mapped bytes");
  BUCKETLAB_INVARIANT(acct.total_free <= acct.total_alloc, "mheap: totalFree ≤ totalAlloc");

  // Every in-use span is cached or in a central set matching its state.
  // Mark set membership once: bit 1 partial swept, 2 full swept, 4 partial
  // unswept, 8 full unswept (entries filed under their own class only).
  std::vector<std::uint8_t> member(storage_.size(), 0);
  const int si = static_cast<int>((sg / 2) % 2), ui = 1 - si;
  for (const MCentral& c : central) {
    auto mark = [&](const SpanSet& set, std::uint8_t bit) {
      for (const MSpan* x : set.items())
        if (x->state == SpanState::InUse && x->spanclass == c.spanclass()) member[x->id] |= bit;
    };
    mark(c.partial_set(si), 1);
    mark(c.full_set(si), 2);
    mark(c.partial_set(ui), 4);
    mark(c.full_set(ui), 8);
  }
  for (const MSpan& s : storage_) {
    if (s.state != SpanState::InUse) continue;
    if (rt_.mcache.alloc[s.spanclass] == &s) {
      BUCKETLAB_INVARIANT(s.sweepgen == sg + 3 || s.sweepgen == sg + 1, "mheap: a cached span has sweepgen sg+3");
      continue;
    }
    BUCKETLAB_INVARIANT(s.sweepgen == sg || s.sweepgen == sg - 2, "mheap: an uncached span is swept or unswept");
    bool found;
    if (s.sweepgen == sg)
      found = member[s.id] & (s.alloc_count < s.nelems ? 1 : 2);
    else
      found = member[s.id] & (4 | 8);
    BUCKETLAB_INVARIANT(found, "mheap: an in-use span is in no central set that matches its sweep state");
  }
}

}  // namespace bucketlab::runtime
