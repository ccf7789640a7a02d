// Unit tests for the classic map's rules (runtime/map.go, Go 1.19), each
// with the expectation taken from the source. A controllable hash (the key
// itself) places keys in chosen buckets with chosen tophash bytes; the
// differential test (classic_map_vs_go_test.cpp) checks Go's real hash.
#include <catch2/catch.hpp>

#include <cstring>
#include <map>
#include <vector>

#include "core/maps/classic_map.h"
#include "core/runtime/runtime.h"
#include "tests/support/runtime_fixtures.h"

using namespace bucketlab;
using namespace bucketlab::maps;
using namespace bucketlab::maps::classic;
using runtime::Kind;
using runtime::Runtime;

namespace {

// hash(k) = k for integer keys: bucket = low B bits, tophash = top byte.
struct IdentityAlg final : KeyAlg {
  using KeyAlg::KeyAlg;
  std::uint64_t hash(const Type* t, const std::uint8_t* p, std::uint64_t) const override {
    std::uint64_t v = 0;
    std::memcpy(&v, p, t->size < 8 ? t->size : 8);
    return v;
  }
};

// Key k with tophash `top` (≥ 5) and bucket bits `bucket`.
std::uint64_t K(std::uint8_t top, std::uint64_t bucket, std::uint64_t salt = 0) {
  return (std::uint64_t{top} << 56) | (salt << 20) | bucket;
}

struct Fixture {
  Runtime rt{testing::config_for(19)};
  testing::TestRoots roots;
  IdentityAlg alg{rt};
  Roles roles = Roles::register_in(rt);
  MapType t;
  ClassicMap ops;
  Addr h = kNil;
  explicit Fixture(const Type* (*mk)(runtime::TypeTable&) = [](runtime::TypeTable& tt) {
    return tt.map_of(tt.basic(Kind::Int64), tt.basic(Kind::Int64));
  })
      : t(make_map_type(rt.types(), mk(rt.types()))), ops(rt, t, alg, roles) {
    rt.add_root_source(&roots);
  }
  ~Fixture() { rt.remove_root_source(&roots); }
  void make(std::int64_t hint) {
    h = ops.makemap(hint, 0x1234);
    roots.ptrs.push_back(h);
    check();
  }
  void check() {
    ops.check_invariants(h);
    rt.check_invariants();
  }
  void set(std::uint64_t k, std::int64_t v) {
    const Addr e = ops.assign(h, reinterpret_cast<const std::uint8_t*>(&k), 0);
    rt.store_u64(e, static_cast<std::uint64_t>(v));
    check();
  }
  void del(std::uint64_t k) {
    ops.remove(h, reinterpret_cast<const std::uint8_t*>(&k), 0);
    check();
  }
  bool has(std::uint64_t k) const { return ops.access(h, reinterpret_cast<const std::uint8_t*>(&k)) != kNil; }
  std::int64_t get(std::uint64_t k) const {
    const Addr e = ops.access(h, reinterpret_cast<const std::uint8_t*>(&k));
    return e == kNil ? 0 : static_cast<std::int64_t>(rt.load_u64(e));
  }
  std::vector<std::uint8_t> tops(Addr b) const {
    std::vector<std::uint8_t> v;
    for (int i = 0; i < kBucketCnt; ++i) v.push_back(ops.top(b, i));
    return v;
  }
  Addr bucket(std::uint64_t i) const { return ops.bucket_at(ops.buckets(h), i); }
  std::uint64_t events(EventKind k) const {
    std::uint64_t n = 0;
    for (const auto& e : rt.state().events.events()) n += e.kind == k;
    return n;
  }
};

}  // namespace

TEST_CASE("bucket layout follows reflectdata.MapBucketType", "[maps][classic]") {
  Runtime rt;
  auto& tt = rt.types();
  auto bucket_of = [&](const Type* k, const Type* v) { return make_map_type(tt, tt.map_of(k, v)); };
  // tophash[8] + 8 keys + 8 elems + overflow word.
  const MapType i64 = bucket_of(tt.basic(Kind::Int64), tt.basic(Kind::Int64));
  CHECK(i64.bucketsize == 8 + 64 + 64 + 8);
  CHECK_FALSE(i64.bucket->has_pointers());  // overflow is a uintptr: noscan buckets
  const MapType i32 = bucket_of(tt.basic(Kind::Int32), tt.basic(Kind::Int32));
  CHECK(i32.bucketsize == 8 + 32 + 32 + 8);
  const MapType i8 = bucket_of(tt.basic(Kind::Int8), tt.basic(Kind::Int8));
  CHECK(i8.bucketsize == 8 + 8 + 8 + 8);
  const MapType str = bucket_of(tt.basic(Kind::String), tt.basic(Kind::Int));
  CHECK(str.bucketsize == 8 + 128 + 64 + 8);
  CHECK(str.bucket->has_pointers());
  CHECK(str.needkeyupdate);
  // Elems over 128 bytes are stored as pointers (maxElemSize).
  const MapType big = bucket_of(tt.basic(Kind::Int64), tt.array_of(tt.basic(Kind::Uint8), 129));
  CHECK(big.indirectelem);
  CHECK(big.elemsize == 8);
  CHECK(big.bucketsize == 8 + 64 + 64 + 8);
  CHECK(big.bucket->has_pointers());
  const MapType edge = bucket_of(tt.basic(Kind::Int64), tt.array_of(tt.basic(Kind::Uint8), 128));
  CHECK_FALSE(edge.indirectelem);  // exactly 128 stays inline
  CHECK(edge.bucketsize == 8 + 64 + 1024 + 8);
  const MapType bigkey = bucket_of(tt.array_of(tt.basic(Kind::Uint8), 129), tt.basic(Kind::Int64));
  CHECK(bigkey.indirectkey);
  CHECK(bucket_of(tt.basic(Kind::Float64), tt.basic(Kind::Int)).reflexivekey == false);
}

TEST_CASE("makemap: hint to B and the overLoadFactor boundary", "[maps][classic]") {
  // overLoadFactor(count, B) = count > 8 && count > 13·(2^B/2).
  CHECK(hint_to_B(0) == 0);
  CHECK(hint_to_B(8) == 0);
  CHECK(hint_to_B(9) == 1);    // 9 > 13·0
  CHECK(hint_to_B(13) == 1);   // 13 > 13·1 is false
  CHECK(hint_to_B(14) == 2);
  CHECK(hint_to_B(26) == 2);
  CHECK(hint_to_B(27) == 3);
  CHECK(hint_to_B(52) == 3);
  CHECK(hint_to_B(53) == 4);
  CHECK(hint_to_B(6656) == 10);  // 13·512
  CHECK(hint_to_B(6657) == 11);
  CHECK(hint_to_B(-5) == 0);
  CHECK(too_many_overflow_buckets(15, 4) == false);
  CHECK(too_many_overflow_buckets(16, 4) == true);
  CHECK(too_many_overflow_buckets(32767, 20) == false);  // B capped at 15
  CHECK(too_many_overflow_buckets(32768, 20) == true);
}

TEST_CASE("small maps allocate their bucket lazily; B >= 4 preallocates overflow buckets", "[maps][classic]") {
  Fixture f;
  const auto m0 = f.rt.read_mem_stats();
  f.make(8);
  const auto m1 = f.rt.read_mem_stats();
  CHECK(m1.Mallocs - m0.Mallocs == 1);  // the hmap only
  CHECK(f.ops.buckets(f.h) == kNil);
  f.set(K(9, 0), 1);
  CHECK(f.rt.read_mem_stats().Mallocs - m1.Mallocs == 1);  // newobject(t.bucket)
  CHECK(f.ops.buckets(f.h) != kNil);

  Fixture g;
  g.make(53);  // B = 4: 16 + 1 buckets of 144 B = 2448 → size class 2688 → 18 buckets
  CHECK(g.ops.B(g.h) == 4);
  const Addr x = g.ops.extra(g.h);
  REQUIRE(x != kNil);
  const Addr next = g.rt.load_pointer(x + mapextra::kNextOverflow);
  CHECK(next == g.ops.buckets(g.h) + 16 * 144);
  // The last spare's overflow word is the sentinel (the array itself).
  CHECK(g.ops.overflow(next + 144) == g.ops.buckets(g.h));
  CHECK(g.ops.overflow(next) == kNil);
}

TEST_CASE("assign fills the first empty slot; a full chain gets an overflow bucket", "[maps][classic]") {
  Fixture f;
  f.make(0);
  for (std::uint64_t i = 0; i < 8; ++i) f.set(K(static_cast<std::uint8_t>(10 + i), 0, i), static_cast<std::int64_t>(i));
  CHECK(f.tops(f.bucket(0)) == std::vector<std::uint8_t>{10, 11, 12, 13, 14, 15, 16, 17});
  CHECK(f.ops.noverflow(f.h) == 0);
  // Updating an existing key does not add an entry.
  f.set(K(12, 0, 2), 99);
  CHECK(f.ops.count(f.h) == 8);
  CHECK(f.get(K(12, 0, 2)) == 99);
  // Deleting slot 3 then inserting reuses slot 3 (first empty slot).
  f.del(K(13, 0, 3));
  CHECK(f.tops(f.bucket(0))[3] == kEmptyOne);
  f.set(K(40, 0, 77), 5);
  CHECK(f.tops(f.bucket(0))[3] == 40);
  // Small tophash values are pushed above the marks: top byte 2 → 7.
  CHECK(tophash(std::uint64_t{2} << 56) == 7);
}

TEST_CASE("delete: emptyOne, then emptyRest propagates back across the chain", "[maps][classic]") {
  Fixture f;
  f.make(9);  // B = 1
  REQUIRE(f.ops.B(f.h) == 1);
  // 10 keys into bucket 0: the main bucket and 2 slots of one overflow bucket.
  std::vector<std::uint64_t> keys;
  for (std::uint64_t i = 0; i < 10; ++i) keys.push_back(K(static_cast<std::uint8_t>(20 + i), 0, i));
  for (auto k : keys) f.set(k, 1);
  const Addr b0 = f.bucket(0);
  const Addr ovf = f.ops.overflow(b0);
  REQUIRE(ovf != kNil);
  CHECK(f.ops.noverflow(f.h) == 1);
  CHECK(f.tops(ovf) == std::vector<std::uint8_t>{28, 29, 0, 0, 0, 0, 0, 0});
  // Deleting a middle key leaves emptyOne (later slots are full).
  f.del(keys[5]);
  CHECK(f.tops(b0)[5] == kEmptyOne);
  // Deleting the last entry of the chain turns it into emptyRest; the walk
  // stops at the first non-emptyOne slot.
  f.del(keys[9]);
  CHECK(f.tops(ovf)[1] == kEmptyRest);
  f.del(keys[8]);
  CHECK(f.tops(ovf)[0] == kEmptyRest);
  // Slot 7 of the main bucket is not the end of the chain while the
  // overflow's slot 0 is... now emptyRest, so deleting 7 marks 7 emptyRest.
  f.del(keys[7]);
  CHECK(f.tops(b0)[7] == kEmptyRest);
  f.del(keys[6]);
  // ... and 6 too, then the walk continues back through 5 (emptyOne) to 4.
  CHECK(f.tops(b0) == std::vector<std::uint8_t>{20, 21, 22, 23, 24, kEmptyRest, kEmptyRest, kEmptyRest});
  // Lookups stop at emptyRest: a key that would sit after it is absent.
  CHECK_FALSE(f.has(keys[9]));
  CHECK(f.has(keys[4]));
}

TEST_CASE("delete to empty reseeds hash0; clear keeps the bucket memory", "[maps][classic]") {
  Fixture f;
  f.make(100);  // B = 4
  const Addr arr = f.ops.buckets(f.h);
  const std::uint32_t seed0 = f.ops.hash0(f.h);
  f.set(K(9, 3), 1);
  f.del(K(9, 3));
  CHECK(f.ops.count(f.h) == 0);
  CHECK(f.ops.hash0(f.h) != seed0);  // issue 25237: fastrand() on becoming empty
  for (std::uint64_t i = 0; i < 40; ++i) f.set(K(static_cast<std::uint8_t>(9 + i), i % 16, i), 1);
  const auto before = f.rt.read_mem_stats();
  f.ops.clear(f.h, 0);
  f.check();
  const auto after = f.rt.read_mem_stats();
  CHECK(f.ops.count(f.h) == 0);
  CHECK(f.ops.buckets(f.h) == arr);  // same array: maps never shrink
  CHECK(after.Mallocs == before.Mallocs);
  CHECK(f.tops(f.bucket(3)) == std::vector<std::uint8_t>(8, 0));
  // The spare overflow buckets are available again.
  CHECK(f.rt.load_pointer(f.ops.extra(f.h) + mapextra::kNextOverflow) == arr + 16 * 144);
}

TEST_CASE("growth doubles at load factor 6.5 and evacuates into X and Y halves", "[maps][classic]") {
  Fixture f;
  f.make(0);
  // 8 entries fit B = 0; the 9th triggers hashGrow to B = 1.
  for (std::uint64_t i = 0; i < 8; ++i) f.set(K(static_cast<std::uint8_t>(10 + i), i % 2, i), 1);
  CHECK(f.ops.B(f.h) == 0);
  f.set(K(30, 1, 99), 1);
  CHECK(f.ops.B(f.h) == 1);
  // The 9th insert grew the map, and its growWork evacuated old bucket 0,
  // which completes the growth (1 old bucket).
  CHECK_FALSE(f.ops.growing(f.h));
  CHECK(f.events(EventKind::MapGrowStart) == 1);
  CHECK(f.events(EventKind::MapGrowEnd) == 1);
  // Even keys (bucket bit 0) stayed in X = bucket 0, odd went to Y = bucket 1.
  CHECK(f.tops(f.bucket(0)) == std::vector<std::uint8_t>{10, 12, 14, 16, 0, 0, 0, 0});
  CHECK(f.tops(f.bucket(1)) == std::vector<std::uint8_t>{11, 13, 15, 17, 30, 0, 0, 0});

  // A larger map grows incrementally: each assign evacuates its own old
  // bucket and the one at nevacuate.
  Fixture g;
  g.make(26);  // B = 2 holds 26 entries
  REQUIRE(g.ops.B(g.h) == 2);
  // Bucket bits i % 8: old bucket i % 4, and bit 2 (newbit) picks X or Y.
  for (std::uint64_t i = 0; i < 26; ++i) g.set(K(static_cast<std::uint8_t>(10 + i), i % 8, i), 1);
  g.set(K(90, 0, 100), 1);  // 27th: grow to B = 3; growWork evacuates old 0, then nevacuate = 1
  CHECK(g.ops.B(g.h) == 3);
  REQUIRE(g.ops.growing(g.h));
  CHECK(g.ops.nevacuate(g.h) == 2);
  const Addr old = g.ops.oldbuckets(g.h);
  // Old bucket 0 held i = 0, 4, 8, ...: i % 8 = 0 → X, 4 → Y.
  CHECK(g.tops(g.ops.bucket_at(old, 0)) ==
        std::vector<std::uint8_t>{kEvacuatedX, kEvacuatedY, kEvacuatedX, kEvacuatedY, kEvacuatedX, kEvacuatedY,
                                  kEvacuatedX, kEvacuatedEmpty});
  CHECK(g.tops(g.bucket(0)) == std::vector<std::uint8_t>{10, 18, 26, 34, 90, 0, 0, 0});
  CHECK(g.tops(g.bucket(4)) == std::vector<std::uint8_t>{14, 22, 30, 0, 0, 0, 0, 0});
  CHECK(g.ops.top(g.ops.bucket_at(old, 2), 0) == 12);  // old bucket 2 not evacuated yet
  // Lookups during growth find keys in unevacuated old buckets.
  CHECK(g.has(K(12, 2, 2)));
  g.set(K(91, 3, 101), 1);  // bucket 3: evacuates old 3, then old 2 (nevacuate): done
  CHECK_FALSE(g.ops.growing(g.h));
  CHECK(g.events(EventKind::MapOldFree) == 1);
  CHECK(g.ops.count(g.h) == 28);
}

TEST_CASE("too many overflow buckets starts a same-size grow", "[maps][classic]") {
  Fixture f;
  f.make(9);  // B = 1: tooManyOverflowBuckets at noverflow >= 2
  std::vector<std::uint64_t> a, b;
  for (std::uint64_t i = 0; i < 9; ++i) a.push_back(K(static_cast<std::uint8_t>(10 + i), 0, i));
  for (std::uint64_t i = 0; i < 9; ++i) b.push_back(K(static_cast<std::uint8_t>(40 + i), 1, i));
  for (auto k : a) f.set(k, 1);
  for (auto k : a) f.del(k);
  for (auto k : b) f.set(k, 1);
  CHECK(f.ops.noverflow(f.h) == 2);
  CHECK(f.ops.count(f.h) == 9);
  f.set(K(90, 0, 500), 1);  // a new key: same-size grow
  CHECK(f.ops.B(f.h) == 1);
  const auto& ev = f.rt.events().events();
  bool same = false;
  for (const auto& e : ev)
    if (e.kind == EventKind::MapGrowStart) same = e.a3 == 1 && e.a1 == 1 && e.a2 == 1;
  CHECK(same);
  // Same-size evacuation packs bucket 1's 9 entries into one bucket + one overflow.
  CHECK_FALSE(f.ops.growing(f.h));
  CHECK(f.ops.noverflow(f.h) == 1);
  CHECK_FALSE(f.ops.same_size_grow(f.h));
}

TEST_CASE("noscan maps keep overflow buckets alive through hmap.extra", "[maps][classic]") {
  Fixture g;
  g.make(9);  // B = 1, no growth for 13 entries
  const auto a = g.rt.read_mem_stats();
  for (std::uint64_t i = 0; i < 9; ++i) g.set(K(static_cast<std::uint8_t>(10 + i), 0, i), 1);
  const auto b = g.rt.read_mem_stats();
  // The 9th key: newobject(bucket) + new(mapextra) + new([]*bmap) + growslice to cap 1.
  CHECK(b.Mallocs - a.Mallocs == 4);
  const Addr sp = g.rt.load_pointer(g.ops.extra(g.h) + mapextra::kOverflow);
  CHECK(g.rt.load_u64(sp + 8) == 1);  // len
  // The GC keeps the overflow bucket although the bucket array is noscan.
  g.rt.gc();
  g.check();
  CHECK(g.has(K(18, 0, 8)));
}

TEST_CASE("iteration visits every entry once, also across growth", "[maps][classic]") {
  Fixture f;
  f.make(26);
  std::map<std::uint64_t, int> want;
  for (std::uint64_t i = 0; i < 27; ++i) {
    const std::uint64_t k = K(static_cast<std::uint8_t>(10 + i), i % 8, i);
    f.set(k, 1);
    want[k] = 0;
  }
  REQUIRE(f.ops.growing(f.h));  // the 27th insert started growing to B = 3
  Hiter it;
  f.ops.iter_init(f.h, it);
  CHECK((f.ops.flags(f.h) & (kIterator | kOldIterator)) == (kIterator | kOldIterator));
  int n = 0;
  for (; it.key != kNil; f.ops.iter_next(it)) {
    const std::uint64_t k = f.rt.load_u64(it.key);
    REQUIRE(want.count(k) == 1);
    ++want[k];
    ++n;
    if (n == 3) f.set(K(12, 2, 2), 7);  // an update during iteration evacuates the rest of the growth
  }
  for (auto& [k, c] : want) CHECK(c == 1);
}
