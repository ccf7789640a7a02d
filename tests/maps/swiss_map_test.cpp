// Unit tests for the Swiss map's rules (Go 1.26 internal/runtime/maps),
// each with the expectation taken from the source (file and function named
// in each test). A controllable hash (the key itself: H2 = low 7 bits, H1
// = the rest, directory index = top bits) places keys in chosen groups;
// the differential test (swiss_map_vs_go_test.cpp) checks Go's real hash.
#include <catch2/catch.hpp>

#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "core/maps/hash.h"
#include "core/maps/swiss_map.h"
#include "core/runtime/panic.h"
#include "core/runtime/runtime.h"
#include "tests/support/runtime_fixtures.h"

using namespace bucketlab;
using namespace bucketlab::maps;
using namespace bucketlab::maps::swiss;
using runtime::Kind;
using runtime::Runtime;

namespace {

// hash(k) = the key's first 8 bytes.
struct IdentityAlg final : KeyAlg {
  using KeyAlg::KeyAlg;
  std::uint64_t hash(const Type* t, const std::uint8_t* p, std::uint64_t) const override {
    std::uint64_t v = 0;
    std::memcpy(&v, p, t->size < 8 ? t->size : 8);
    return v;
  }
};

// A key whose hash (identity) starts its probe at `group` with H2 `h2v`;
// `salt` keeps keys distinct without moving them; `top` sets the top byte
// (directory index / split bits).
std::uint64_t K(std::uint64_t group, std::uint8_t h2v, std::uint64_t salt = 0, std::uint64_t top = 0) {
  return (top << 56) | (salt << 24) | (group << 7) | h2v;
}

using MakeType = const Type* (*)(runtime::TypeTable&);
const Type* int64_int64(runtime::TypeTable& tt) { return tt.map_of(tt.basic(Kind::Int64), tt.basic(Kind::Int64)); }
// 16-byte keys: the generic mapassign (walk.go mapfast), which never prunes.
const Type* pair_int64(runtime::TypeTable& tt) {
  return tt.map_of(tt.array_of(tt.basic(Kind::Int64), 2), tt.basic(Kind::Int64));
}

struct Fixture {
  Runtime rt{testing::config_for(26, 3)};
  testing::TestRoots roots;
  std::unique_ptr<KeyAlg> alg;
  Roles roles = Roles::register_in(rt);
  MapType t;
  SwissMap ops;
  Addr m = kNil;
  explicit Fixture(MakeType mk = int64_int64, bool go_hash = false)
      : alg(go_hash ? make_go_key_alg(rt, Hashkey{{1, 2, 3, 4}}) : std::unique_ptr<KeyAlg>(new IdentityAlg(rt))),
        t(make_map_type(rt.types(), mk(rt.types()), rt.version())),
        ops(rt, t, *alg, roles, 0) {
    rt.add_root_source(&roots);
  }
  ~Fixture() { rt.remove_root_source(&roots); }
  void make(std::int64_t hint, std::uint64_t seed = 0x1234) {
    m = ops.make(hint, seed);
    roots.ptrs.push_back(m);
    check();
  }
  void check() {
    ops.check_invariants(m);
    rt.check_invariants();
  }
  std::vector<std::uint8_t> kb(std::uint64_t k) const {
    std::vector<std::uint8_t> b(t.key->size, 0);
    std::memcpy(b.data(), &k, 8);
    if (t.key->size == 16) std::memcpy(b.data() + 8, &k, 8);
    return b;
  }
  void set(std::uint64_t k, std::int64_t v) {
    const auto b = kb(k);
    rt.store_u64(ops.assign(m, b.data()), static_cast<std::uint64_t>(v));
    check();
  }
  void del(std::uint64_t k) {
    const auto b = kb(k);
    ops.remove(m, b.data());
    check();
  }
  bool has(std::uint64_t k) const { return ops.access(m, kb(k).data()) != kNil; }
  std::int64_t get(std::uint64_t k) const {
    const Addr e = ops.access(m, kb(k).data());
    return e == kNil ? 0 : static_cast<std::int64_t>(rt.load_u64(e));
  }
  Table table(std::uint64_t dir_index = 0) const { return Table(ops, ops.directory_at(m, dir_index)); }
  std::uint8_t ctrl(const Table& tab, std::uint64_t g, std::uint64_t slot) const { return rt.load_u8(tab.group(g) + slot); }
  std::uint8_t small_ctrl(std::uint64_t slot) const { return rt.load_u8(ops.dir_ptr(m) + slot); }
  std::uint64_t mallocs() { return rt.read_mem_stats().Mallocs; }
  std::size_t events(EventKind k) const {
    std::size_t n = 0;
    for (const auto& e : rt.state().events.events()) n += e.kind == k;
    return n;
  }
};

}  // namespace

TEST_CASE("swiss map type: group and slot layout from the key and elem types", "[swiss][map]") {
  // Expectations: abi.MapType.GroupSize/SlotSize/ElemOff/Flags read from a
  // real go1.26 process (unsafe mirror of internal/abi.MapType), e.g.
  // map[int64]int64 group 136 slot 16 elemoff 8; map[struct{}]struct{} group 16 slot 0.
  Runtime rt{testing::config_for(26)};
  auto& tt = rt.types();
  struct Want {
    const Type* key;
    const Type* elem;
    std::uint64_t group, slot, elem_off;
    bool ind_key, ind_elem, key_update, noscan;
    AssignFn fn;
  };
  const Type* i64 = tt.basic(Kind::Int64);
  const Type* str = tt.basic(Kind::String);
  const Type* empty = tt.struct_of("", {});
  const Type* b200 = tt.array_of(tt.basic(Kind::Uint8), 200);
  const std::vector<Want> wants = {
      {i64, i64, 136, 16, 8, false, false, false, true, AssignFn::Fast64},
      {tt.basic(Kind::Int32), tt.basic(Kind::Int32), 72, 8, 4, false, false, false, true, AssignFn::Fast32},
      {str, i64, 200, 24, 16, false, false, true, false, AssignFn::FastStr},
      {str, str, 264, 32, 16, false, false, true, false, AssignFn::FastStr},
      {tt.basic(Kind::Int8), i64, 136, 16, 8, false, false, false, true, AssignFn::Generic},
      {i64, empty, 136, 16, 8, false, false, false, true, AssignFn::Fast64},
      {empty, empty, 16, 0, 0, false, false, false, true, AssignFn::Generic},
      {b200, i64, 136, 16, 8, true, false, false, false, AssignFn::Generic},
      {i64, b200, 136, 16, 8, false, true, false, false, AssignFn::Generic},  // elem > 128: mapslow
      {i64, tt.pointer_to(tt.basic(Kind::Int)), 136, 16, 8, false, false, false, false, AssignFn::Fast64},
      {tt.basic(Kind::Float64), tt.basic(Kind::Bool), 136, 16, 8, false, false, true, true, AssignFn::Generic},
      {tt.array_of(i64, 2), i64, 200, 24, 16, false, false, false, true, AssignFn::Generic},
      {tt.basic(Kind::Int8), tt.basic(Kind::Int8), 24, 2, 1, false, false, false, true, AssignFn::Generic},
      {tt.pointer_to(i64), i64, 136, 16, 8, false, false, false, false, AssignFn::Fast64Ptr},
  };
  for (const Want& w : wants) {
    const MapType t = make_map_type(tt, tt.map_of(w.key, w.elem), rt.version());
    INFO(t.map->name);
    CHECK(t.group_size == w.group);
    CHECK(t.slot_size == w.slot);
    CHECK(t.elem_off == w.elem_off);
    CHECK(t.indirect_key == w.ind_key);
    CHECK(t.indirect_elem == w.ind_elem);
    CHECK(t.need_key_update == w.key_update);
    CHECK(!t.group->has_pointers() == w.noscan);
    CHECK(t.assign_fn == w.fn);
    // Go 1.26 prunes tombstones only in mapassign_fast32/_fast64/_faststr.
    CHECK(t.prunes_tombstones ==
          (w.fn == AssignFn::Fast32 || w.fn == AssignFn::Fast64 || w.fn == AssignFn::FastStr));
  }
  CHECK(make_map_type(tt, tt.map_of(i64, i64), runtime::GoVersion{24}).prunes_tombstones == false);  // Go 1.24: no pruning
}

TEST_CASE("swiss make: hint to directory and table capacities (map.go NewMap)", "[swiss][map]") {
  // targetCapacity = hint*8/7; dirSize = ceil(target/1024) rounded to a
  // power of two; each table newTable(target/dirSize) = max(8, pow2).
  struct Row {
    std::int64_t hint;
    std::int64_t dir_len;
    std::uint16_t capacity;
    std::uint64_t mallocs;  // Map + directory + (table + groups) per table
  };
  for (const Row r : {Row{0, 0, 0, 1}, Row{8, 0, 0, 1}, Row{-5, 0, 0, 1}, Row{9, 1, 16, 4}, Row{14, 1, 16, 4},
                      Row{15, 1, 32, 4}, Row{896, 1, 1024, 4}, Row{897, 2, 512, 6}, Row{1000, 2, 1024, 6},
                      Row{1793, 4, 512, 10}, Row{10000, 16, 1024, 34}}) {
    Fixture f;
    const std::uint64_t m0 = f.mallocs();
    f.make(r.hint);
    INFO("hint " << r.hint);
    CHECK(f.mallocs() - m0 == r.mallocs);
    CHECK(f.ops.dir_len(f.m) == r.dir_len);
    CHECK(f.ops.seed(f.m) == 0x1234);
    if (r.dir_len == 0) {
      CHECK(f.ops.dir_ptr(f.m) == kNil);  // a small hint allocates no group until the first insert
      continue;
    }
    CHECK((std::int64_t{1} << f.ops.global_depth(f.m)) == r.dir_len);
    CHECK(f.ops.global_shift(f.m) == 64 - f.ops.global_depth(f.m));
    for (std::int64_t i = 0; i < r.dir_len; ++i) {
      const Table t = f.table(static_cast<std::uint64_t>(i));
      CHECK(t.capacity() == r.capacity);
      CHECK(t.growth_left() == r.capacity * 7 / 8);
      CHECK(t.index() == i);
      CHECK(t.local_depth() == f.ops.global_depth(f.m));
    }
  }
}

TEST_CASE("swiss small map: one group, lowest empty slot, no tombstones (map.go putSlotSmall, deleteSmall)",
          "[swiss][map]") {
  Fixture f;
  f.make(0);
  const std::uint64_t m0 = f.mallocs();
  f.set(K(0, 0x11, 1), 1);  // growToSmall: one group
  CHECK(f.mallocs() - m0 == 1);
  CHECK(f.ops.dir_len(f.m) == 0);
  CHECK(f.small_ctrl(0) == 0x11);  // control byte = H2
  for (std::uint64_t i = 1; i < 8; ++i) f.set(K(i * 3, static_cast<std::uint8_t>(0x20 + i), i + 1), static_cast<std::int64_t>(i));
  for (std::uint64_t i = 1; i < 8; ++i) CHECK(f.small_ctrl(i) == 0x20 + i);  // filled in slot order
  CHECK(f.ops.used(f.m) == 8);
  // A delete empties the slot outright: no probe sequence to keep.
  f.del(K(3 * 3, 0x23, 4));
  CHECK(f.small_ctrl(3) == kCtrlEmpty);
  CHECK(f.ops.used(f.m) == 7);
  f.set(K(99, 0x55, 99), 9);  // reuses the lowest empty slot
  CHECK(f.small_ctrl(3) == 0x55);
  CHECK(f.get(K(99, 0x55, 99)) == 9);
  CHECK(f.get(K(7 * 3, 0x27, 8)) == 7);
  CHECK(f.events(EventKind::SwissTableGrow) == 0);
}

TEST_CASE("swiss small map: any assignment to a full group converts it to a 16-slot table (map.go growToTable)",
          "[swiss][map]") {
  Fixture f;
  f.make(0);
  for (std::uint64_t i = 0; i < 8; ++i) f.set(K(i, static_cast<std::uint8_t>(i), i), static_cast<std::int64_t>(i));
  CHECK(f.ops.dir_len(f.m) == 0);
  const std::uint64_t m0 = f.mallocs();
  // Overwriting an existing key still grows (Go's TODO in PutSlot).
  f.set(K(2, 2, 2), 42);
  CHECK(f.mallocs() - m0 == 3);  // table, its 2 groups, directory of 1
  CHECK(f.ops.dir_len(f.m) == 1);
  CHECK(f.ops.global_depth(f.m) == 0);
  CHECK(f.ops.global_shift(f.m) == 64);
  CHECK(f.table().capacity() == 16);
  CHECK(f.table().used() == 8);
  CHECK(f.table().growth_left() == 14 - 8);
  CHECK(f.ops.used(f.m) == 8);
  CHECK(f.get(K(2, 2, 2)) == 42);
  CHECK(f.events(EventKind::SwissTableGrow) == 1);
}

TEST_CASE("swiss table: delete leaves a tombstone only in a full group (table.go Delete)", "[swiss][table]") {
  Fixture f;
  f.make(9);  // one table of 16 slots: groups 0 and 1
  // Eight keys whose probe starts at group 0 fill it.
  for (std::uint64_t i = 0; i < 8; ++i) f.set(K(0, static_cast<std::uint8_t>(0x10 + i), i), 1);
  // A ninth key for group 0 probes on to group 1 (0 + 1).
  f.set(K(0, 0x30, 100), 1);
  Table t = f.table();
  CHECK(f.ctrl(t, 1, 0) == 0x30);
  CHECK(t.growth_left() == 14 - 9);
  // Delete from the full group 0: tombstone, growthLeft unchanged.
  f.del(K(0, 0x13, 3));
  CHECK(f.ctrl(t, 0, 3) == kCtrlDeleted);
  CHECK(t.growth_left() == 5);
  CHECK(t.tombstones() == 1);
  CHECK(f.ops.tombstone_possible(f.m));
  // The key beyond the tombstone is still found (tombstones do not end a probe).
  CHECK(f.has(K(0, 0x30, 100)));
  // Delete from group 1 (it has empty slots): back to EMPTY, growthLeft + 1.
  f.del(K(0, 0x30, 100));
  CHECK(f.ctrl(t, 1, 0) == kCtrlEmpty);
  CHECK(t.growth_left() == 6);
  CHECK(t.tombstones() == 1);
  // An insert whose probe passes the tombstone reuses it, costing no growthLeft.
  f.set(K(0, 0x44, 200), 7);
  CHECK(f.ctrl(t, 0, 3) == 0x44);
  CHECK(t.growth_left() == 6);
  CHECK(t.tombstones() == 0);
  CHECK(f.get(K(0, 0x44, 200)) == 7);
}

TEST_CASE("swiss table: growth sequence from empty (table.go rehash, grow; 7/8 load)", "[swiss][table]") {
  // growthLeft = capacity*7/8: the first insert that finds growthLeft 0
  // doubles the table. From a small map: 9th → 16, 15th → 32, 29th → 64,
  // 57th → 128, 113th → 256, 225th → 512, 449th → 1024, 897th → split.
  Fixture f(int64_int64, /*go_hash=*/true);
  f.make(0);
  std::vector<std::uint64_t> grew_at;
  std::uint64_t cap = 8;
  for (std::uint64_t i = 1; i <= 897; ++i) {
    const auto b = f.kb(i * 7919);
    f.rt.store_u64(f.ops.assign(f.m, b.data()), i);
    if (i % 64 == 0 || i > 890) f.check();
    const std::uint64_t c = f.ops.dir_len(f.m) == 0 ? 8 : f.ops.dir_len(f.m) == 1 ? f.table().capacity() : 2048;
    if (c != cap) grew_at.push_back(i);
    cap = c;
  }
  CHECK(grew_at == std::vector<std::uint64_t>{9, 15, 29, 57, 113, 225, 449, 897});
  CHECK(f.ops.dir_len(f.m) == 2);
  CHECK(f.table(0).capacity() == 1024);
  CHECK(f.table(1).capacity() == 1024);
  CHECK(f.table(0).used() + f.table(1).used() == 897);
  CHECK(f.events(EventKind::SwissTableGrow) == 7);
  CHECK(f.events(EventKind::SwissTableSplit) == 1);
  CHECK(f.events(EventKind::SwissDirGrow) == 1);
}

TEST_CASE("swiss table: split by the next hash bit, directory doubling and aliasing (table.go split, "
          "map.go installTableSplit)",
          "[swiss][table]") {
  Fixture f;
  f.make(896);  // one table of 1024, growthLeft 896
  REQUIRE(f.ops.dir_len(f.m) == 1);
  // 448 keys with top bit 0, 448 with top bit 1, spread over the groups.
  std::uint64_t salt = 0;
  auto fill = [&](std::uint64_t top, int n) {
    for (int i = 0; i < n; ++i, ++salt)
      f.set(K(salt % 128, static_cast<std::uint8_t>(salt % 128), salt, top), static_cast<std::int64_t>(salt));
  };
  fill(0x00, 448);
  fill(0x80, 448);
  CHECK(f.table().growth_left() == 0);
  fill(0x00, 1);  // the 897th: split at depth 1, directory 1 → 2
  CHECK(f.ops.dir_len(f.m) == 2);
  CHECK(f.ops.global_depth(f.m) == 1);
  Table left = f.table(0), right = f.table(1);
  CHECK(left.local_depth() == 1);
  CHECK(right.local_depth() == 1);
  CHECK(left.index() == 0);
  CHECK(right.index() == 1);
  CHECK(left.used() == 449);
  CHECK(right.used() == 448);
  // Fill the left table (top bits 00 and 01) to its limit, then split it at
  // depth 2: the directory doubles to 4 and the right table covers 2 entries.
  fill(0x40, 447);
  REQUIRE(f.table(0).growth_left() == 0);
  fill(0x00, 1);
  CHECK(f.ops.dir_len(f.m) == 4);
  CHECK(f.table(0).used() == 450);  // top bits 00
  CHECK(f.table(1).used() == 447);  // top bits 01
  CHECK(f.ops.global_depth(f.m) == 2);
  CHECK(f.table(0).local_depth() == 2);
  CHECK(f.table(1).local_depth() == 2);
  CHECK(f.table(1).index() == 1);
  CHECK(f.ops.directory_at(f.m, 2) == f.ops.directory_at(f.m, 3));  // 2^(2-1) entries alias the old right table
  CHECK(f.table(2).index() == 2);  // its index doubled with the directory
  CHECK(f.table(2).local_depth() == 1);
  // Splitting that table (localDepth 1 < globalDepth 2) needs no directory growth.
  const std::size_t dir_grows = f.events(EventKind::SwissDirGrow);
  fill(0xC0, 448);
  REQUIRE(f.table(2).growth_left() == 0);
  fill(0x80, 1);
  CHECK(f.ops.dir_len(f.m) == 4);
  CHECK(f.events(EventKind::SwissDirGrow) == dir_grows);
  CHECK(f.table(2).index() == 2);
  CHECK(f.table(3).index() == 3);
  CHECK(f.table(2).local_depth() == 2);
  CHECK(f.table(3).used() == 448);
  CHECK(f.ops.used(f.m) == salt);
}

TEST_CASE("swiss table: pruneTombstones frees unneeded tombstones instead of growing (Go 1.25+, table.go "
          "pruneTombstones)",
          "[swiss][table]") {
  // A 16-slot table: group 0 full of keys that start there, group 1 with
  // 6 keys; 3 deletes in group 0 leave tombstones with growthLeft 0. The
  // next new key (group 1) finds growthLeft 0: tombstones 3 >= 10% of 16,
  // no key's probe crosses group 0, so its 3 tombstones become empty.
  auto setup = [](Fixture& f, bool displaced) {
    f.make(9);
    for (std::uint64_t i = 0; i < 8; ++i) f.set(K(0, static_cast<std::uint8_t>(i + 1), i), 1);
    // displaced: a key that starts at group 0 but lives in group 1, so its
    // probe walks past group 0's tombstones, which are then needed.
    if (displaced) f.set(K(0, 0x70, 50), 1);
    for (std::uint64_t i = displaced ? 1 : 0; i < 6; ++i) f.set(K(1, static_cast<std::uint8_t>(0x40 + i), 20 + i), 1);
    for (std::uint64_t i = 0; i < 3; ++i) f.del(K(0, static_cast<std::uint8_t>(i + 1), i));
    REQUIRE(f.table().growth_left() == 0);
    REQUIRE(f.table().tombstones() == 3);
    f.set(K(1, 0x60, 99), 1);
  };
  SECTION("mapassign_fast64 prunes") {
    Fixture f;
    setup(f, false);
    CHECK(f.table().capacity() == 16);
    for (std::uint64_t s = 0; s < 3; ++s) CHECK(f.ctrl(f.table(), 0, s) == kCtrlEmpty);
    CHECK(f.table().tombstones() == 0);
    CHECK(f.table().growth_left() == 3 - 1);
    CHECK(f.events(EventKind::SwissTombstonesCleared) == 1);
  }
  SECTION("needed tombstones are kept, and the table grows") {
    Fixture f;
    setup(f, true);
    CHECK(f.table().capacity() == 32);
    CHECK(f.events(EventKind::SwissTombstonesCleared) == 0);
  }
  SECTION("the generic mapassign (16-byte keys) never prunes in Go 1.26") {
    Fixture f(pair_int64);
    REQUIRE(f.t.assign_fn == AssignFn::Generic);
    setup(f, false);
    CHECK(f.table().capacity() == 32);
    CHECK(f.events(EventKind::SwissTombstonesCleared) == 0);
  }
}

TEST_CASE("swiss map: delete to empty and clear draw a new seed (map.go Delete, Clear; #25237)", "[swiss][map]") {
  Fixture f;
  f.make(0, 0x1111);
  f.set(K(1, 1), 1);
  f.set(K(2, 2), 2);
  f.del(K(3, 3));  // absent: nothing changes
  CHECK(f.ops.seed(f.m) == 0x1111);
  f.del(K(1, 1));
  CHECK(f.ops.seed(f.m) == 0x1111);
  f.del(K(2, 2));
  CHECK(f.ops.seed(f.m) != 0x1111);  // emptied
  const std::uint64_t s1 = f.ops.seed(f.m);
  // Clear of an empty map without tombstones returns early: same seed, same clearSeq.
  CHECK_FALSE(f.ops.clear(f.m));
  CHECK(f.ops.seed(f.m) == s1);
  CHECK(f.ops.clear_seq(f.m) == 0);
  f.set(K(1, 1), 1);
  CHECK(f.ops.clear(f.m));
  CHECK(f.ops.seed(f.m) != s1);
  CHECK(f.ops.clear_seq(f.m) == 1);
  CHECK(f.ops.used(f.m) == 0);
  CHECK(f.small_ctrl(0) == kCtrlEmpty);
}

TEST_CASE("swiss clear keeps the directory and capacities, drops tombstones (map.go Clear, table.go Clear)",
          "[swiss][map]") {
  Fixture f(int64_int64, true);
  f.make(0);
  for (std::uint64_t i = 0; i < 3000; ++i) {
    const auto b = f.kb(i);
    f.rt.store_u64(f.ops.assign(f.m, b.data()), i);
  }
  for (std::uint64_t i = 0; i < 3000; i += 3) {
    const auto b = f.kb(i);
    f.ops.remove(f.m, b.data());
  }
  f.check();
  const std::int64_t dl = f.ops.dir_len(f.m);
  std::vector<std::uint16_t> caps;
  for (std::int64_t i = 0; i < dl; ++i) caps.push_back(f.table(static_cast<std::uint64_t>(i)).capacity());
  const std::uint64_t m0 = f.mallocs();
  CHECK(f.ops.clear(f.m));
  f.check();
  CHECK(f.mallocs() == m0);  // clears in place
  CHECK(f.ops.used(f.m) == 0);
  CHECK(f.ops.dir_len(f.m) == dl);
  CHECK_FALSE(f.ops.tombstone_possible(f.m));
  for (std::int64_t i = 0; i < dl; ++i) {
    const Table t = f.table(static_cast<std::uint64_t>(i));
    CHECK(t.capacity() == caps[static_cast<std::size_t>(i)]);
    CHECK(t.used() == 0);
    CHECK(t.growth_left() == t.max_growth_left());
    for (std::uint64_t g = 0; g <= t.length_mask(); ++g) CHECK(t.ctrls(g).v == kBitsetEmpty);
  }
}

TEST_CASE("swiss clear of an emptied map with tombstones runs (Go 1.25 tombstonePossible)", "[swiss][map]") {
  Fixture f;
  f.make(9);
  for (std::uint64_t i = 0; i < 8; ++i) f.set(K(0, static_cast<std::uint8_t>(i + 1), i), 1);
  for (std::uint64_t i = 0; i < 8; ++i) f.del(K(0, static_cast<std::uint8_t>(i + 1), i));
  CHECK(f.ops.used(f.m) == 0);
  CHECK(f.table().tombstones() == 8);  // group 0 stayed "full" of tombstones
  CHECK(f.ops.clear(f.m));
  CHECK(f.table().tombstones() == 0);
  CHECK(f.ops.clear_seq(f.m) == 1);
}

TEST_CASE("swiss iteration: small map order is (slot + entryOffset) mod 8 (table.go Iter.Next)", "[swiss][iter]") {
  Fixture f;
  f.make(0);
  for (std::uint64_t i = 0; i < 6; ++i) f.set(K(i, static_cast<std::uint8_t>(i + 1), i), static_cast<std::int64_t>(i));
  f.del(K(2, 3, 2));  // slot 2 empty
  for (std::uint64_t off : {0u, 3u, 7u, 13u}) {
    Iter it;
    std::vector<std::int64_t> got;
    for (f.ops.iter_init(f.m, it, off, 0); it.key != kNil; f.ops.iter_next(it)) got.push_back(static_cast<std::int64_t>(f.rt.load_u64(it.elem)));
    std::vector<std::int64_t> want;
    for (std::uint64_t k = 0; k < 8; ++k) {
      const std::uint64_t s = (k + off) % 8;
      if (s < 6 && s != 2) want.push_back(static_cast<std::int64_t>(s));
    }
    CHECK(got == want);
  }
}

TEST_CASE("swiss iteration: every entry once, tables in directory order from a random offset", "[swiss][iter]") {
  Fixture f(int64_int64, true);
  f.make(0);
  for (std::uint64_t i = 0; i < 5000; ++i) {
    const auto b = f.kb(i);
    f.rt.store_u64(f.ops.assign(f.m, b.data()), i);
  }
  REQUIRE(f.ops.dir_len(f.m) >= 8);
  for (std::uint64_t seed : {0ull, 1ull, 0x9e3779b97f4a7c15ull}) {
    Iter it;
    std::set<std::uint64_t> seen;
    std::uint64_t n = 0;
    for (f.ops.iter_init(f.m, it, seed * 31, seed); it.key != kNil; f.ops.iter_next(it), ++n) {
      seen.insert(f.rt.load_u64(it.key));
      CHECK(f.rt.load_u64(it.elem) == f.rt.load_u64(it.key));
    }
    CHECK(n == 5000);
    CHECK(seen.size() == 5000);
  }
}

TEST_CASE("swiss iteration across growth: no repeats, deletions hidden, updates visible; the old table stays "
          "alive",
          "[swiss][iter]") {
  Fixture f(int64_int64, true);
  f.make(0);
  for (std::uint64_t i = 0; i < 6; ++i) f.set(i, static_cast<std::int64_t>(i));
  struct Roots : runtime::RootSource {
    Iter it;
    void scan_roots(runtime::RootVisitor& v) override {
      for (Addr a : {it.key, it.elem, it.m, it.tab, it.group}) v.pointer(a);
    }
  } r;
  f.rt.add_root_source(&r);
  std::multiset<std::uint64_t> seen;
  std::map<std::uint64_t, std::int64_t> vals;
  int n = 0;
  Addr old_group = kNil;
  for (f.ops.iter_init(f.m, r.it, 5, 9); r.it.key != kNil; f.ops.iter_next(r.it)) {
    const std::uint64_t k = f.rt.load_u64(r.it.key);
    seen.insert(k);
    vals[k] = static_cast<std::int64_t>(f.rt.load_u64(r.it.elem));
    if (++n == 2) {
      old_group = r.it.group;
      for (std::uint64_t i = 6; i < 3000; ++i) f.set(i, static_cast<std::int64_t>(i));  // small → tables
      for (std::uint64_t i = 0; i < 6; ++i) {
        if (seen.count(i)) continue;
        if (i % 2) f.del(i);
        else f.set(i, 100 + static_cast<std::int64_t>(i));
      }
      f.rt.gc();  // the iterator's old group must survive
      runtime::MSpan* sp = nullptr;
      std::uint32_t idx = 0;
      REQUIRE(f.rt.state().heap.find_object(old_group, sp, idx));
      CHECK_FALSE(sp->is_free(idx));
    }
  }
  f.rt.remove_root_source(&r);
  for (auto k : seen) CHECK(seen.count(k) == 1);
  for (std::uint64_t i = 0; i < 6; ++i) {
    if (!seen.count(i)) continue;
    CHECK(vals[i] == (vals[i] >= 100 ? 100 + static_cast<std::int64_t>(i) : static_cast<std::int64_t>(i)));
    if (vals[i] >= 100) CHECK(i % 2 == 0);
  }
  // Deleted keys (odd, not yet returned) never show up.
  for (auto [k, v] : vals) CHECK(f.has(k));
}

TEST_CASE("swiss map memory: Go's objects, sizes and scan classes", "[swiss][map][gc]") {
  SECTION("map[int64]int64 small map: Map 48 B + one 136 B group (144 B class), noscan") {
    Fixture f;
    const runtime::MemStats a = f.rt.read_mem_stats();
    f.make(0);
    f.set(1, 1);
    const runtime::MemStats b = f.rt.read_mem_stats();
    CHECK(b.Mallocs - a.Mallocs == 2);
    CHECK(b.TotalAlloc - a.TotalAlloc == 48 + 144);
    CHECK_FALSE(f.t.group->has_pointers());
  }
  SECTION("an unrooted map and all its tables are collected") {
    Fixture f(int64_int64, true);
    f.rt.gc();
    const runtime::MemStats a = f.rt.read_mem_stats();
    f.make(0);
    for (std::uint64_t i = 0; i < 2000; ++i) f.set(i, 1);
    f.roots.drop(f.m);
    f.rt.gc();
    const runtime::MemStats b = f.rt.read_mem_stats();
    CHECK(b.HeapObjects == a.HeapObjects);
    CHECK(b.HeapAlloc == a.HeapAlloc);
  }
  SECTION("indirect keys are objects of their own, moved by pointer on growth") {
    Fixture f([](runtime::TypeTable& tt) {
      return tt.map_of(tt.array_of(tt.basic(Kind::Uint8), 200), tt.basic(Kind::Int64));
    });
    REQUIRE(f.t.indirect_key);
    f.make(0);
    const std::uint64_t m0 = f.mallocs();
    for (std::uint64_t i = 0; i < 9; ++i) f.set(K(i, static_cast<std::uint8_t>(i), i), 1);
    // 9 key objects (208 B class) + small group + table + 2 groups + directory.
    CHECK(f.mallocs() - m0 == 9 + 1 + 3);
    f.rt.gc();
    for (std::uint64_t i = 0; i < 9; ++i) CHECK(f.get(K(i, static_cast<std::uint8_t>(i), i)) == 1);
  }
}

TEST_CASE("swiss map: float keys: NaNs are distinct and only iteration or clear reaches them; ±0 update the key",
          "[swiss][map]") {
  // NeedKeyUpdate (abi.MapType flags, reflectdata needkeyupdate): an
  // assignment to an equal key rewrites the stored key (−0 replaces +0).
  // NaN != NaN: each assignment adds an entry; lookup and delete miss it.
  Fixture f([](runtime::TypeTable& tt) { return tt.map_of(tt.basic(Kind::Float64), tt.basic(Kind::Int64)); },
            /*go_hash=*/true);
  REQUIRE(f.t.need_key_update);
  REQUIRE_FALSE(f.t.reflexive_key);
  f.make(0);
  auto fk = [](double d) {
    std::uint64_t v;
    std::memcpy(&v, &d, 8);
    return v;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  f.set(fk(0.0), 1);
  f.set(fk(-0.0), 2);
  CHECK(f.ops.used(f.m) == 1);
  CHECK(f.get(fk(0.0)) == 2);
  Iter it;
  f.ops.iter_init(f.m, it, 0, 0);
  CHECK(f.rt.load_u64(it.key) == fk(-0.0));
  for (int i = 0; i < 20; ++i) f.set(fk(nan), 10 + i);  // 20 distinct entries, through growToTable
  CHECK(f.ops.used(f.m) == 21);
  CHECK_FALSE(f.has(fk(nan)));
  f.del(fk(nan));
  CHECK(f.ops.used(f.m) == 21);
  int nans = 0;
  for (f.ops.iter_init(f.m, it, 3, 0); it.key != kNil; f.ops.iter_next(it)) {
    double d;
    const std::uint64_t bits = f.rt.load_u64(it.key);
    std::memcpy(&d, &bits, 8);
    nans += d != d;
  }
  CHECK(nans == 20);
  CHECK(f.ops.clear(f.m));
  f.check();
  CHECK(f.ops.used(f.m) == 0);
}
