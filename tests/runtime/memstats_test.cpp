// runtime.MemStats (mstats.go readmemstats_m) and the fragmentation report.
#include <catch2/catch.hpp>

#include "core/runtime/runtime.h"
#include "support/runtime_fixtures.h"

using namespace bucketlab::runtime;
using bucketlab::Addr;
using bucketlab::testing::TestRoots;

TEST_CASE("ReadMemStats flushes the mcache: every span uncached, tiny block dropped", "[runtime][memstats]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  roots.ptrs.push_back(rt.mallocgc(100, nullptr));
  roots.ptrs.push_back(rt.mallocgc(4, nullptr));
  CHECK(rt.state().mcache.tiny != 0);
  rt.read_mem_stats();
  for (const MSpan* s : rt.state().mcache.alloc) CHECK(rt.state().mcache.is_dummy(s));
  CHECK(rt.state().mcache.tiny == 0);
  rt.remove_root_source(&roots);
}

TEST_CASE("BySize reports Go's 61 smallest classes", "[runtime][memstats]") {
  Runtime rt;
  MemStats m = rt.read_mem_stats();
  for (int c = 0; c < kNumBySizeClasses; ++c) CHECK(m.BySize[c].Size == kClassToSize[c]);
  CHECK(m.BySize[60].Size == 18432);
  CHECK(m.EnableGC);
}

TEST_CASE("fragmentation: in-span waste, occupancy, free runs", "[runtime][fragmentation]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  std::vector<Addr> objs;
  for (int i = 0; i < 102; ++i) objs.push_back(rt.mallocgc(80, nullptr));  // class 7: 102 per span, 32 B tail
  for (int i = 0; i < 102; i += 2) roots.ptrs.push_back(objs[i]);           // keep half
  Addr big1 = rt.mallocgc(200 << 10, nullptr);
  Addr big2 = rt.mallocgc(200 << 10, nullptr);
  Addr big3 = rt.mallocgc(200 << 10, nullptr);
  roots.ptrs.push_back(big1);
  roots.ptrs.push_back(big3);
  (void)big2;
  rt.gc();
  Fragmentation f = rt.fragmentation();
  const ClassFragmentation& c7 = f.by_class[7];
  CHECK(c7.spans == 1);
  CHECK(c7.objects == 51);
  CHECK(c7.alloc_bytes == 51 * 80);
  CHECK(c7.tail_waste_bytes == 32);
  CHECK(c7.internal_bytes() == 8192 - 51 * 80);
  CHECK(c7.occupancy[5] == 1);  // 50 %
  CHECK(f.by_class[0].spans == 2);
  CHECK(f.by_class[0].large_slack_bytes == 2 * (25 * kPageSize - (200 << 10)));
  MemStats m = rt.read_mem_stats();
  CHECK(f.heap_inuse == m.HeapInuse);
  CHECK(f.heap_alloc == m.HeapAlloc);
  CHECK(f.internal_bytes == m.HeapInuse - m.HeapAlloc);
  // Free pages: big2's 25-page hole and the tail of the 4 MiB chunk.
  CHECK(f.free_runs == 2);
  CHECK(f.largest_free_run_pages == 512 - 1 - 75);
  CHECK(f.free_pages == 25 + 512 - 1 - 75);
  CHECK(f.run_fragmentation == Approx(1.0 - double(512 - 1 - 75) / double(25 + 512 - 1 - 75)));
  CHECK(f.idle_pages * kPageSize == m.HeapIdle);
  CHECK(f.released_pages * kPageSize == m.HeapReleased);
  rt.remove_root_source(&roots);
}

TEST_CASE("a failed invariant reports the runtime's state", "[runtime][invariants]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  roots.ptrs.push_back(rt.mallocgc(100, nullptr));
  const std::string d = rt.state().dump();
  CHECK(d.find("runtime go1.19") != std::string::npos);
  CHECK(d.find("spans by class") != std::string::npos);
  // Corrupt the accounting through the test door and check the report.
  const_cast<RuntimeState&>(rt.state()).heap.acct.heap_free += kPageSize;
  try {
    rt.check_invariants();
    FAIL("no invariant failure");
  } catch (const bucketlab::InvariantError& e) {
    const std::string w = e.what();
    CHECK(w.rfind("invariant failed: mheap:", 0) == 0);
    CHECK(w.find("heap: mapped") != std::string::npos);
  }
  const_cast<RuntimeState&>(rt.state()).heap.acct.heap_free -= kPageSize;
  rt.check_invariants();
  rt.remove_root_source(&roots);
}

TEST_CASE("GOGC=off: NextGC is the memory-limit goal, MaxInt64 − non-heap − 1 MiB", "[runtime][memstats][pacer]") {
  // mgcpacer.go memoryLimitHeapGoal with the default limit: goal = limit −
  // (mappedReady − heapFree − heapAlloc) − 1 MiB headroom (facts D.3/D.4).
  RuntimeConfig c;
  c.gogc = -1;
  Runtime rt(c);
  CHECK(rt.read_mem_stats().NextGC == 9223372036854775807ull - (1 << 20));
  TestRoots roots;
  rt.add_root_source(&roots);
  roots.ptrs.push_back(rt.mallocgc(100, nullptr));  // 1 span in use, 112 B allocated
  const MemStats m = rt.read_mem_stats();
  const std::uint64_t non_heap = (m.HeapInuse + (m.HeapIdle - m.HeapReleased)) - (m.HeapIdle - m.HeapReleased) - m.HeapAlloc;
  CHECK(m.NextGC == 9223372036854775807ull - non_heap - (1 << 20));
  rt.remove_root_source(&roots);
}

TEST_CASE("growing past heap_budget_bytes throws an out-of-memory error naming the cap", "[runtime][mheap]") {
  RuntimeConfig c;
  c.heap_budget_bytes = 16 << 20;
  c.gogc = -1;
  Runtime rt(c);
  TestRoots roots;
  rt.add_root_source(&roots);
  roots.ptrs.push_back(rt.mallocgc(10 << 20, nullptr));
  CHECK_THROWS_AS(rt.mallocgc(10 << 20, nullptr), OutOfMemoryError);
  try {
    rt.mallocgc(10 << 20, nullptr);
  } catch (const OutOfMemoryError& e) {
    CHECK(std::string(e.what()).find("heap_budget_bytes = 16777216") != std::string::npos);
    CHECK(std::string(e.what()).find("fatal error: out of memory") != std::string::npos);
  }
  rt.check_invariants();
  // The model stays usable: allocations that fit still succeed.
  for (int i = 0; i < 20000; ++i) roots.ptrs.push_back(rt.mallocgc(200, nullptr));
  CHECK_THROWS_AS([&] {
    for (int i = 0; i < 100000; ++i) roots.ptrs.push_back(rt.mallocgc(200, nullptr));
  }(), OutOfMemoryError);
  rt.check_invariants();  // still consistent after the failed refill
  rt.remove_root_source(&roots);
}

TEST_CASE("observing MemStats gives what ReadMemStats would, without flushing", "[runtime][memstats]") {
  for (int minor : {19, 26}) {
    INFO("go1." << minor);
    Runtime rt(bucketlab::testing::config_for(minor));
    TestRoots roots;
    rt.add_root_source(&roots);
    const Type* ptr = rt.types().pointer_to(rt.types().basic(Kind::Int));
    for (int i = 0; i < 3000; ++i) {
      // tiny, small noscan, small scan and large objects, some kept
      const Addr a = rt.mallocgc(i % 7 == 0 ? 40000 : 1 + (i * 37) % 600, i % 3 ? nullptr : ptr);
      if (i % 5 == 0) roots.ptrs.push_back(a);
      if (i % 997 == 0) rt.gc();
      if (i % 250 != 0) continue;
      const MemStats seen = rt.observe_mem_stats();
      const MemStats read = rt.read_mem_stats();  // flushes
      CHECK(seen.Mallocs == read.Mallocs);
      CHECK(seen.Frees == read.Frees);
      CHECK(seen.HeapAlloc == read.HeapAlloc);
      CHECK(seen.TotalAlloc == read.TotalAlloc);
      CHECK(seen.HeapObjects == read.HeapObjects);
      for (int c = 0; c < kNumBySizeClasses; ++c) CHECK(seen.BySize[c].Mallocs == read.BySize[c].Mallocs);
    }
    rt.remove_root_source(&roots);
  }
}
