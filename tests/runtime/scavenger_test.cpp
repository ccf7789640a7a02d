// Returning memory to the OS (mgcscavenge.go, mheap.go): FreeOSMemory,
// the background scavenger, synchronous scavenging on heap growth and
// under a memory limit.
#include <catch2/catch.hpp>

#include "core/runtime/runtime.h"
#include "support/runtime_fixtures.h"

using namespace bucketlab::runtime;
using bucketlab::Addr;
using bucketlab::testing::config_for;
using bucketlab::testing::TestRoots;

namespace {

// Unreleased free pages held by the P's page cache: invisible to the
// scavenger (pageAlloc sees them as allocated).
std::uint64_t cached_unreleased_bytes(const Runtime& rt) {
  const PageCache& c = rt.state().heap.pcache;
  return static_cast<std::uint64_t>(__builtin_popcountll(c.cache & ~c.scav)) * kPageSize;
}

// Allocates ~`bytes` of 1 KiB objects, all kept in roots.
void fill(Runtime& rt, TestRoots& roots, std::uint64_t bytes) {
  for (std::uint64_t n = 0; n < bytes; n += 1024) roots.ptrs.push_back(rt.mallocgc(1024, nullptr));
}

}  // namespace

TEST_CASE("FreeOSMemory collects, then releases every free page outside the page cache", "[runtime][scavenger]") {
  // mheap.go runtime_debug_freeOSMemory: GC(); scavengeAll. (go1.19 with an
  // empty page cache: HeapIdle == HeapReleased afterwards, facts C.13.)
  for (int minor : {19, 26}) {
    INFO("go1." << minor);
    Runtime rt(config_for(minor));
    TestRoots roots;
    rt.add_root_source(&roots);
    fill(rt, roots, 20 << 20);
    roots.ptrs.resize(100);  // keep a little
    rt.gc();
    MemStats a = rt.read_mem_stats();
    CHECK(a.HeapIdle > a.HeapReleased);  // freed spans are idle, not yet released
    rt.free_os_memory();
    MemStats b = rt.read_mem_stats();
    CHECK(b.NumGC == a.NumGC + 1);
    CHECK(b.NumForcedGC == a.NumForcedGC + 1);
    CHECK(b.HeapIdle - b.HeapReleased == cached_unreleased_bytes(rt));
    CHECK(b.HeapSys == a.HeapSys);  // released memory stays mapped
    // Reusing released pages commits them again.
    roots.ptrs.push_back(rt.mallocgc(1 << 20, nullptr));
    MemStats c = rt.read_mem_stats();
    CHECK(c.HeapReleased < b.HeapReleased);
    CHECK(c.HeapInuse - b.HeapInuse == 1 << 20);
    rt.check_invariants();
    rt.remove_root_source(&roots);
  }
}

TEST_CASE("released pages read as zero when reused", "[runtime][scavenger]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  Addr big = rt.mallocgc(1 << 20, nullptr, false);
  for (Addr a = big; a < big + (1 << 20); a += 4096) rt.store_u64(a, 0x5555);
  rt.gc();  // big is garbage
  rt.free_os_memory();
  Addr again = rt.mallocgc(1 << 20, nullptr, false);  // needzero=false: no explicit clearing
  REQUIRE(again == big);
  for (Addr a = again; a < again + (1 << 20); a += 4096) REQUIRE(rt.load_u64(a) == 0);
  roots.ptrs.push_back(again);
  rt.remove_root_source(&roots);
}

TEST_CASE("the background scavenger needs two GCs for a goal, then releases from the top while idle",
          "[runtime][scavenger]") {
  // gcPaceScavenger: no GOGC goal while lastHeapGoal == 0 (first cycle);
  // then retain lastHeapInUse · goal/lastGoal + 10 %.
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  fill(rt, roots, 40 << 20);
  rt.gc();
  CHECK(rt.state().scavenger.goals().gc_percent_goal == ~std::uint64_t{0});
  roots.ptrs.resize(1000);  // drop ~39 MiB
  rt.gc();
  const std::uint64_t goal = rt.state().scavenger.goals().gc_percent_goal;
  REQUIRE(goal != ~std::uint64_t{0});
  const MemStats a = rt.read_mem_stats();
  REQUIRE(a.HeapInuse + (a.HeapIdle - a.HeapReleased) > goal);
  const BackgroundReport rep = rt.background_work(60ull * 1000000000);  // a minute idle
  CHECK(rep.bytes_released > 0);
  const MemStats b = rt.read_mem_stats();
  CHECK(b.HeapInuse + (b.HeapIdle - b.HeapReleased) <= goal);
  // It worked downward from the highest free pages: every released page lies
  // above every free page that was kept.
  const HeapSnapshot snap = rt.heap_snapshot();
  std::uint64_t highest_free_kept = 0, lowest_released = ~std::uint64_t{0};
  for (std::uint64_t p = 0; p < snap.pages.size(); ++p) {
    if (snap.pages[p] == PageState::Free) highest_free_kept = p;
    if (snap.pages[p] == PageState::Released && p < lowest_released) lowest_released = p;
  }
  CHECK(lowest_released > highest_free_kept);
  // Nothing left to do: the scavenger parks and releases nothing more.
  // (50 s: two minutes after the last GC a forced GC would give new goals.)
  CHECK(rt.background_work(50ull * 1000000000).bytes_released == 0);
  rt.check_invariants();
  rt.remove_root_source(&roots);
}

TEST_CASE("allocSpan scavenges heap growth beyond the retention goal", "[runtime][scavenger]") {
  // mheap.go allocSpan: if the heap grew and retained + growth > goal,
  // release min(growth, retained + growth − goal) right away.
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  fill(rt, roots, 24 << 20);  // 1 KiB objects: 8 per one-page span
  rt.gc();
  // Keep one object in every 16th span: the free pages come in 15-page runs.
  std::vector<Addr> keep;
  for (std::size_t i = 0; i < roots.ptrs.size(); i += 8 * 16) keep.push_back(roots.ptrs[i]);
  roots.ptrs = keep;
  rt.gc();
  const std::uint64_t goal = rt.state().scavenger.goals().gc_percent_goal;
  REQUIRE(goal != ~std::uint64_t{0});
  const std::uint64_t retained = rt.state().heap.heap_retained();
  const std::uint64_t eager0 = rt.state().heap.eager_scavenged;
  const std::uint64_t sys0 = rt.read_mem_stats().HeapSys;
  roots.ptrs.push_back(rt.mallocgc(32 << 20, nullptr));  // fits no free run: the heap grows
  const std::uint64_t growth = rt.read_mem_stats().HeapSys - sys0;
  REQUIRE(growth > 0);
  REQUIRE(retained + growth > goal);
  const std::uint64_t want = std::min(growth, retained + growth - goal);
  const std::uint64_t got = rt.state().heap.eager_scavenged - eager0;
  const std::uint64_t still_unreleased = rt.state().heap.acct.heap_free - cached_unreleased_bytes(rt);
  CHECK(got > 0);
  CHECK((got >= want || still_unreleased == 0));
  CHECK(got < want + kPhysHugePageSize);  // whole pages, widened to at most one huge page
  rt.check_invariants();
  rt.remove_root_source(&roots);
}

TEST_CASE("a memory limit makes allocation scavenge down to the limit", "[runtime][scavenger][memlimit]") {
  // allocSpan: if scav + mappedReady > memoryLimit, release the excess first.
  for (int minor : {19, 26}) {
    INFO("go1." << minor);
    Runtime rt(config_for(minor));
    TestRoots roots;
    rt.add_root_source(&roots);
    fill(rt, roots, 32 << 20);
    roots.ptrs.resize(500);
    rt.gc();
    const std::uint64_t limit = 8 << 20;
    CHECK(rt.set_memory_limit(limit) == std::numeric_limits<std::int64_t>::max());
    CHECK(rt.set_memory_limit(-1) == static_cast<std::int64_t>(limit));  // negative: query only
    REQUIRE(rt.state().heap.mapped_ready() > limit);
    roots.ptrs.push_back(rt.mallocgc(100 << 10, nullptr));  // any span allocation
    CHECK(rt.state().heap.mapped_ready() <= limit);
    rt.check_invariants();
    rt.remove_root_source(&roots);
  }
}
