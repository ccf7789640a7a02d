// What the page's map view reads from the core (issue 7): the full hash of
// every occupied slot, the heat summary of big maps, and where the last
// evacuation moved each entry. Expectations come from runtime/map.go (Go
// 1.19: tophash, bucket index, evacuate's X/Y split, makeBucketArray's
// preallocated overflow buckets) and internal/runtime/maps (H2, tombstones).
#include <cstdio>
#include <catch2/catch.hpp>

#include "core/maps/classic_map.h"
#include "core/maps/swiss_group.h"
#include "core/sim/report.h"
#include "core/sim/simulation.h"

using namespace bucketlab;
namespace classic = bucketlab::maps::classic;

namespace {

std::unique_ptr<sim::Simulation> load(const std::string& src, runtime::GoVersion v = runtime::GoVersion::go1_19()) {
  sim::SimConfig c;
  c.version = v;
  auto r = sim::load(src, c);
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.sim);
  return std::move(r.sim);
}

const Event* last_event(const sim::Simulation& s, EventKind k) {
  const auto& ev = s.events().events();
  for (auto it = ev.rbegin(); it != ev.rend(); ++it)
    if (it->kind == k) return &*it;
  return nullptr;
}

}  // namespace

TEST_CASE("every occupied slot reports its key's hash: tophash(hash) is the slot's byte, hash & mask its bucket",
          "[mapview]") {
  auto s = load("m := map[int]string{}\nfor i := 0; i < 3000; i++ { m[i*7] = \"v\" }\n_ = m\n");
  s->run();
  REQUIRE(s->state() == sim::RunState::Done);
  const auto snap = s->inspect_map(0, 0, UINT64_MAX);
  REQUIRE_FALSE(snap.growing);
  const std::uint64_t mask = snap.nbuckets - 1;
  std::int64_t seen = 0;
  for (const auto& ch : snap.new_chains)
    for (const auto& b : ch.chain)
      for (int i = 0; i < 8; ++i) {
        if (b.tophash[i] < classic::kMinTopHash) {
          CHECK(b.hash[i] == 0);
          continue;
        }
        ++seen;
        CHECK(classic::tophash(b.hash[i]) == b.tophash[i]);
        CHECK((b.hash[i] & mask) == ch.index);
      }
  CHECK(seen == snap.count);
  CHECK(seen == 3000);
  // the JSON carries it as a 0x-prefixed 16-digit hex string
  const auto one = s->inspect_map(0, 0, 1);
  const std::string j = sim::classic_map_json(one);
  REQUIRE(!one.new_chains.empty());
  std::string want = "\"hash\":[";
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t h = one.new_chains[0].chain[0].hash[static_cast<std::size_t>(i)];
    char buf[24] = "\"\"";
    if (h != 0) std::snprintf(buf, sizeof buf, "\"0x%016llx\"", static_cast<unsigned long long>(h));
    want += (i ? "," : "") + std::string(buf);
  }
  CHECK(j.find(want + "]}") != std::string::npos);
}

TEST_CASE("the heat summary of a preallocated map: occupancy, chain lengths and the spare overflow buckets it used",
          "[mapview]") {
  // make(map[int]int, 200): B = 5 (200 <= 6.5*32); makeBucketArray adds
  // 2^(5-4) = 2 overflow buckets, 34 * 144 B = 4896 B rounds up to the 5376 B
  // size class: 37 buckets, 5 of them spare overflow buckets.
  auto s = load("m := make(map[int]int, 200)\nfor i := 0; i < 200; i++ { m[i] = i }\n_ = m\n");
  s->run();
  const auto snap = s->inspect_map(0, 0, UINT64_MAX);
  REQUIRE(snap.B == 5);
  REQUIRE(snap.allocated_buckets == 37);
  const auto heat = s->map_heat(0);
  heat.check_invariants();
  REQUIRE_FALSE(heat.swiss);
  REQUIRE(heat.nbuckets == 32);
  REQUIRE(heat.noldbuckets == 0);
  REQUIRE(heat.row_count() == 32);
  std::uint64_t occupied = 0, overflow = 0, spares_used = 0, spare_chains = 0;
  for (std::size_t r = 0; r < heat.row_count(); ++r) {
    const std::uint32_t* row = &heat.rows[r * maps::MapHeat::kHeatStride];
    const auto& ch = snap.new_chains[r];
    std::uint32_t occ = 0, spare = 0;
    for (const auto& b : ch.chain) {
      for (auto t : b.tophash) occ += t >= classic::kMinTopHash;
      spare += b.spare;
    }
    CHECK(row[0] == occ);
    CHECK(row[1] == ch.chain.size());
    CHECK(((row[2] & maps::MapHeat::kUsesSpare) != 0) == (spare > 0));
    occupied += row[0];
    overflow += row[1] - 1;
    spares_used += spare;
    spare_chains += (row[2] & maps::MapHeat::kUsesSpare) != 0;
  }
  CHECK(occupied == 200);
  // newoverflow takes the preallocated buckets first: min(5, overflow buckets) of them are spares
  REQUIRE(overflow >= 1);
  CHECK(spares_used == std::min<std::uint64_t>(5, overflow));
  CHECK(snap.spare_overflow_left == 5 - spares_used);
  CHECK(spare_chains >= 1);
  std::uint64_t spare_events = 0;
  for (const auto& e : s->events().events()) spare_events += e.kind == EventKind::MapOverflowAlloc && e.a2 == 1;
  CHECK(spare_events == spares_used);
}

TEST_CASE("step evacuation: the last evacuation names its old bucket and the X/Y slot each entry went to",
          "[mapview]") {
  auto s = load("m := map[int]int{}\nfor i := 0; i < 1000; i++ { m[i] = i }\n_ = m\n");
  // Made, no evacuation yet: nothing to animate.
  for (int k = 0; k < 3 && s->maps().empty(); ++k) s->step(sim::StepKind::Statement);
  REQUIRE(s->maps().size() == 1);
  CHECK_FALSE(s->last_evacuation(0).valid);
  // A step ends after the map operation that evacuated; growWork may
  // evacuate two buckets in it (the key's and nevacuate's): the record
  // holds the last. Early grows (1, 2 old buckets) finish inside that
  // operation; check until three steps stopped with the map still growing.
  int mid_growth = 0;
  for (int k = 0; k < 60 && mid_growth < 3; ++k) {
    const auto r = s->step(sim::StepKind::Evacuation);
    REQUIRE(r.step_reached);
    const Event* e = last_event(*s, EventKind::MapEvacuate);
    REQUIRE(e != nullptr);
    const auto v = s->last_evacuation(0);
    v.check_invariants();
    REQUIRE(v.valid);
    REQUIRE(v.current);
    const auto snap = s->inspect_map(0, 0, UINT64_MAX);
    mid_growth += snap.growing;
    CHECK(v.oldbucket == e->a1);
    CHECK(v.newbit == snap.nbuckets / 2);  // a doubling grow: newbit = old size
    CHECK(v.x_bucket == e->a1);
    CHECK(v.y_bucket == e->a1 + snap.nbuckets / 2);
    std::uint64_t x = 0, y = 0;
    for (const auto& mv : v.moves) {
      (mv.y ? y : x) += 1;
      REQUIRE_FALSE(mv.key.empty());
      // evacuate: the hash's newbit picks Y; its low bits are the old bucket
      CHECK((mv.hash & (v.newbit - 1)) == v.oldbucket);
      CHECK(((mv.hash & v.newbit) != 0) == mv.y);
      // the destination slot holds that key, with the tophash of its hash
      const auto& dst = snap.new_chains.at(mv.y ? v.y_bucket : v.x_bucket).chain.at(mv.dst_chain);
      CHECK(dst.keys[mv.dst_slot] == mv.key);
      CHECK(dst.hash[mv.dst_slot] == mv.hash);
      CHECK(dst.tophash[mv.dst_slot] == classic::tophash(mv.hash));
      // the old slot is marked evacuatedX / evacuatedY (map[int]int buckets hold no
      // pointers, so the old chain is not cleared)
      if (snap.growing) {
        const auto& src = snap.old_chains.at(v.oldbucket).chain.at(mv.src_chain);
        CHECK(src.tophash[mv.src_slot] == (mv.y ? classic::kEvacuatedY : classic::kEvacuatedX));
      }
    }
    CHECK(x == e->a2);
    CHECK(y == e->a3);
    CHECK(x + y > 0);
    CHECK(sim::evacuation_json(v).find("\"oldbucket\":" + std::to_string(e->a1)) != std::string::npos);
  }
  CHECK(mid_growth == 3);
}

TEST_CASE("the heat summary of a growing map: new array then old array, evacuated old buckets flagged", "[mapview]") {
  auto s = load("m := map[int]int{}\nfor i := 0; i < 1000; i++ { m[i] = i }\n_ = m\n");
  s->step(sim::StepKind::Evacuation);
  for (int k = 0; k < 60 && !s->inspect_map(0, 0, 0).growing; ++k) s->step(sim::StepKind::Evacuation);
  const auto snap = s->inspect_map(0, 0, UINT64_MAX);
  REQUIRE(snap.growing);
  REQUIRE(snap.nevacuate > 0);
  const auto heat = s->map_heat(0);
  heat.check_invariants();
  CHECK(heat.nbuckets == snap.nbuckets);
  CHECK(heat.noldbuckets == snap.noldbuckets);
  CHECK(heat.nevacuate == snap.nevacuate);
  REQUIRE(heat.row_count() == snap.nbuckets + snap.noldbuckets);
  // Every entry is in the new array or in an old bucket not yet evacuated.
  std::int64_t live = 0;
  for (std::size_t r = 0; r < heat.row_count(); ++r) {
    const std::uint32_t* row = &heat.rows[r * maps::MapHeat::kHeatStride];
    const bool old = r >= heat.nbuckets;
    const bool evac = (row[2] & maps::MapHeat::kEvacuated) != 0;
    if (old) CHECK(evac == snap.old_chains[r - heat.nbuckets].evacuated);
    if (!old || !evac) live += row[0];
  }
  CHECK(live == snap.count);
}

TEST_CASE("Swiss map heat: full and deleted slots per group match the control bytes; H2 is the hash's low 7 bits",
          "[mapview]") {
  auto s = load(
      "m := map[int]int{}\nfor i := 0; i < 3000; i++ { m[i] = i }\n"
      "for i := 0; i < 3000; i += 3 { delete(m, i) }\n_ = m\n",
      runtime::GoVersion::go1_26());
  s->run();
  REQUIRE(s->state() == sim::RunState::Done);
  const auto snap = s->inspect_swiss(0, 0, UINT64_MAX, true);
  const auto heat = s->map_heat(0);
  heat.check_invariants();
  REQUIRE(heat.swiss);
  CHECK(heat.ntables == snap.table_count);
  CHECK(heat.ngroups * 8 == snap.capacity);
  REQUIRE(snap.tombstones > 0);  // deletes in full groups leave tombstones
  std::size_t r = 0;
  std::uint64_t full = 0, deleted = 0;
  for (std::size_t t = 0; t < snap.tables.size(); ++t)
    for (const auto& g : snap.tables[t].groups) {
      std::uint32_t f = 0, d = 0;
      for (int i = 0; i < 8; ++i) {
        const std::uint8_t c = g.ctrl[i];
        if (c == maps::swiss::kCtrlDeleted) ++d;
        if ((c & 0x80) == 0) {
          ++f;
          CHECK((g.hash[i] & 0x7f) == c);  // H2
          // the directory entry of the hash's top globalDepth bits is this table
          const std::uint64_t di = snap.global_depth ? g.hash[i] >> (64 - snap.global_depth) : 0;
          CHECK(snap.directory.at(di) == t);
        } else {
          CHECK(g.hash[i] == 0);
        }
      }
      REQUIRE(r < heat.row_count());
      const std::uint32_t* row = &heat.rows[r * maps::MapHeat::kHeatStride];
      CHECK(row[0] == f);
      CHECK(row[1] == d);
      CHECK(row[2] == t);
      full += f;
      deleted += d;
      ++r;
    }
  CHECK(r == heat.row_count());
  CHECK(full == snap.used);
  CHECK(deleted == snap.tombstones);
  CHECK(full == 2000);
  // Swiss maps have no incremental evacuation to animate
  CHECK_FALSE(s->last_evacuation(0).valid);
}

TEST_CASE("step map op logs the key's hash: the slot holding that hash holds the key just written", "[mapview]") {
  for (const auto v : {runtime::GoVersion::go1_19(), runtime::GoVersion::go1_26()}) {
    auto s = load("m := map[string]int{}\nfor i := 0; i < 30; i++ {\n\tm[\"k\"+strconv.Itoa(i)] = i\n}\n_ = m\n", v);
    for (int k = 0; k < 20; ++k) {
      REQUIRE(s->step(sim::StepKind::MapOp).step_reached);
      const Event* e = last_event(*s, EventKind::MapOp);
      REQUIRE(e != nullptr);
      CHECK(e->a0 == 0);
      CHECK(e->a1 == 1);  // assign
      const std::uint64_t hash = (e->a2 << 32) | e->a3;
      const auto count = s->maps().at(0).count;
      const std::string want = "\"k" + std::to_string(count - 1) + "\"";
      int found = 0;
      std::string key;
      auto look = [&](const std::array<std::uint64_t, 8>& h, const std::array<std::string, 8>& keys) {
        for (int i = 0; i < 8; ++i)
          if (h[i] == hash) { ++found; key = keys[i]; }
      };
      if (v.swiss_maps()) {
        const auto snap = s->inspect_swiss(0, 0, UINT64_MAX, true);
        if (snap.small) look(snap.small_group.hash, snap.small_group.keys);
        for (const auto& t : snap.tables)
          for (const auto& g : t.groups) look(g.hash, g.keys);
      } else {
        const auto snap = s->inspect_map(0, 0, UINT64_MAX);
        for (const auto& ch : snap.new_chains)
          for (const auto& b : ch.chain) look(b.hash, b.keys);
      }
      CHECK(found == 1);
      CHECK(key == want);
    }
    // one MapOp event per step, none from a plain run
    std::size_t ops = 0;
    for (const auto& e : s->events().events()) ops += e.kind == EventKind::MapOp;
    CHECK(ops == 20);
    s->run();
    std::size_t after = 0;
    for (const auto& e : s->events().events()) after += e.kind == EventKind::MapOp;
    CHECK(after == 20);
  }
}
