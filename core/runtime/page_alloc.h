// Models go/src/runtime/mpagealloc.go, mpagecache.go, mpallocbits.go and the
// page-level half of mgcscavenge.go (go1.19; go1.21+ scavenge index noted):
// which 8 KiB heap pages are free, which free pages are released to the OS,
// and the lowest-address-first search that hands pages to new spans.
//
// Terminology
//   chunk        512 pages = 4 MiB (pallocChunkPages). Per chunk: an alloc
//                bitmap (1 = page not free: in a span, in the P's page cache,
//                or momentarily held by the scavenger) and a scavenged bitmap
//                (1 = free page whose memory was returned to the OS).
//   summary      per chunk (start, max, end): free pages at the chunk's
//                start, its longest free run, free pages at its end
//                (pallocSum). Go keeps a 5-level radix tree of these; the
//                model keeps the leaf level and scans it (same answers).
//   searchAddr   a lower bound on the lowest free page: no page below it is
//                free (pageAlloc.searchAddr). Searches start here.
//   page cache   per P: one 64-page-aligned block taken whole from the heap,
//                as a bitmap of the pages that were free (pageCache). Spans
//                of fewer than 16 pages are carved from it first.
//   scavenge index  which chunks may hold free, unreleased pages.
//                Go 1.19: one bit per chunk and one cursor (scavengeIndex).
//                Go 1.21+: per-chunk occupancy by GC generation
//                (scavChunkData) and separate background/forced cursors.
//
// Algorithm
//   alloc(n):  address-ordered first fit: the lowest-address run of n free
//              pages (mpagealloc.go alloc/find). Fails when none exists; the
//              heap then grows (mheap.grow) and retries.
//   free:      clear the alloc bits, lower searchAddr, mark the chunks as
//              scavengeable.
//   grow:      new chunks are free AND scavenged: fresh memory counts as
//              released until a span uses it.
//   scavenge:  from the highest marked chunk down; within a chunk the
//              highest run of free, unscavenged pages, at most the bytes
//              asked for, widened down to a 2 MiB huge-page boundary when the
//              run covers that whole huge page (findScavengeCandidate).
//
// Invariants (check_invariants)
//   scav[c] & alloc[c] == 0                       (only free pages are released)
//   summary[c] == summarize(alloc[c])
//   no free page lies below searchAddr
//   Go 1.21+: inUse(c) == popcount(alloc[c]) outside scavenging
//
// Deviations from Go
//   - The radix tree of summaries is replaced by a linear scan over the
//     chunk summaries; both return the lowest-address fit.
//   - physPageSize = 4 KiB and physHugePageSize = 2 MiB (linux/amd64 with
//     transparent huge pages), fixed rather than read from the host.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/common/types.h"
#include "core/runtime/go_version.h"
#include "core/runtime/heap_arena.h"

namespace bucketlab::runtime {

inline constexpr std::uint64_t kPageCachePages = 64;           // pageCachePages
inline constexpr std::uint64_t kPhysPageSize = 4096;           // linux/amd64
inline constexpr std::uint64_t kPhysHugePageSize = 2ull << 20;  // THP hpage_pmd_size
inline constexpr std::uint16_t kScavChunkHiOccPages = 496;      // 0.96875 · 512 (Go 1.21+)
static_assert(kScavChunkHiOccPages == static_cast<std::uint16_t>(0.96875 * kPallocChunkPages),
              "scavChunkHiOccPages = scavChunkHiOccFrac · pallocChunkPages");

// pallocSum, unpacked.
struct PallocSum {
  std::uint16_t start = 0, max = 0, end = 0;
  bool operator==(const PallocSum& o) const { return start == o.start && max == o.max && end == o.end; }
};

struct PallocChunk {
  std::array<std::uint64_t, 8> alloc{};  // pallocBits: 1 = not free
  std::array<std::uint64_t, 8> scav{};   // scavenged: 1 = released to the OS
  PallocSum sum;
  // Go 1.21+ scavChunkData.
  std::uint16_t in_use = 0;        // pages allocated in this chunk (generation `gen`)
  std::uint16_t last_in_use = 0;   // in_use at the end of the previous generation
  std::uint32_t gen = 0;
  bool has_free = false;           // scavChunkHasFree: maybe free, unreleased pages
  // Go 1.19 scavenge index: one bit per chunk.
  bool v1_marked = false;
};

// pageCache: one P's private block of up to 64 free pages.
struct PageCache {
  Addr base = 0;            // 64-page aligned
  std::uint64_t cache = 0;  // 1 = free page available to this P
  std::uint64_t scav = 0;   // 1 = that page is released
  bool empty() const { return cache == 0; }
  // pageCache.alloc: lowest free page (npages == 1) or first run of npages;
  // returns {0, 0} on a miss. `scav_bytes` = released bytes in the result.
  Addr alloc(std::uint64_t npages, std::uint64_t& scav_bytes);
};

class PageAlloc {
 public:
  static constexpr Addr kMaxSearchAddr = ~Addr{0};  // maxSearchAddr(): nothing free

  explicit PageAlloc(GoVersion v) : version_(v) {}

  // pageAlloc.grow: [base, base+size) (4 MiB multiples) becomes free and
  // scavenged.
  void grow(Addr base, std::uint64_t size);

  // pageAlloc.alloc: lowest-address run of npages free pages; returns 0
  // when none. `scav_bytes` = bytes of it that were released.
  Addr alloc(std::uint64_t npages, std::uint64_t& scav_bytes);
  // pageAlloc.allocRange: mark [base, base+npages) allocated; returns the
  // released bytes it covered.
  std::uint64_t alloc_range(Addr base, std::uint64_t npages);
  // pageAlloc.free (scavenged=false in every caller the model has).
  void free(Addr base, std::uint64_t npages);
  // pageAlloc.allocToCache: take the 64-page block holding the lowest free
  // page, whole. Empty cache when no page is free.
  PageCache alloc_to_cache();

  // --- scavenging (page half; the caller does the accounting) ---
  struct Candidate {
    std::uint64_t chunk = 0;
    std::uint64_t search_idx = 0;
    bool ok = false;
  };
  // scavengeIndex.find: the next chunk to look at, highest first.
  Candidate scavenge_find(bool force);
  // scavengeOne's page work: release the chosen run in chunk `ci` (at most
  // max_bytes, rounded up to pages) by setting its scavenged bits. Returns
  // its base and page count; npages == 0 (and the chunk is retired from the
  // index) when the chunk has nothing to release.
  struct Released {
    Addr base = 0;
    std::uint64_t npages = 0;
  };
  Released scavenge_one(std::uint64_t ci, std::uint64_t search_idx, std::uint64_t max_bytes);
  // scavengeIndex.nextGen (Go 1.21+; a no-op before): at mark termination.
  void next_gen();

  // --- queries ---
  std::uint64_t nchunks() const { return chunks_.size(); }
  const PallocChunk& chunk(std::uint64_t ci) const { return chunks_[ci]; }
  bool page_free(std::uint64_t p) const { return !((chunks_[p / 512].alloc[(p % 512) / 64] >> (p % 64)) & 1); }
  bool page_scavenged(std::uint64_t p) const { return (chunks_[p / 512].scav[(p % 512) / 64] >> (p % 64)) & 1; }
  Addr search_addr() const { return search_addr_; }
  std::uint64_t free_pages() const;
  std::uint64_t scavenged_pages() const;

  void check_invariants() const;

 private:
  static std::uint64_t chunk_index(Addr a) { return (a - kArenaBaseAddr) >> kLogPallocChunkBytes; }
  static std::uint64_t chunk_page_index(Addr a) { return ((a - kArenaBaseAddr) >> kPageShift) % kPallocChunkPages; }
  static Addr chunk_base(std::uint64_t ci) { return kArenaBaseAddr + (ci << kLogPallocChunkBytes); }
  static PallocSum summarize(const PallocChunk& c);
  // pallocBits.find: first run of npages free pages at index ≥ search_idx;
  // -1 if none. `first_free` = first free index ≥ search_idx (or 512).
  static int find_in_chunk(const PallocChunk& c, std::uint64_t npages, std::uint64_t search_idx,
                           std::uint64_t& first_free);
  // pageAlloc.find: lowest fit anywhere at or above searchAddr.
  Addr find(std::uint64_t npages, Addr& first_free);
  void set_alloc(std::uint64_t ci, std::uint64_t i, std::uint64_t n, bool allocated);
  void index_alloc(std::uint64_t ci, std::uint64_t npages);
  void index_free(std::uint64_t ci, std::uint64_t page, std::uint64_t npages);
  void v1_mark(Addr base, Addr limit);

  GoVersion version_;
  std::vector<PallocChunk> chunks_;
  Addr search_addr_ = kMaxSearchAddr;  // maxSearchAddr until the first grow
  // Go 1.19 scavengeIndex.searchAddr (0 = minOffAddr: nothing to find).
  Addr v1_scav_search_ = 0;
  // Go 1.21+ scavengeIndex.
  Addr scav_search_bg_ = 0, scav_search_force_ = 0, free_hwm_ = 0;
  std::uint32_t gen_ = 0;
};

}  // namespace bucketlab::runtime
