#include "core/runtime/page_alloc.h"

#include <algorithm>

#include "core/common/check.h"

namespace bucketlab::runtime {

namespace {

constexpr std::uint64_t kChunkPages = kPallocChunkPages;

// First index ≥ i whose alloc bit is 0 (free), or 512.
std::uint64_t next_free(const PallocChunk& c, std::uint64_t i) {
  while (i < kChunkPages) {
    std::uint64_t x = ~c.alloc[i / 64] >> (i % 64);
    if (x) return i + static_cast<std::uint64_t>(__builtin_ctzll(x));
    i = (i / 64 + 1) * 64;
  }
  return kChunkPages;
}

// First index ≥ i whose alloc bit is 1 (not free), or 512.
std::uint64_t next_used(const PallocChunk& c, std::uint64_t i) {
  while (i < kChunkPages) {
    std::uint64_t x = c.alloc[i / 64] >> (i % 64);
    if (x) return i + static_cast<std::uint64_t>(__builtin_ctzll(x));
    i = (i / 64 + 1) * 64;
  }
  return kChunkPages;
}

std::uint64_t range_mask(std::uint64_t lo, std::uint64_t n) {  // bits [lo, lo+n) of one word
  return (n >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << n) - 1)) << lo;
}

}  // namespace

// ---------------------------------------------------------------- PageCache

Addr PageCache::alloc(std::uint64_t npages, std::uint64_t& scav_bytes) {
  scav_bytes = 0;
  if (cache == 0) return 0;
  if (npages == 1) {
    const std::uint64_t i = static_cast<std::uint64_t>(__builtin_ctzll(cache));
    scav_bytes = ((scav >> i) & 1) * kPageSize;
    cache &= ~(std::uint64_t{1} << i);
    scav &= ~(std::uint64_t{1} << i);
    return base + i * kPageSize;
  }
  // findBitRange64: lowest i with bits [i, i+npages) all set.
  const std::uint64_t want = (std::uint64_t{1} << npages) - 1;
  for (std::uint64_t i = 0; i + npages <= 64; ++i) {
    if (((cache >> i) & want) == want) {
      const std::uint64_t mask = want << i;
      scav_bytes = static_cast<std::uint64_t>(__builtin_popcountll(scav & mask)) * kPageSize;
      cache &= ~mask;
      scav &= ~mask;
      return base + i * kPageSize;
    }
  }
  return 0;
}

// ---------------------------------------------------------------- PageAlloc

PallocSum PageAlloc::summarize(const PallocChunk& c) {
  PallocSum s;
  const std::uint64_t start = next_used(c, 0);
  if (start == kChunkPages) {
    s.start = s.max = s.end = static_cast<std::uint16_t>(kChunkPages);
    return s;
  }
  std::uint64_t last_used = 0;
  for (int w = 7; w >= 0; --w)
    if (c.alloc[w]) {
      last_used = static_cast<std::uint64_t>(w) * 64 + 63 - static_cast<std::uint64_t>(__builtin_clzll(c.alloc[w]));
      break;
    }
  std::uint64_t best = start;
  for (std::uint64_t i = next_free(c, start); i < kChunkPages;) {
    const std::uint64_t j = next_used(c, i);
    best = std::max(best, j - i);
    i = j < kChunkPages ? next_free(c, j) : kChunkPages;
  }
  s.start = static_cast<std::uint16_t>(start);
  s.max = static_cast<std::uint16_t>(best);
  s.end = static_cast<std::uint16_t>(kChunkPages - 1 - last_used);
  return s;
}

int PageAlloc::find_in_chunk(const PallocChunk& c, std::uint64_t npages, std::uint64_t search_idx,
                             std::uint64_t& first_free) {
  first_free = next_free(c, search_idx);
  std::uint64_t i = first_free;
  while (i < kChunkPages) {
    std::uint64_t j = next_used(c, i);
    if (j - i >= npages) return static_cast<int>(i);
    i = next_free(c, j);
  }
  return -1;
}

void PageAlloc::set_alloc(std::uint64_t ci, std::uint64_t i, std::uint64_t n, bool allocated) {
  PallocChunk& c = chunks_[ci];
  while (n > 0) {
    const std::uint64_t w = i / 64, lo = i % 64, k = std::min(n, 64 - lo);
    const std::uint64_t m = range_mask(lo, k);
    if (allocated) {
      c.alloc[w] |= m;
      c.scav[w] &= ~m;  // pallocData.allocRange clears the scavenged bits too
    } else {
      c.alloc[w] &= ~m;
    }
    i += k;
    n -= k;
  }
  c.sum = summarize(c);
}

void PageAlloc::grow(Addr base, std::uint64_t size) {
  BUCKETLAB_ASSERT(base == chunk_base(chunks_.size()) && size % kPallocChunkBytes == 0,
                   "the heap grows contiguously in whole chunks");
  for (std::uint64_t i = 0; i < size / kPallocChunkBytes; ++i) {
    PallocChunk c;
    c.scav.fill(~std::uint64_t{0});  // newly-grown memory is always considered scavenged
    c.sum = {static_cast<std::uint16_t>(kChunkPages), static_cast<std::uint16_t>(kChunkPages),
             static_cast<std::uint16_t>(kChunkPages)};
    chunks_.push_back(c);
  }
  if (base < search_addr_) search_addr_ = base;
}

Addr PageAlloc::find(std::uint64_t npages, Addr& first_free) {
  first_free = 0;
  if (search_addr_ == kMaxSearchAddr) return 0;
  Addr run_start = 0;
  std::uint64_t run_len = 0;
  for (std::uint64_t ci = chunk_index(search_addr_); ci < chunks_.size(); ++ci) {
    const PallocChunk& c = chunks_[ci];
    const PallocSum& s = c.sum;
    if (s.max == 0) {
      run_len = 0;
      continue;
    }
    if (first_free == 0) first_free = chunk_base(ci) + next_free(c, 0) * kPageSize;
    if (run_len > 0 && run_len + s.start >= npages) return run_start;
    if (s.max >= npages) {
      std::uint64_t ff;
      int j = find_in_chunk(c, npages, 0, ff);
      BUCKETLAB_ASSERT(j >= 0, "page allocator: bad summary data");
      return chunk_base(ci) + static_cast<std::uint64_t>(j) * kPageSize;
    }
    if (s.start == kChunkPages) {
      if (run_len == 0) run_start = chunk_base(ci);
      run_len += kChunkPages;
    } else {
      run_start = chunk_base(ci) + (kChunkPages - s.end) * kPageSize;
      run_len = s.end;
    }
  }
  return 0;
}

Addr PageAlloc::alloc(std::uint64_t npages, std::uint64_t& scav_bytes) {
  scav_bytes = 0;
  if (search_addr_ == kMaxSearchAddr || chunk_index(search_addr_) >= chunks_.size()) return 0;
  Addr addr = 0, new_search = 0;
  const std::uint64_t pi = chunk_page_index(search_addr_);
  const std::uint64_t ci = chunk_index(search_addr_);
  if (kChunkPages - pi >= npages && chunks_[ci].sum.max >= npages) {
    // Fast path: the chunk at searchAddr has a long enough run.
    std::uint64_t ff;
    int j = find_in_chunk(chunks_[ci], npages, pi, ff);
    BUCKETLAB_ASSERT(j >= 0, "page allocator: bad summary data");
    addr = chunk_base(ci) + static_cast<std::uint64_t>(j) * kPageSize;
    new_search = chunk_base(ci) + ff * kPageSize;
  } else {
    addr = find(npages, new_search);
    if (addr == 0) {
      if (npages == 1) search_addr_ = kMaxSearchAddr;  // no free page at all
      return 0;
    }
  }
  scav_bytes = alloc_range(addr, npages);
  if (search_addr_ < new_search) search_addr_ = new_search;
  return addr;
}

std::uint64_t PageAlloc::alloc_range(Addr base, std::uint64_t npages) {
  std::uint64_t scav = 0;
  std::uint64_t p = (base - kArenaBaseAddr) >> kPageShift;
  while (npages > 0) {
    const std::uint64_t ci = p / kChunkPages, i = p % kChunkPages, n = std::min(npages, kChunkPages - i);
    const PallocChunk& c = chunks_[ci];
    for (std::uint64_t k = i; k < i + n;) {
      const std::uint64_t w = k / 64, lo = k % 64, m = std::min(i + n - k, 64 - lo);
      scav += static_cast<std::uint64_t>(__builtin_popcountll(c.scav[w] & range_mask(lo, m)));
      k += m;
    }
    set_alloc(ci, i, n, true);
    index_alloc(ci, n);
    p += n;
    npages -= n;
  }
  return scav * kPageSize;
}

void PageAlloc::free(Addr base, std::uint64_t npages) {
  if (base < search_addr_) search_addr_ = base;
  const Addr limit = base + npages * kPageSize;
  if (!version_.scavenge_index_generations()) v1_mark(base, limit);
  std::uint64_t p = (base - kArenaBaseAddr) >> kPageShift;
  while (npages > 0) {
    const std::uint64_t ci = p / kChunkPages, i = p % kChunkPages, n = std::min(npages, kChunkPages - i);
    set_alloc(ci, i, n, false);
    index_free(ci, i, n);
    p += n;
    npages -= n;
  }
}

PageCache PageAlloc::alloc_to_cache() {
  if (search_addr_ == kMaxSearchAddr || chunk_index(search_addr_) >= chunks_.size()) return {};
  std::uint64_t ci = chunk_index(search_addr_), j = 0;
  if (chunks_[ci].sum.max != 0) {
    std::uint64_t ff;
    int k = find_in_chunk(chunks_[ci], 1, chunk_page_index(search_addr_), ff);
    BUCKETLAB_ASSERT(k >= 0, "page allocator: bad summary data");
    j = static_cast<std::uint64_t>(k);
  } else {
    Addr ff;
    Addr addr = find(1, ff);
    if (addr == 0) {
      search_addr_ = kMaxSearchAddr;
      return {};
    }
    ci = chunk_index(addr);
    j = chunk_page_index(addr);
  }
  PallocChunk& c = chunks_[ci];
  const std::uint64_t w = j / 64;
  PageCache pc;
  pc.base = chunk_base(ci) + w * 64 * kPageSize;
  pc.cache = ~c.alloc[w];
  pc.scav = c.scav[w];
  // allocPages64 + scavenged.clearBlock64(free & scavenged).
  c.alloc[w] |= pc.cache;
  c.scav[w] &= ~(pc.cache & pc.scav);
  c.sum = summarize(c);
  index_alloc(ci, static_cast<std::uint64_t>(__builtin_popcountll(pc.cache)));
  search_addr_ = pc.base + kPageSize * (kPageCachePages - 1);
  return pc;
}

// ------------------------------------------------------------- scavenging

void PageAlloc::index_alloc(std::uint64_t ci, std::uint64_t npages) {
  if (!version_.scavenge_index_generations()) return;
  PallocChunk& c = chunks_[ci];
  if (c.gen != gen_) {
    c.last_in_use = c.in_use;
    c.gen = gen_;
  }
  c.in_use = static_cast<std::uint16_t>(c.in_use + npages);
  BUCKETLAB_ASSERT(c.in_use <= kChunkPages, "scavenge index: too many pages allocated in chunk");
  if (c.in_use == kChunkPages) c.has_free = false;
}

void PageAlloc::index_free(std::uint64_t ci, std::uint64_t page, std::uint64_t npages) {
  if (!version_.scavenge_index_generations()) return;
  PallocChunk& c = chunks_[ci];
  BUCKETLAB_ASSERT(c.in_use >= npages, "scavenge index: allocated pages below zero");
  if (c.gen != gen_) {
    c.last_in_use = c.in_use;
    c.gen = gen_;
  }
  c.in_use = static_cast<std::uint16_t>(c.in_use - npages);
  c.has_free = true;
  const Addr addr = chunk_base(ci) + (page + npages - 1) * kPageSize;
  if (free_hwm_ < addr) free_hwm_ = addr;
  if (scav_search_force_ < addr) scav_search_force_ = addr;
}

void PageAlloc::v1_mark(Addr base, Addr limit) {
  for (std::uint64_t ci = chunk_index(base); ci <= chunk_index(limit - kPageSize); ++ci) chunks_[ci].v1_marked = true;
  const Addr new_search = limit - kPageSize;
  if (v1_scav_search_ < new_search) v1_scav_search_ = new_search;
}

void PageAlloc::next_gen() {
  if (!version_.scavenge_index_generations()) return;
  gen_++;
  if (scav_search_bg_ < free_hwm_) scav_search_bg_ = free_hwm_;
  free_hwm_ = 0;
}

PageAlloc::Candidate PageAlloc::scavenge_find(bool force) {
  if (!version_.scavenge_index_generations()) {
    // Go 1.19: the index is a bitmap, searched a byte (8 chunks) at a time.
    if (v1_scav_search_ == 0) return {};
    const std::uint64_t search_chunk = chunk_index(v1_scav_search_);
    for (std::int64_t b = static_cast<std::int64_t>(search_chunk / 8); b >= 0; --b) {
      for (int n = 7; n >= 0; --n) {
        const std::uint64_t ci = static_cast<std::uint64_t>(b) * 8 + static_cast<std::uint64_t>(n);
        if (ci >= chunks_.size() || !chunks_[ci].v1_marked) continue;
        if (ci == search_chunk) return {ci, chunk_page_index(v1_scav_search_), true};
        v1_scav_search_ = chunk_base(ci) + kPallocChunkBytes - kPageSize;
        return {ci, kChunkPages - 1, true};
      }
    }
    v1_scav_search_ = 0;
    return {};
  }
  // Go 1.21+: per-chunk occupancy decides; separate cursors.
  Addr& cursor = force ? scav_search_force_ : scav_search_bg_;
  if (cursor == 0) return {};
  const std::uint64_t start = chunk_index(cursor);
  for (std::int64_t i = static_cast<std::int64_t>(start); i >= 0; --i) {
    const PallocChunk& c = chunks_[static_cast<std::uint64_t>(i)];
    bool should;
    if (!c.has_free)
      should = false;
    else if (force)
      should = true;
    else if (c.gen == gen_)
      should = c.in_use < kScavChunkHiOccPages && c.last_in_use < kScavChunkHiOccPages;
    else
      should = c.in_use < kScavChunkHiOccPages;
    if (!should) continue;
    const std::uint64_t ci = static_cast<std::uint64_t>(i);
    if (ci == start) return {ci, chunk_page_index(cursor), true};
    cursor = chunk_base(ci) + kPallocChunkBytes - kPageSize;
    return {ci, kChunkPages - 1, true};
  }
  cursor = 0;
  return {};
}

PageAlloc::Released PageAlloc::scavenge_one(std::uint64_t ci, std::uint64_t search_idx, std::uint64_t max_bytes) {
  std::uint64_t max_pages = max_bytes / kPageSize;
  if (max_bytes % kPageSize != 0) max_pages++;
  const std::uint64_t min_pages = std::max<std::uint64_t>(1, kPhysPageSize / kPageSize);
  static_assert(kPhysPageSize <= kPageSize, "fillAligned is the identity when minPages == 1");
  PallocChunk& c = chunks_[ci];
  if (c.sum.max >= min_pages) {
    // findScavengeCandidate. Go 1.19 always starts at the chunk's top page.
    const std::uint64_t from = version_.scavenge_index_generations() ? search_idx : kChunkPages - 1;
    int i = static_cast<int>(from / 64);
    for (; i >= 0; --i)
      if ((c.scav[i] | c.alloc[i]) != ~std::uint64_t{0}) break;
    if (i >= 0) {
      const std::uint64_t x = c.scav[i] | c.alloc[i];
      const std::uint64_t z1 = static_cast<std::uint64_t>(__builtin_clzll(~x));  // x has a zero bit
      std::uint64_t run = 0;
      const std::uint64_t end = static_cast<std::uint64_t>(i) * 64 + (64 - z1);
      if ((x << z1) != 0) {
        run = static_cast<std::uint64_t>(__builtin_clzll(x << z1));
      } else {
        run = 64 - z1;
        for (int j = i - 1; j >= 0; --j) {
          const std::uint64_t y = c.scav[j] | c.alloc[j];
          run += y == 0 ? 64 : static_cast<std::uint64_t>(__builtin_clzll(y));
          if (y != 0) break;
        }
      }
      std::uint64_t size = std::min(run, std::max(max_pages, min_pages));
      std::uint64_t start = end - size;
      // Do not break up a huge page the run fully covers: release from its base.
      const std::uint64_t pages_per_huge = kPhysHugePageSize / kPageSize;
      if (kPhysHugePageSize > kPageSize && kPhysHugePageSize > kPhysPageSize) {
        const std::uint64_t huge_above = align_up(start, pages_per_huge);
        if (huge_above <= end) {
          const std::uint64_t huge_below = align_down(start, pages_per_huge);
          if (huge_below >= end - run) {
            size += start - huge_below;
            start = huge_below;
          }
        }
      }
      if (size != 0) {
        for (std::uint64_t k = start; k < start + size; ++k) c.scav[k / 64] |= std::uint64_t{1} << (k % 64);
        return {chunk_base(ci) + start * kPageSize, size};
      }
    }
  }
  if (version_.scavenge_index_generations())
    c.has_free = false;
  else
    c.v1_marked = false;
  return {};
}

// ------------------------------------------------------------------ queries

std::uint64_t PageAlloc::free_pages() const {
  std::uint64_t n = 0;
  for (const auto& c : chunks_)
    for (auto w : c.alloc) n += 64 - static_cast<std::uint64_t>(__builtin_popcountll(w));
  return n;
}

std::uint64_t PageAlloc::scavenged_pages() const {
  std::uint64_t n = 0;
  for (const auto& c : chunks_)
    for (auto w : c.scav) n += static_cast<std::uint64_t>(__builtin_popcountll(w));
  return n;
}

void PageAlloc::check_invariants() const {
  for (std::uint64_t ci = 0; ci < chunks_.size(); ++ci) {
    const PallocChunk& c = chunks_[ci];
    std::uint64_t used = 0;
    for (int w = 0; w < 8; ++w) {
      BUCKETLAB_INVARIANT((c.scav[w] & c.alloc[w]) == 0, "page alloc: a scavenged page is allocated");
      used += static_cast<std::uint64_t>(__builtin_popcountll(c.alloc[w]));
    }
    BUCKETLAB_INVARIANT(c.sum == summarize(c), "page alloc: chunk summary disagrees with its bitmap");
    if (version_.scavenge_index_generations())
      BUCKETLAB_INVARIANT(c.in_use == used, "page alloc: scavenge index inUse != allocated pages of the chunk");
  }
  if (search_addr_ != kMaxSearchAddr) {
    const std::uint64_t below = std::min<std::uint64_t>((search_addr_ - kArenaBaseAddr) >> kPageShift,
                                                        chunks_.size() * kChunkPages);
    for (std::uint64_t p = 0; p < below; ++p)
      BUCKETLAB_INVARIANT(!page_free(p), "page alloc: a free page lies below searchAddr");
  } else {
    BUCKETLAB_INVARIANT(free_pages() == 0, "page alloc: searchAddr is maxSearchAddr but a page is free");
  }
}

}  // namespace bucketlab::runtime
