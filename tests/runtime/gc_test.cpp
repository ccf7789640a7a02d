// The collector (mgc.go, mgcmark.go, mgcsweep.go): tracing through
// simulated memory, sweeping, runtime.GC, triggers.
#include <catch2/catch.hpp>

#include "core/runtime/runtime.h"
#include "support/runtime_fixtures.h"

using namespace bucketlab::runtime;
using bucketlab::Addr;
using bucketlab::EventKind;
using bucketlab::testing::config_for;
using bucketlab::testing::TestRoots;

namespace {

// type node struct { next unsafe.Pointer; val int64 }  (16 B, pointer in word 0)
const Type* node_type(Runtime& rt) {
  return rt.types().struct_of("main.node", {{"next", rt.types().basic(Kind::UnsafePointer)},
                                            {"val", rt.types().basic(Kind::Int64)}});
}

// A linked list of n nodes in simulated memory; returns the head.
Addr make_list(Runtime& rt, int n, std::int64_t tag) {
  const Type* t = node_type(rt);
  Addr head = 0;
  for (int i = 0; i < n; ++i) {
    Runtime::LocalRoot keep(rt, head);  // head lives in a C++ local across the allocation
    Addr x = rt.newobject(t);
    rt.store_pointer(x, head);
    rt.store_u64(x + 8, static_cast<std::uint64_t>(tag + i));
    head = x;
  }
  return head;
}

std::uint64_t heap_objects(Runtime& rt) { return rt.read_mem_stats().HeapObjects; }

}  // namespace

TEST_CASE("GC frees unreachable objects and keeps those reachable through heap pointers", "[runtime][gc]") {
  for (int minor : {19, 22, 26}) {
    INFO("go1." << minor);
    Runtime rt(config_for(minor));
    TestRoots roots;
    rt.add_root_source(&roots);
    Addr live = make_list(rt, 100, 1000);
    roots.ptrs.push_back(live);
    make_list(rt, 300, 5000);  // unreachable once built
    CHECK(heap_objects(rt) == 400);
    rt.gc();
    CHECK(heap_objects(rt) == 100);
    // The survivors' contents are intact, in list order.
    std::int64_t want = 1099;
    for (Addr p = live; p != 0; p = rt.load_pointer(p)) CHECK(static_cast<std::int64_t>(rt.load_u64(p + 8)) == want--);
    CHECK(want == 999);
    rt.check_invariants();
    rt.remove_root_source(&roots);
  }
}

TEST_CASE("interior pointers keep their whole object alive", "[runtime][gc]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  const Type* i64 = rt.types().basic(Kind::Int64);
  Addr arr = rt.newarray(i64, 100, 0);  // 800 B
  Addr other = rt.newarray(i64, 100, 0);
  rt.store_u64(arr + 8 * 57, 42);
  roots.ptrs.push_back(arr + 8 * 57);  // &arr[57]
  (void)other;
  rt.gc();
  CHECK(heap_objects(rt) == 1);
  CHECK(rt.load_u64(arr + 8 * 57) == 42);
  // An interior pointer stored in the heap works as well.
  const Type* holder = rt.types().struct_of("main.holder", {{"p", rt.types().pointer_to(i64)}});
  Addr h = rt.newobject(holder);
  rt.store_pointer(h, arr + 8 * 99);
  roots.ptrs = {h};
  rt.gc();
  CHECK(heap_objects(rt) == 2);
  rt.remove_root_source(&roots);
}

TEST_CASE("only pointer words of the allocated type are traced", "[runtime][gc]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  const Type* i64 = rt.types().basic(Kind::Int64);
  const Type* pi = rt.types().pointer_to(i64);
  // struct { a int64; p *int64 }: an address in `a` is just a number.
  const Type* s = rt.types().struct_of("main.s", {{"a", i64}, {"p", pi}});
  // 16-byte pointer-free targets: too big for the tiny allocator, so each is
  // its own object.
  const Type* pair = rt.types().array_of(i64, 2);
  Addr obj = rt.newobject(s);
  Addr via_scalar = rt.newobject(pair);
  Addr via_pointer = rt.newobject(pair);
  rt.store_u64(obj, via_scalar);
  rt.store_pointer(obj + 8, via_pointer);
  // Pointer-free memory is never scanned, whatever it contains.
  Addr bytes = rt.mallocgc(64, nullptr);
  Addr via_bytes = rt.newobject(pair);
  rt.store_u64(bytes, via_bytes);
  roots.ptrs = {obj, bytes};
  rt.gc();
  CHECK(heap_objects(rt) == 3);  // obj, via_pointer, bytes
  rt.check_invariants();
  // The freed 16-byte slots are reused, lowest first; the retained one is not.
  CHECK(rt.newobject(pair) == via_scalar);
  CHECK(rt.newobject(pair) == via_bytes);
  rt.remove_root_source(&roots);
}

TEST_CASE("arrays are scanned element by element, up to the allocated length", "[runtime][gc]") {
  for (int minor : {19, 22}) {
    INFO("go1." << minor);
    Runtime rt(config_for(minor));
    TestRoots roots;
    rt.add_root_source(&roots);
    const Type* i64 = rt.types().basic(Kind::Int64);
    // [N]struct{ k int64; v *int64 } as newarray: pointers in the odd words.
    const Type* kv = rt.types().struct_of("main.kv", {{"k", i64}, {"v", rt.types().pointer_to(i64)}});
    for (std::int64_t n : {3, 50, 3000}) {  // small, > 512 B (header in go1.22), large
      INFO("n = " << n);
      Addr arr = rt.newarray(kv, n, 0);
      Addr last = rt.newobject(i64);
      rt.store_pointer(arr + 16 * static_cast<std::uint64_t>(n - 1) + 8, last);
      roots.ptrs = {arr};
      rt.gc();
      CHECK(heap_objects(rt) == 2);
      rt.store_pointer(arr + 16 * static_cast<std::uint64_t>(n - 1) + 8, 0);
      rt.gc();
      CHECK(heap_objects(rt) == 1);
      roots.ptrs.clear();
      rt.gc();
      CHECK(heap_objects(rt) == 0);
    }
    rt.check_invariants();
    rt.remove_root_source(&roots);
  }
}

TEST_CASE("spans whose objects all died return to the page heap", "[runtime][gc][sweep]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  const Type* i64 = rt.types().basic(Kind::Int64);
  std::vector<Addr> objs;
  for (int i = 0; i < 4096; ++i) objs.push_back(rt.newarray(i64, 4, 0));  // 32 B: 256 per span → 16 spans
  roots.ptrs = {objs[0]};                                                    // pins the first span only
  MemStats before = rt.read_mem_stats();
  CHECK(before.HeapInuse == 16 * kPageSize);
  const std::uint64_t frees_before = rt.events().total();
  rt.gc();
  MemStats after = rt.read_mem_stats();
  CHECK(after.HeapInuse == kPageSize);
  CHECK(after.HeapIdle - before.HeapIdle == 15 * kPageSize);
  CHECK(after.HeapAlloc == 32);
  std::uint64_t span_frees = 0;
  for (const auto& e : rt.events().events())
    if (e.seq >= frees_before && e.kind == EventKind::SpanFree) span_frees++;
  CHECK(span_frees == 15);
  rt.check_invariants();
  rt.remove_root_source(&roots);
}

TEST_CASE("runtime.GC runs a full cycle, sweeps everything and counts as forced", "[runtime][gc]") {
  // mgc.go GC(): start a cycle, wait for mark termination, sweep all spans.
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  Addr keep = make_list(rt, 10, 0);
  roots.ptrs = {keep};
  make_list(rt, 10, 100);
  MemStats a = rt.read_mem_stats();
  CHECK(a.NumGC == 0);
  CHECK(a.NextGC == 4194304);  // heapMinimum at GOGC=100 (verified in facts D.3)
  rt.gc();
  MemStats b = rt.read_mem_stats();
  CHECK(b.NumGC == 1);
  CHECK(b.NumForcedGC == 1);
  CHECK(b.HeapAlloc == 10 * 16);  // exactly the marked bytes
  CHECK(b.Frees - a.Frees == 10);
  for (const SpanView& s : rt.heap_snapshot().spans) CHECK(s.sweep != SpanSweepState::Unswept);
  rt.gc();
  CHECK(rt.read_mem_stats().NumForcedGC == 2);
  CHECK(rt.gc_phase() == GcPhase::Off);
  rt.remove_root_source(&roots);
}

TEST_CASE("the first heap-triggered GC starts when heapLive reaches 61/64 of 4 MiB", "[runtime][gc][pacer]") {
  // mgcpacer.go trigger(): with heapMarked = 0 and goal 4 MiB, the trigger
  // is 61/64 · 4 MiB = 3997696 (verified: gcpacertrace "in 3997696 B").
  // 16-byte noscan objects: each refill adds a whole 8 KiB span to heapLive,
  // so the 488th span's refill reaches the trigger; its first allocation is
  // allocation number 487·512 + 1, and it starts the GC.
  Runtime rt;
  CHECK(rt.gc_trigger() == 3997696);
  std::uint64_t n = 0;
  while (rt.num_gc() == 0) {
    rt.mallocgc(16, nullptr);
    ++n;
    REQUIRE(n < 1000000);
  }
  CHECK(n == 487 * 512 + 1);
  // Only the allocation in flight survived (it was still held by mallocgc's caller).
  CHECK(rt.heap_live() == 16);
}

TEST_CASE("after a heap-triggered GC, sweeping is lazy: allocation and the background sweeper finish it",
          "[runtime][gc][sweep]") {
  Runtime rt;
  std::uint64_t n = 0;
  while (rt.num_gc() == 0) {
    rt.mallocgc(16, nullptr);
    ++n;
  }
  std::uint64_t unswept = 0;
  for (const SpanView& s : rt.heap_snapshot().spans) unswept += s.sweep == SpanSweepState::Unswept;
  CHECK(unswept > 100);  // the dead spans wait for a sweeper
  // Allocating more 16-byte objects sweeps spans of that class first (cacheSpan).
  rt.mallocgc(16, nullptr);
  BackgroundReport rep = rt.background_work(1000000);  // 1 ms idle: bgsweep finishes
  CHECK(rep.spans_swept > 0);
  for (const SpanView& s : rt.heap_snapshot().spans) CHECK(s.sweep != SpanSweepState::Unswept);
  bool sweep_done = false;
  for (const auto& e : rt.events().events()) sweep_done |= e.kind == EventKind::SweepDone && e.a0 == 1;
  CHECK(sweep_done);
  rt.check_invariants();
}

TEST_CASE("GOGC=off: no heap-triggered GC; SetGCPercent returns the previous value", "[runtime][gc][pacer]") {
  Runtime rt;
  CHECK(rt.set_gc_percent(-1) == 100);
  for (int i = 0; i < 400000; ++i) rt.mallocgc(16, nullptr);  // 6.4 MB
  CHECK(rt.num_gc() == 0);
  CHECK(rt.set_gc_percent(100) == -1);
  rt.mallocgc(1 << 20, nullptr);  // a large (heavy) allocation tests the trigger
  CHECK(rt.num_gc() == 1);
}

TEST_CASE("a forced GC starts after two minutes without one (time trigger)", "[runtime][gc]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  rt.background_work(10ull * 60 * 1000000000);  // never before the first GC (lastgc == 0)
  CHECK(rt.num_gc() == 0);
  rt.gc();
  BackgroundReport rep = rt.background_work(kForceGcPeriodNs);  // exactly 2 min: not more than it
  CHECK(rep.gcs_started == 0);
  rep = rt.background_work(1);
  CHECK(rep.gcs_started == 1);
  MemStats m = rt.read_mem_stats();
  CHECK(m.NumGC == 2);
  CHECK(m.NumForcedGC == 1);  // time-triggered cycles are not "forced" by the user
  rep = rt.background_work(5 * kForceGcPeriodNs);
  CHECK(rep.gcs_started == 4);  // one per elapsed period
  rt.set_gc_percent(-1);
  rep = rt.background_work(5 * kForceGcPeriodNs);
  CHECK(rep.gcs_started == 0);  // GOGC=off disables the time trigger too
  rt.remove_root_source(&roots);
}

TEST_CASE("local roots keep C++-held addresses alive across a GC triggered by allocation", "[runtime][gc]") {
  Runtime rt;
  Addr held = rt.mallocgc(64, nullptr);
  rt.store_u64(held, 77);
  {
    Runtime::LocalRoot guard(rt, held);
    while (rt.num_gc() == 0) rt.mallocgc(4096, nullptr);
    CHECK(rt.load_u64(held) == 77);
    CHECK(heap_objects(rt) >= 1);
  }
  rt.gc();
  CHECK(heap_objects(rt) == 0);
}

TEST_CASE("a pointer to a freed object is reported like Go's 'found pointer to free object'", "[runtime][gc]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  Addr keep = rt.mallocgc(64, nullptr);
  Addr dead = rt.mallocgc(64, nullptr);
  roots.ptrs = {keep};
  rt.gc();
  roots.ptrs.push_back(dead);  // a dangling pointer: an upper-layer bug
  CHECK_THROWS_WITH(rt.gc(), Catch::Contains("found pointer to free object"));
  rt.remove_root_source(&roots);
}

namespace {
// A root source that acts like a mutator running while the GC marks: the
// model's mark phase runs inside gcStart, so root scanning is the one
// moment at which gcphase == _GCmark can be observed from outside.
struct MutatorDuringMark : RootSource {
  Runtime* rt = nullptr;
  Addr root = 0;      // holder object: word 0 points at the victim
  Addr allocated = 0; // what the "mutator" allocated during mark
  GcPhase seen = GcPhase::Off;
  bool act = true;
  void scan_roots(RootVisitor& v) override {
    v.pointer(root);
    if (!act) return;
    seen = rt->gc_phase();
    allocated = rt->mallocgc(48, nullptr);  // unreferenced: allocated black, survives this cycle
    rt->store_pointer(root, 0);              // deletes the only pointer to the victim: the barrier shades it
  }
};
}  // namespace

TEST_CASE("during mark, new objects are allocated black and the write barrier shades overwritten pointers",
          "[runtime][gc]") {
  // mgc.go gcmarknewobject; mbarrier.go (shade(*slot) and shade(ptr)).
  Runtime rt;
  const Type* holder = rt.types().struct_of("main.h", {{"p", rt.types().basic(Kind::UnsafePointer)}});
  MutatorDuringMark m;
  m.rt = &rt;
  m.root = rt.newobject(holder);
  Addr victim = rt.mallocgc(64, nullptr);
  rt.store_pointer(m.root, victim);
  rt.add_root_source(&m);
  rt.gc();
  CHECK(m.seen == GcPhase::Mark);
  // root + victim (shaded) + the black allocation: floating garbage for one cycle.
  CHECK(heap_objects(rt) == 3);
  m.act = false;
  rt.gc();
  CHECK(heap_objects(rt) == 1);
  rt.check_invariants();
  rt.remove_root_source(&m);
}

TEST_CASE("proportional sweeping: a span allocation first sweeps sweepPagesPerByte pages per byte", "[runtime][sweep]") {
  // mgcsweep.go gcPaceSweeper / deductSweepCredit: sweep
  // sweepPagesPerByte · (heapLive − basis + span bytes) pages before
  // getting a span, where sweepPagesPerByte = unswept in-use pages /
  // (trigger − heapLive − 1 MiB).
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  std::uint64_t i = 0;
  while (rt.num_gc() == 0) {  // a heap-triggered GC, with a quarter of the objects live
    Addr p = rt.mallocgc(16, nullptr);
    if (i++ % 4 == 0) roots.ptrs.push_back(p);
  }
  const RuntimeState& st = rt.state();
  const double ppb = st.heap.sweep_pages_per_byte;
  REQUIRE(ppb > 0);
  const std::uint64_t trigger = rt.gc_trigger();
  // At pacing time nothing was swept yet (pagesSweptBasis); the mcache flush
  // swept its stale spans afterwards, freeing none (they hold live objects).
  const std::uint64_t unswept = st.heap.pages_in_use - st.heap.pages_swept_basis;
  CHECK(ppb == Approx(double(unswept) / double(trigger - st.heap.sweep_heap_live_basis - (1 << 20))).epsilon(1e-6));
  const std::uint64_t live_before = rt.heap_live();
  const std::uint64_t basis = st.heap.sweep_heap_live_basis, swept_basis = st.heap.pages_swept_basis;
  roots.ptrs.push_back(rt.mallocgc(3000, nullptr));  // class 41: a fresh 3-page span, so cacheSpan pays
  const std::int64_t want =
      static_cast<std::int64_t>(ppb * static_cast<double>(live_before - basis + 3 * kPageSize));
  CHECK(static_cast<std::int64_t>(st.heap.pages_swept - swept_basis) >= want);
  CHECK(want > 0);
  rt.check_invariants();
  rt.remove_root_source(&roots);
}

TEST_CASE("reclaim sweeps in-use spans without marked objects, lowest address first", "[runtime][sweep]") {
  // mheap.go reclaim/reclaimChunk: before allocating n pages while sweeping
  // is unfinished, free at least n pages of unmarked spans (pageInUse &^
  // pageMarks), scanning pages upward; surplus becomes reclaimCredit.
  RuntimeConfig cfg;
  cfg.gogc = 200;  // an 8 MiB goal: the dead spans reach past the first 512 pages
  Runtime rt(cfg);
  TestRoots roots;
  rt.add_root_source(&roots);
  Addr live = rt.mallocgc(100 << 10, nullptr);  // 13 pages, stays marked
  roots.ptrs.push_back(live);
  std::vector<Addr> dead;
  while (rt.num_gc() == 0) dead.push_back(rt.mallocgc(100 << 10, nullptr));  // heap-triggered GC
  dead.pop_back();  // the last one was in flight during the GC: marked
  REQUIRE(dead.size() > 10);
  MHeap& h = const_cast<MHeap&>(rt.state().heap);  // test door: drive reclaim directly
  REQUIRE_FALSE(rt.state().sweeper.is_done());
  auto unswept = [&](Addr a) {
    for (const SpanView& s : rt.heap_snapshot().spans)
      if (s.base == a) return s.sweep == SpanSweepState::Unswept;
    return false;  // freed
  };
  // Work is claimed 512 pages (pagesPerReclaimerChunk) at a time: every
  // unmarked span starting in pages [0, 512) is freed by one call.
  h.reclaim(20);
  std::uint64_t freed_pages = 0;
  bool beyond_kept = false;
  for (Addr a : dead) {
    const std::uint64_t first_page = (a - kArenaBaseAddr) / kPageSize;
    if (first_page < 512) {
      CHECK_FALSE(unswept(a));
      freed_pages += 13;
    } else {
      beyond_kept |= unswept(a);
    }
  }
  CHECK(beyond_kept);
  CHECK(h.reclaim_credit == freed_pages - 20);
  CHECK(unswept(live));  // a span with a marked object is left for the sweeper
  const std::uint64_t index = h.reclaim_index;
  h.reclaim(10);  // paid from credit, no scanning
  CHECK(h.reclaim_credit == freed_pages - 30);
  CHECK(h.reclaim_index == index);
  rt.check_invariants();
  rt.remove_root_source(&roots);
}
