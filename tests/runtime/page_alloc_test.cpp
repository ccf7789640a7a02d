// The page allocator (mpagealloc.go, mpagecache.go, mgcscavenge.go): lowest-
// address first fit, 4 MiB growth, the P's page cache, and scavenging from
// the top down.
#include <catch2/catch.hpp>

#include "core/runtime/page_alloc.h"
#include "core/runtime/runtime.h"
#include "support/runtime_fixtures.h"

using namespace bucketlab::runtime;
using bucketlab::Addr;
using bucketlab::testing::TestRoots;

namespace {
constexpr Addr kBase = kArenaBaseAddr;
Addr page(std::uint64_t p) { return kBase + p * kPageSize; }
std::uint64_t page_of(Addr a) { return (a - kBase) / kPageSize; }
}  // namespace

TEST_CASE("page alloc: new memory is free and scavenged; allocation is lowest-address first fit",
          "[runtime][page_alloc]") {
  PageAlloc pa(GoVersion::go1_19());
  pa.grow(kBase, 2 * kPallocChunkBytes);
  CHECK(pa.free_pages() == 1024);
  CHECK(pa.scavenged_pages() == 1024);
  std::uint64_t scav = 0;
  CHECK(pa.alloc(3, scav) == page(0));
  CHECK(scav == 3 * kPageSize);  // fresh pages are released memory
  CHECK(pa.alloc(5, scav) == page(3));
  CHECK(pa.alloc(1, scav) == page(8));
  pa.free(page(3), 5);           // a 5-page hole at 3
  CHECK(pa.alloc(6, scav) == page(9));   // does not fit the hole
  CHECK(scav == 6 * kPageSize);
  CHECK(pa.alloc(2, scav) == page(3));   // lowest fit: the hole
  CHECK(scav == 0);                      // those pages were used before, not released
  CHECK(pa.alloc(3, scav) == page(5));   // the rest of the hole
  CHECK(pa.alloc(1, scav) == page(15));
  pa.check_invariants();
}

TEST_CASE("page alloc: runs span chunk boundaries", "[runtime][page_alloc]") {
  PageAlloc pa(GoVersion::go1_19());
  pa.grow(kBase, 3 * kPallocChunkBytes);
  std::uint64_t scav;
  CHECK(pa.alloc(500, scav) == page(0));   // leaves 12 free at the end of chunk 0
  CHECK(pa.alloc(600, scav) == page(500)); // 12 + 512 + 76: crosses into chunk 2
  CHECK(pa.alloc(12, scav) == page(1100));
  pa.free(page(500), 600);
  CHECK(pa.alloc(1024, scav) == 0);        // free runs of 600 and 424 pages: no fit
  CHECK(pa.alloc(436, scav) == page(500));
  pa.check_invariants();
}

TEST_CASE("page cache: takes the 64-page block holding the lowest free page, whole", "[runtime][page_alloc]") {
  PageAlloc pa(GoVersion::go1_19());
  pa.grow(kBase, kPallocChunkBytes);
  std::uint64_t scav;
  CHECK(pa.alloc(70, scav) == page(0));
  PageCache c = pa.alloc_to_cache();
  CHECK(c.base == page(64));
  CHECK(c.cache == ~std::uint64_t{0} << 6);  // pages 64..69 were in use
  CHECK(pa.alloc(1, scav) == page(128));     // the cached block is taken out of the heap
  CHECK(c.alloc(1, scav) == page(70));       // lowest free page of the cache
  CHECK(c.alloc(4, scav) == page(71));
  CHECK(scav == 4 * kPageSize);
  pa.check_invariants();
}

TEST_CASE("scavenger releases the highest free pages first, in whole pages", "[runtime][page_alloc][scavenger]") {
  for (int minor : {19, 26}) {
    INFO("go1." << minor);
    PageAlloc pa(GoVersion{minor});
    pa.grow(kBase, 2 * kPallocChunkBytes);
    std::uint64_t scav;
    REQUIRE(pa.alloc(1024, scav) == page(0));  // everything in use, nothing released
    pa.free(page(10), 4);                      // chunk 0: pages 10..13
    pa.free(page(600), 3);                     // chunk 1: pages 600..602
    pa.free(page(700), 2);                     // chunk 1: pages 700..701
    auto step = [&](std::uint64_t max_bytes) {
      auto c = pa.scavenge_find(true);
      REQUIRE(c.ok);
      return pa.scavenge_one(c.chunk, c.search_idx, max_bytes);
    };
    auto r = step(kPageSize);  // one page: the highest free page
    CHECK(r.base == page(701));
    CHECK(r.npages == 1);
    r = step(64 << 10);
    CHECK(r.base == page(700));  // the rest of that run
    CHECK(r.npages == 1);
    r = step(64 << 10);
    CHECK(r.base == page(600));
    CHECK(r.npages == 3);
    r = step(64 << 10);  // chunk 1 has nothing left: it is retired from the index
    CHECK(r.npages == 0);
    r = step(64 << 10);
    CHECK(r.base == page(10));
    CHECK(r.npages == 4);
    CHECK(pa.scavenged_pages() == 9);
    pa.check_invariants();
  }
}

TEST_CASE("scavenger widens a release to the 2 MiB huge page a free run covers", "[runtime][page_alloc][scavenger]") {
  // findScavengeCandidate: asking for 64 KiB at the top of a fully free,
  // unreleased chunk releases from the huge-page boundary below (256 pages).
  PageAlloc pa(GoVersion::go1_19());
  pa.grow(kBase, kPallocChunkBytes);
  std::uint64_t scav;
  REQUIRE(pa.alloc(512, scav) == page(0));
  pa.free(page(0), 512);
  auto c = pa.scavenge_find(false);
  REQUIRE(c.ok);
  auto r = pa.scavenge_one(c.chunk, c.search_idx, 64 << 10);
  CHECK(r.base == page(256));
  CHECK(r.npages == 256);
  pa.check_invariants();
}

TEST_CASE("Go 1.21+ background scavenging skips chunks that are >= 96.875% in use", "[runtime][page_alloc][scavenger]") {
  auto setup = [](int minor) {
    PageAlloc pa(GoVersion{minor});
    pa.grow(kBase, kPallocChunkBytes);
    std::uint64_t scav;
    pa.alloc(512, scav);
    pa.free(page(500), 10);  // 502 of 512 pages in use: dense
    pa.next_gen();
    return pa;
  };
  PageAlloc v19 = setup(19);
  CHECK(v19.scavenge_find(false).ok);  // Go 1.19 has no density rule
  PageAlloc v21 = setup(21);
  CHECK_FALSE(v21.scavenge_find(false).ok);
  CHECK(v21.scavenge_find(true).ok);  // forced (FreeOSMemory) scavenging ignores density
}

TEST_CASE("large objects take the lowest-address fit (checked against go1.19)", "[runtime][page_alloc][malloc]") {
  // go1.19, GOMAXPROCS=1: a,b,c = new([256<<10]byte); b = nil; GC;
  // h = new([128<<10]byte); d = new([256<<10]byte); then new([5<<20]byte).
  // Pages relative to a: b 32, c 64, h 32, d 96, the 5 MiB object 128, and
  // HeapSys grew by 8388608 for it (tests/oracle/placement.go).
  for (int minor : {19, 26}) {
    INFO("go1." << minor);
    Runtime rt(bucketlab::testing::config_for(minor));
    TestRoots roots;
    rt.add_root_source(&roots);
    Addr a = rt.mallocgc(256 << 10, nullptr);
    Addr b = rt.mallocgc(256 << 10, nullptr);
    Addr c = rt.mallocgc(256 << 10, nullptr);
    roots.ptrs = {a, c};
    CHECK(page_of(b) - page_of(a) == 32);
    CHECK(page_of(c) - page_of(a) == 64);
    rt.gc();
    Addr h = rt.mallocgc(128 << 10, nullptr);
    roots.ptrs.push_back(h);
    Addr d = rt.mallocgc(256 << 10, nullptr);
    roots.ptrs.push_back(d);
    CHECK(page_of(h) - page_of(a) == 32);
    CHECK(page_of(d) - page_of(a) == 96);
    const std::uint64_t sys0 = rt.read_mem_stats().HeapSys;
    Addr big = rt.mallocgc(5 << 20, nullptr);
    roots.ptrs.push_back(big);
    CHECK(rt.read_mem_stats().HeapSys - sys0 == 8388608);
    CHECK(page_of(big) - page_of(a) == 128);
    rt.check_invariants();
    rt.remove_root_source(&roots);
  }
}

TEST_CASE("small spans come from the page cache; page runs of 16+ pages bypass it", "[runtime][page_alloc]") {
  // allocSpan: the first span finds no cache and no heap, so it takes page 0
  // after the heap grows; the next small span fills the cache with the
  // block holding the lowest free page (0..63, page 0 already used).
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  Addr s1 = rt.mallocgc(32, nullptr);
  Addr s2 = rt.mallocgc(64, nullptr);
  Addr large = rt.mallocgc(128 << 10, nullptr);  // 16 pages: heap path, first fit after the cached block
  Addr mid = rt.mallocgc(40 << 10, nullptr);     // 5 pages: from the cache
  roots.ptrs = {s1, s2, large, mid};
  CHECK(page_of(s1) == 0);
  CHECK(page_of(s2) == 1);
  CHECK(page_of(large) == 64);
  CHECK(page_of(mid) == 2);
  CHECK(rt.fragmentation().page_cache_pages == 63 - 1 - 5);
  rt.check_invariants();
  rt.remove_root_source(&roots);
}

TEST_CASE("fresh heap memory counts as released (HeapIdle == HeapReleased)", "[runtime][page_alloc][memstats]") {
  Runtime rt;
  MemStats m0 = rt.read_mem_stats();
  CHECK(m0.HeapSys == 0);
  TestRoots roots;
  rt.add_root_source(&roots);
  roots.ptrs.push_back(rt.mallocgc(100, nullptr));
  MemStats m = rt.read_mem_stats();
  CHECK(m.HeapSys == 4 << 20);  // one 4 MiB growth step
  CHECK(m.HeapInuse == kPageSize);
  CHECK(m.HeapIdle == m.HeapReleased);  // the page cache's other pages are still fresh
  rt.remove_root_source(&roots);
}
