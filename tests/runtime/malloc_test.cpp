// mallocgc (malloc.go): size classes in use, slot order and reuse, large
// objects, the tiny allocator, Go 1.22+ malloc headers.
#include <catch2/catch.hpp>

#include <map>

#include "core/runtime/runtime.h"
#include "support/runtime_fixtures.h"

using namespace bucketlab::runtime;
using bucketlab::Addr;
using bucketlab::testing::config_for;
using bucketlab::testing::TestRoots;

namespace {

// (span base, slot) of an address, through the heap snapshot.
struct Where {
  Addr span = 0;
  std::uint64_t slot = 0;
};
Where where(const Runtime& rt, Addr p) {
  for (const SpanView& s : rt.heap_snapshot().spans)
    if (p >= s.base && p < s.base + std::uint64_t{s.npages} * kPageSize) return {s.base, (p - s.base) / s.elemsize};
  return {};
}

const SpanView* span_view(const HeapSnapshot& snap, Addr p) {
  for (const SpanView& s : snap.spans)
    if (p >= s.base && p < s.base + std::uint64_t{s.npages} * kPageSize) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("tiny allocator: 1000 x new([4]byte) is 250 heap objects (go1.19 verified)", "[runtime][malloc][tiny]") {
  // go1.19 (facts C.5, re-run for this test): Mallocs +1000, Frees +750,
  // HeapObjects +250, TotalAlloc +4000 (tests/oracle/tiny.go).
  for (int minor : {19, 26}) {
    INFO("go1." << minor);
    Runtime rt(config_for(minor));
    TestRoots roots;
    rt.add_root_source(&roots);
    const Type* t = rt.types().array_of(rt.types().basic(Kind::Uint8), 4);
    MemStats a = rt.read_mem_stats();
    for (int i = 0; i < 1000; ++i) roots.ptrs.push_back(rt.newobject(t));
    MemStats b = rt.read_mem_stats();
    CHECK(b.Mallocs - a.Mallocs == 1000);
    CHECK(b.Frees - a.Frees == 750);
    CHECK(b.HeapObjects - a.HeapObjects == 250);
    CHECK(b.TotalAlloc - a.TotalAlloc == 4000);
    CHECK(b.BySize[kTinySizeClass].Mallocs - a.BySize[kTinySizeClass].Mallocs == 250);
    rt.check_invariants();
    rt.remove_root_source(&roots);
  }
}

TEST_CASE("tiny allocator aligns by size and keeps the block with more room", "[runtime][malloc][tiny]") {
  // malloc.go: off aligned to 8 if size%8==0, else 4 if size%4==0, else 2 if
  // even; a new block replaces the current one only if size < tinyoffset.
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  auto tiny = [&](std::uint64_t n) {
    Addr p = rt.mallocgc(n, nullptr);
    roots.ptrs.push_back(p);
    return p;
  };
  Addr b1 = tiny(1);
  CHECK(tiny(2) == b1 + 2);
  CHECK(tiny(4) == b1 + 4);
  CHECK(tiny(8) == b1 + 8);   // block full (offset 16)
  Addr b2 = tiny(3);          // new block, replaces the full one
  CHECK(b2 == b1 + 16);
  CHECK(tiny(12) == b2 + 4);  // 12 % 4 == 0: offset 3 → 4
  Addr b3 = tiny(2);          // b2 is full: new block, offset 2
  CHECK(b3 == b2 + 16);
  Addr b4 = tiny(15);         // 2 + 15 > 16; 15 ≥ tinyoffset 2: keep b3
  CHECK(b4 == b3 + 16);
  CHECK(tiny(5) == b3 + 2);   // still filling b3
  CHECK(tiny(2) == b3 + 8);   // even: offset 7 → 8
  rt.check_invariants();
  // ReadMemStats flushes the mcache, which drops the tiny block.
  rt.read_mem_stats();
  Addr b5 = tiny(1);
  CHECK(b5 != b3 + 10);
  rt.remove_root_source(&roots);
}

TEST_CASE("objects are counted at their class size in HeapAlloc, TotalAlloc and BySize", "[runtime][malloc][memstats]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  MemStats a = rt.read_mem_stats();
  for (int i = 0; i < 10; ++i) roots.ptrs.push_back(rt.mallocgc(100, nullptr));  // class 9 (112 B)
  roots.ptrs.push_back(rt.mallocgc(40000, nullptr));                           // large: 5 pages
  MemStats b = rt.read_mem_stats();
  CHECK(b.HeapAlloc - a.HeapAlloc == 10 * 112 + 40960);
  CHECK(b.TotalAlloc - a.TotalAlloc == 10 * 112 + 40960);
  CHECK(b.Mallocs - a.Mallocs == 11);
  CHECK(b.BySize[9].Size == 112);
  CHECK(b.BySize[9].Mallocs - a.BySize[9].Mallocs == 10);
  CHECK(b.HeapObjects == b.Mallocs - b.Frees);
  CHECK(b.HeapInuse == kPageSize + 40960);
  CHECK(rt.roundupsize(100, true) == 112);
  rt.remove_root_source(&roots);
}

TEST_CASE("slots are handed out in ascending order and freed slots are reused after sweep (go1.19 verified)",
          "[runtime][malloc][sweep]") {
  // go1.19, GOMAXPROCS=1 (tests/oracle/reuse.go): 24 × new([1280]byte)
  // (class 34: 6 per span) fill spans A, B, C, D in slot order; dropping
  // objects 1,3,4,8,11,13 and calling runtime.GC, the next 8 allocations
  // get A1 A3 A4 B2 B5 C1 and then slots 0,1 of a fresh span.
  for (int minor : {19, 26}) {
    INFO("go1." << minor);
    Runtime rt(config_for(minor));
    TestRoots roots;
    rt.add_root_source(&roots);
    std::vector<Addr> keep;
    for (int i = 0; i < 24; ++i) keep.push_back(rt.mallocgc(1280, nullptr));
    roots.ptrs = keep;
    std::vector<Addr> spans;
    for (int i = 0; i < 24; ++i) {
      Where w = where(rt, keep[i]);
      if (i % 6 == 0) spans.push_back(w.span);
      CHECK(w.span == spans[i / 6]);
      CHECK(w.slot == static_cast<std::uint64_t>(i % 6));
    }
    for (int i : {1, 3, 4, 8, 11, 13}) roots.drop(keep[i]);
    rt.gc();
    std::vector<Addr> again;
    for (int i = 0; i < 8; ++i) {
      again.push_back(rt.mallocgc(1280, nullptr));
      roots.ptrs.push_back(again.back());
    }
    CHECK(again[0] == keep[1]);
    CHECK(again[1] == keep[3]);
    CHECK(again[2] == keep[4]);
    CHECK(again[3] == keep[8]);
    CHECK(again[4] == keep[11]);
    CHECK(again[5] == keep[13]);
    Where e0 = where(rt, again[6]), e1 = where(rt, again[7]);
    CHECK(e0.span == e1.span);
    CHECK(std::find(spans.begin(), spans.end(), e0.span) == spans.end());
    CHECK(e0.slot == 0);
    CHECK(e1.slot == 1);
    rt.check_invariants();
    rt.remove_root_source(&roots);
  }
}

TEST_CASE("a reused slot reads as zero when zeroing is requested", "[runtime][malloc]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  Addr a = rt.mallocgc(64, nullptr);
  Addr keep = rt.mallocgc(64, nullptr);
  roots.ptrs = {keep};
  rt.store_u64(a, 0xdeadbeef);
  rt.store_u64(a + 56, 0xfeed);
  rt.gc();
  Addr b = rt.mallocgc(64, nullptr);  // the freed slot, lowest first
  REQUIRE(b == a);
  CHECK(rt.load_u64(b) == 0);
  CHECK(rt.load_u64(b + 56) == 0);
  rt.store_u64(b, 7);
  roots.ptrs.push_back(b);
  rt.remove_root_source(&roots);
}

TEST_CASE("large objects get their own span; go1.22 makes 32761..32768 B large", "[runtime][malloc]") {
  // Go 1.19: size ≤ 32768 is small (class 67, one object per 4-page span);
  // Go 1.22+: small only up to 32768 − 8 (mallocgc, msize.go).
  struct Case {
    int minor;
    std::uint64_t size;
    int want_class;
    std::uint32_t want_pages;
  };
  for (Case c : {Case{19, 32768, 67, 4}, Case{19, 32769, 0, 5}, Case{22, 32760, 67, 4}, Case{22, 32761, 0, 4},
                 Case{26, 32768, 0, 4}, Case{26, 100000, 0, 13}}) {
    INFO("go1." << c.minor << " size " << c.size);
    Runtime rt(config_for(c.minor));
    TestRoots roots;
    rt.add_root_source(&roots);
    Addr p = rt.mallocgc(c.size, nullptr);
    roots.ptrs.push_back(p);
    HeapSnapshot snap = rt.heap_snapshot();
    const SpanView* s = span_view(snap, p);
    REQUIRE(s != nullptr);
    CHECK(s->sizeclass == c.want_class);
    CHECK(s->npages == c.want_pages);
    CHECK(s->base == p);
    CHECK(s->nelems == 1);
    CHECK(rt.read_mem_stats().HeapAlloc == std::uint64_t{c.want_pages} * kPageSize);
    rt.remove_root_source(&roots);
  }
}

TEST_CASE("go1.22+ puts an 8-byte header before pointerful objects > 512 B", "[runtime][malloc]") {
  Runtime r19(config_for(19)), r22(config_for(22));
  for (Runtime* rt : {&r19, &r22}) {
    const Type* ptr = rt->types().pointer_to(rt->types().basic(Kind::Int));
    const Type* a70 = rt->types().array_of(ptr, 70);  // 560 B
    const Type* a64 = rt->types().array_of(ptr, 64);  // 512 B: heap bits in span, no header
    TestRoots roots;
    rt->add_root_source(&roots);
    Addr p = rt->newobject(a70);
    Addr q = rt->newobject(a64);
    roots.ptrs = {p, q};
    HeapSnapshot snap = rt->heap_snapshot();
    const SpanView* sp = span_view(snap, p);
    const SpanView* sq = span_view(snap, q);
    REQUIRE(sp);
    REQUIRE(sq);
    CHECK(sp->elemsize == 576);
    CHECK(sq->elemsize == 512);
    CHECK((q - sq->base) % 512 == 0);
    if (rt->version().alloc_headers()) {
      CHECK((p - sp->base) % 576 == 8);  // object after its header
      CHECK(rt->load_u64(p - 8) == kTypeDescBase + a70->id * 8);
      CHECK(sq->nelems == 15);          // (8192 − 8192/64) / 512
    } else {
      CHECK((p - sp->base) % 576 == 0);
      CHECK(sq->nelems == 16);
    }
    rt->remove_root_source(&roots);
  }
  // 576 B of pointers needs 584 B with the header: class 640 in go1.22.
  const Type* a72 = r22.types().array_of(r22.types().pointer_to(r22.types().basic(Kind::Int)), 72);
  TestRoots roots;
  r22.add_root_source(&roots);
  Addr p = r22.newobject(a72);
  roots.ptrs = {p};
  HeapSnapshot snap = r22.heap_snapshot();
  CHECK(span_view(snap, p)->elemsize == 640);
  CHECK(r22.roundupsize(576, false) == 640 - 8);
  r22.remove_root_source(&roots);
}

TEST_CASE("zero-size allocations return zerobase; newarray rejects bad lengths", "[runtime][malloc]") {
  Runtime rt;
  CHECK(rt.mallocgc(0, nullptr) == kZeroBaseAddr);
  const Type* empty = rt.types().struct_of("", {});
  CHECK(rt.newobject(empty) == kZeroBaseAddr);
  CHECK(rt.newarray(rt.types().basic(Kind::Int), 0) == kZeroBaseAddr);
  CHECK_THROWS_WITH(rt.newarray(rt.types().basic(Kind::Int), -1), Catch::Contains("allocation size out of range"));
  CHECK_THROWS_WITH(rt.newarray(rt.types().basic(Kind::Int), std::int64_t{1} << 60),
                    Catch::Contains("allocation size out of range"));
  CHECK(rt.read_mem_stats().Mallocs == 0);
}

TEST_CASE("allocation roles are recorded per object and shown in the heap snapshot", "[runtime][malloc][inspect]") {
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  const std::uint16_t bucket = rt.register_alloc_role("bucket array");
  CHECK(rt.register_alloc_role("bucket array") == bucket);
  CHECK(rt.role_name(0) == "object");
  const Type* i64 = rt.types().basic(Kind::Int64);
  for (int i = 0; i < 3; ++i) roots.ptrs.push_back(rt.newarray(i64, 18, bucket));  // 144 B
  for (int i = 0; i < 2; ++i) roots.ptrs.push_back(rt.mallocgc(144, nullptr));
  HeapSnapshot snap = rt.heap_snapshot();
  const SpanView* s = span_view(snap, roots.ptrs[0]);
  REQUIRE(s);
  std::map<std::string, std::uint32_t> seen;
  for (std::uint32_t i = 0; i < s->roles_count; ++i) {
    const RoleCount& rc = snap.roles[s->roles_begin + i];
    seen[snap.role_names[rc.role]] = rc.objects;
  }
  CHECK(seen["bucket array"] == 3);
  CHECK(seen["object"] == 2);
  rt.remove_root_source(&roots);
}
