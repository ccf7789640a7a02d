// Swiss maps behind the Maps façade and the Simulation (Go version 1.26):
// dispatch, seeds pinned as for the classic map, inspection (directory →
// tables → groups), iteration as a GC root, and "step" stopping at a
// table grow or split.
#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <string>

#include "core/maps/map_api.h"
#include "core/runtime/panic.h"
#include "core/runtime/runtime.h"
#include "core/sim/simulation.h"
#include "tests/support/runtime_fixtures.h"

using namespace bucketlab;
using runtime::Kind;

namespace {
struct World {
  runtime::Runtime rt{testing::config_for(26, 42)};
  testing::TestRoots roots;
  maps::Maps mp;
  const runtime::Type* mt = nullptr;
  explicit World(maps::HashSeeds seeds = {}) : mp(rt, std::move(seeds)) {
    rt.add_root_source(&roots);
    mt = rt.types().map_of(rt.types().basic(Kind::String), rt.types().basic(Kind::Int64));
  }
  ~World() { rt.remove_root_source(&roots); }
  void key(const std::string& s, std::uint8_t out[16]) {
    const Addr a = rt.intern_literal(s);
    const std::uint64_t n = s.size();
    std::memcpy(out, &a, 8);
    std::memcpy(out + 8, &n, 8);
  }
  void set(Addr m, const std::string& k, std::int64_t v) {
    std::uint8_t kb[16];
    key(k, kb);
    rt.store_u64(mp.assign(mt, m, kb), static_cast<std::uint64_t>(v));
    mp.check_invariants();
  }
  void del(Addr m, const std::string& k) {
    std::uint8_t kb[16];
    key(k, kb);
    mp.remove(mt, m, kb);
    mp.check_invariants();
  }
};
}  // namespace

TEST_CASE("Maps (Go 1.26): Swiss maps, nil map semantics, classic-only calls refused", "[maps][swiss][facade]") {
  World w;
  CHECK(w.mp.swiss());
  std::uint8_t kb[16];
  w.key("x", kb);
  CHECK(w.mp.access(w.mt, kNil, kb) == kNil);
  CHECK(w.mp.len(kNil) == 0);
  w.mp.remove(w.mt, kNil, kb);
  CHECK_THROWS_WITH(w.mp.assign(w.mt, kNil, kb), "assignment to entry in nil map");
  const Addr m = w.mp.make(w.mt, 0);
  w.roots.ptrs.push_back(m);
  w.set(m, "a", 1);
  CHECK(w.mp.len(m) == 1);  // Map.used is the first word, as hmap.count
  CHECK_THROWS_AS(w.mp.inspect_classic(0), ModelError);
  CHECK_FALSE(w.mp.evacuate_step(0));  // nothing pending: a table grows whole
  CHECK(maps::Maps::is_grow_step_event(EventKind::SwissTableGrow, true));
  CHECK(maps::Maps::is_grow_step_event(EventKind::SwissTableSplit, true));
  CHECK_FALSE(maps::Maps::is_grow_step_event(EventKind::MapEvacuate, true));
  CHECK(maps::Maps::is_grow_step_event(EventKind::MapEvacuate, false));
}

TEST_CASE("Maps (Go 1.26): pinned seeds and reseeds, as for the classic map", "[maps][swiss][facade]") {
  maps::HashSeeds seeds;
  seeds.has_hashkey = true;
  for (int i = 0; i < 4; ++i) seeds.hashkey[i] = 1000 + static_cast<std::uint64_t>(i);
  seeds.map_seeds = {0xabcdef0123456789ull, 7};
  seeds.map_reseeds[0] = 0x5555;
  World w(seeds);
  CHECK(w.mp.hashkey(2) == 1002);
  const Addr m0 = w.mp.make(w.mt, 0);
  const Addr m1 = w.mp.make(w.mt, 100);
  w.roots.ptrs = {m0, m1};
  CHECK(w.mp.inspect_swiss(0).seed == 0xabcdef0123456789ull);  // a full 64-bit seed (uintptr(rand()))
  CHECK(w.mp.inspect_swiss(1).seed == 7);
  w.set(m0, "a", 1);
  w.del(m0, "a");  // emptied: Go draws a new seed; the pinned one replaces it
  CHECK(w.mp.inspect_swiss(0).seed == 0x5555);
  w.mp.set_hash0(1, 99);
  CHECK(w.mp.inspect_swiss(1).seed == 99);
}

TEST_CASE("Maps (Go 1.26): inspect_swiss shows the directory, tables and groups", "[maps][swiss][facade]") {
  World w;
  const Addr m = w.mp.make(w.mt, 0);
  w.roots.ptrs.push_back(m);
  CHECK(w.mp.inspect_swiss(0).dir_ptr == kNil);  // nothing allocated before the first insert
  for (int i = 0; i < 3; ++i) w.set(m, "k" + std::to_string(i), i);
  auto s = w.mp.inspect_swiss(0);
  CHECK(s.small);
  CHECK(s.capacity == 8);
  CHECK(s.used == 3);
  CHECK(s.key_type == "string");
  CHECK(s.group_size == 200);
  CHECK(s.assign_fn == "mapassign_faststr");
  CHECK_FALSE(s.group_noscan);
  int full = 0;
  for (int i = 0; i < 8; ++i)
    if (s.small_group.ctrl[static_cast<std::size_t>(i)] < 0x80) {
      ++full;
      CHECK(s.small_group.keys[static_cast<std::size_t>(i)].rfind("\"k", 0) == 0);
    }
  CHECK(full == 3);
  for (int i = 3; i < 3000; ++i) w.set(m, "k" + std::to_string(i), i);
  s = w.mp.inspect_swiss(0, 0, 64, true);
  CHECK_FALSE(s.small);
  CHECK(s.dir_len == (std::int64_t{1} << s.global_depth));
  REQUIRE(s.directory.size() == static_cast<std::size_t>(s.dir_len));
  CHECK(s.tables.size() == s.table_count);
  std::uint64_t used = 0, cap = 0, shown = 0, entries = 0;
  for (const auto& t : s.tables) {
    used += t.used;
    cap += t.capacity;
    entries += t.dir_entries;
    CHECK(t.groups.size() == t.capacity / 8u);
    CHECK(t.tombstones == 0);
    for (const auto& g : t.groups)
      for (std::size_t i = 0; i < 8; ++i) shown += g.ctrl[i] < 0x80;
    CHECK(t.load() <= 7.0 / 8);
  }
  CHECK(used == 3000);
  CHECK(shown == 3000);
  CHECK(cap == s.capacity);
  CHECK(entries == static_cast<std::uint64_t>(s.dir_len));  // every directory entry belongs to one table
  // Paging: the second table alone, no groups.
  const auto p = w.mp.inspect_swiss(0, 1, 1, false);
  REQUIRE(p.tables.size() == 1);
  CHECK(p.first_table == 1);
  CHECK(p.tables[0].addr == s.tables[1].addr);
  CHECK(p.tables[0].groups.empty());
  // Deletes from full groups show as tombstones.
  for (int i = 0; i < 3000; i += 2) w.del(m, "k" + std::to_string(i));
  s = w.mp.inspect_swiss(0, 0, 64, false);
  CHECK(s.used == 1500);
  CHECK(s.tombstones > 0);
  CHECK(s.tombstone_possible);
}

TEST_CASE("Maps (Go 1.26): an iterator is a GC root; maps are collected", "[maps][swiss][facade]") {
  World w;
  Addr m = w.mp.make(w.mt, 0);
  w.roots.ptrs.push_back(m);
  for (int i = 0; i < 300; ++i) w.set(m, "k" + std::to_string(i), i);
  auto it = w.mp.iterate(w.mt, m);
  w.roots.drop(m);  // only the iterator refers to the map now
  std::set<std::int64_t> seen;
  for (int n = 0; it->key() != kNil; it->next(), ++n) {
    seen.insert(static_cast<std::int64_t>(w.rt.load_u64(it->elem())));
    if (n % 50 == 0) w.rt.gc();
  }
  CHECK(seen.size() == 300);
  it.reset();
  CHECK(w.mp.alive(0));
  w.rt.gc();
  CHECK_FALSE(w.mp.alive(0));
  auto empty = w.mp.iterate(w.mt, kNil);
  CHECK(empty->key() == kNil);
}

TEST_CASE("Simulation (Go 1.26): Swiss summaries and stepping to the next table grow or split",
          "[maps][swiss][sim]") {
  const std::string src =
      "m := map[int]int{}\nfor i := 0; i < 3000; i++ {\n\tm[i] = i\n}\nfor i := 0; i < 1000; i++ {\n\tdelete(m, i)\n}\n"
      "fmt.Println(len(m))\n";
  sim::SimConfig cfg;
  cfg.version = runtime::GoVersion::go1_26();
  auto whole = sim::load(src, cfg);
  REQUIRE(whole.sim);
  whole.sim->run();
  whole.sim->check_invariants();
  CHECK(whole.sim->stdout_text() == "2000\n");
  const auto ms = whole.sim->maps();
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].impl == "swiss");
  CHECK(ms[0].type == "map[int]int");
  CHECK(ms[0].count == 2000);
  CHECK(ms[0].dir_len == 4);  // 3000 random keys: 4 tables of 1024 after 3 splits
  CHECK(ms[0].global_depth == 2);
  CHECK(ms[0].tables == 4);
  CHECK(ms[0].capacity == 4096);
  CHECK(ms[0].tombstones == whole.sim->inspect_swiss(0, 0, 64, false).tombstones);
  // Stepping: each step ends right after the assignment that grew or split
  // a table (small → 16, 32, ..., 1024, then splits): 7 grows + 3 splits.
  auto lr = sim::load(src, cfg);
  REQUIRE(lr.sim);
  int steps = 0;
  std::uint64_t last_seen = 0;
  while (lr.sim->state() == sim::RunState::Ready) {
    const auto r = lr.sim->step(sim::StepKind::Evacuation);
    if (r.state != sim::RunState::Ready) break;
    CHECK(r.step_reached);
    ++steps;
    const auto& evs = lr.sim->events().events();
    bool grew = false;
    for (const auto& e : evs)
      if (e.seq >= last_seen && (e.kind == EventKind::SwissTableGrow || e.kind == EventKind::SwissTableSplit))
        grew = true;
    CHECK(grew);
    last_seen = lr.sim->events().total();
    lr.sim->check_invariants();
  }
  CHECK(steps == 10);
  CHECK(lr.sim->stdout_text() == "2000\n");
  CHECK(lr.sim->memstats().Mallocs == whole.sim->memstats().Mallocs);
}
