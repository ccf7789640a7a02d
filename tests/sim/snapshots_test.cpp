// Retained snapshots (core/sim/snapshots.h): one per GC start/end and map
// grow start/finish, counted against the event log; bounded; read-only.
#include <catch2/catch.hpp>

#include <map>

#include "core/runtime/heap_snapshot.h"
#include "core/runtime/runtime.h"
#include "core/sim/report.h"
#include "core/sim/simulation.h"
#include "core/sim/snapshots.h"

using namespace bucketlab;

namespace {

const char* kGrowAndCollect =
    "m := map[int]int{}\n"
    "for i := 0; i < 3000; i++ {\n"
    "\tm[i] = i\n"
    "}\n"
    "runtime.GC()\n"
    "runtime.GC()\n"
    "fmt.Println(len(m))\n";

struct Expected {
  std::vector<std::pair<sim::SnapshotReason, std::uint64_t>> list;  // reason, subject
};

Expected expected_from_events(const sim::Simulation& s) {
  Expected e;
  REQUIRE(s.events().total() == s.events().events().size());  // nothing lost from the log
  for (const Event& ev : s.events().events())
    if (auto r = sim::SnapshotStore::reason_for(ev.kind)) e.list.emplace_back(*r, ev.a0);
  return e;
}

}  // namespace

TEST_CASE("a classic-map run retains one snapshot per GC start/end and grow start/finish", "[sim][snapshots]") {
  sim::SimConfig c;
  auto r = sim::load(kGrowAndCollect, c);
  REQUIRE(r.sim);
  r.sim->run();
  REQUIRE(r.sim->state() == sim::RunState::Done);
  r.sim->check_invariants();
  const Expected e = expected_from_events(*r.sim);
  const auto& snaps = r.sim->snapshots().all();
  std::map<sim::SnapshotReason, int> by_reason;
  for (auto& [reason, subject] : e.list) by_reason[reason]++;
  // 3000 int entries: B goes 0 → 9 (6.5 · 2^9 = 3328 > 3000), nine grows,
  // each started and finished; two forced GCs (and the runtime's own, if any).
  CHECK(by_reason[sim::SnapshotReason::MapGrowStart] == 9);
  CHECK(by_reason[sim::SnapshotReason::MapGrowEnd] == 9);
  CHECK(by_reason[sim::SnapshotReason::GcStart] == static_cast<int>(r.sim->memstats().NumGC));
  CHECK(by_reason[sim::SnapshotReason::GcEnd] == static_cast<int>(r.sim->memstats().NumGC));
  REQUIRE(snaps.size() == e.list.size());
  CHECK(r.sim->snapshots().taken() == e.list.size());
  CHECK(r.sim->snapshots().skipped() == 0);
  for (std::size_t i = 0; i < snaps.size(); ++i) {
    CHECK(snaps[i].id == i);
    CHECK(snaps[i].reason == e.list[i].first);
    CHECK(snaps[i].subject == e.list[i].second);
  }
  // The last snapshot is the end of the second forced GC: NumGC counts it,
  // and the one map is there with its final B.
  const sim::RetainedSnapshot& last = snaps.back();
  CHECK(last.reason == sim::SnapshotReason::GcEnd);
  CHECK(last.num_gc == r.sim->memstats().NumGC);
  CHECK(sim::snapshot_label(last) == "GC " + std::to_string(last.num_gc) + " end");
  REQUIRE(last.maps.size() == 1);
  CHECK(last.maps[0].B == 9);
  CHECK(last.maps[0].count == 3000);
  CHECK(last.ops <= r.sim->ops());
  // A grow-start snapshot shows the map growing, its finish not.
  for (const auto& s : snaps) {
    if (s.reason == sim::SnapshotReason::MapGrowStart) { CHECK(s.maps.at(0).growing); }
    if (s.reason == sim::SnapshotReason::MapGrowEnd) { CHECK_FALSE(s.maps.at(0).growing); }
  }
}

TEST_CASE("a Swiss-map run retains a snapshot after every table grow and split", "[sim][snapshots]") {
  sim::SimConfig c;
  c.version = runtime::GoVersion{26};
  auto r = sim::load(kGrowAndCollect, c);
  REQUIRE(r.sim);
  r.sim->run();
  REQUIRE(r.sim->state() == sim::RunState::Done);
  r.sim->check_invariants();
  const Expected e = expected_from_events(*r.sim);
  int grows = 0;
  for (const Event& ev : r.sim->events().events())
    grows += ev.kind == EventKind::SwissTableGrow || ev.kind == EventKind::SwissTableSplit;
  CHECK(grows > 3);
  REQUIRE(r.sim->snapshots().all().size() == e.list.size());
  CHECK(e.list.size() == static_cast<std::size_t>(grows) + 2 * r.sim->memstats().NumGC);
}

TEST_CASE("retained snapshots stay within their bound and do not change the run", "[sim][snapshots]") {
  const std::string src =
      "type U struct{ ID int; Pad [8]int64 }\n"
      "all := []map[int]*U{}\n"
      "for k := 0; k < 40; k++ {\n"
      "\tm := map[int]*U{}\n"
      "\tfor i := 0; i < 300; i++ {\n"
      "\t\tm[i] = &U{ID: i}\n"
      "\t}\n"
      "\tall = append(all, m)\n"
      "\tif k%8 == 7 {\n"
      "\t\tall = nil\n"
      "\t\truntime.GC()\n"
      "\t}\n"
      "}\n";
  sim::SimConfig small, big;
  small.max_snapshots = 8;
  small.gogc = big.gogc = 50;
  auto a = sim::load(src, small), b = sim::load(src, big);
  REQUIRE(a.sim);
  REQUIRE(b.sim);
  std::uint64_t slices = 0;
  while (a.sim->run(5000).state == sim::RunState::Ready) {
    a.sim->check_invariants();
    CHECK(a.sim->snapshots().all().size() < 8);
    ++slices;
  }
  b.sim->run();
  CHECK(slices > 5);
  a.sim->check_invariants();
  const auto& st = a.sim->snapshots();
  const Expected e = expected_from_events(*a.sim);
  CHECK(e.list.size() > 100);
  CHECK(st.taken() + st.skipped() == e.list.size());
  CHECK(st.dropped() > 0);
  CHECK(st.gap() > 0);
  CHECK(st.all().size() < 8);
  // the newest moments are kept: the last retained snapshot is recent
  CHECK(st.all().back().id + 1 == st.taken());
  // the listener only reads: the run is identical with 8 or 128 snapshots
  CHECK(sim::report_json(*a.sim) == sim::report_json(*b.sim));
  CHECK(b.sim->snapshots().all().size() < 128);
}

TEST_CASE("span rows name the majority allocation role of each span", "[sim][snapshots][inspect]") {
  const std::string src =
      "type T struct{ A, B *int }\n"
      "keep := []*T{}\n"
      "words := []string{}\n"
      "for i := 0; i < 2000; i++ {\n"
      "\tkeep = append(keep, &T{})\n"
      "\twords = append(words, \"word-\"+strconv.Itoa(i))\n"
      "}\n"
      "_, _ = keep, words\n";
  auto r = sim::load(src, sim::SimConfig{});
  REQUIRE(r.sim);
  r.sim->run();
  REQUIRE(r.sim->state() == sim::RunState::Done);
  const runtime::HeapSnapshot h = r.sim->inspect_heap();
  std::vector<std::uint32_t> rows;
  runtime::span_rows(h, rows);
  REQUIRE(rows.size() == h.spans.size() * runtime::kSpanRowWidth);
  std::map<std::string, std::uint64_t> objects_by_role;  // Σ allocCount of spans by majority role
  for (std::size_t i = 0; i < rows.size(); i += runtime::kSpanRowWidth) {
    const std::uint32_t role = rows[i + 8];
    if (role == runtime::kRoleUnknown) { CHECK(rows[i + 6] == 0); continue; }
    objects_by_role[h.role_names.at(role)] += rows[i + 6];
  }
  // 2000 &T{} of 16 bytes: class 2 (16 B) scan spans, all "user object".
  CHECK(objects_by_role["user object (newobject)"] >= 2000);
  // "word-NNNN" strings of 6..9 bytes are rawstrings (class 1, 8 B or class 2, 16 B, noscan)
  CHECK(objects_by_role["string bytes (rawstring)"] >= 1000);
  CHECK(objects_by_role.count("slice backing array") == 1);
  // Without roles the same rows carry kRoleUnknown.
  const runtime::HeapSnapshot bare = r.sim->runtime().heap_snapshot(false);
  runtime::span_rows(bare, rows);
  for (std::size_t i = 0; i < rows.size(); i += runtime::kSpanRowWidth) CHECK(rows[i + 8] == runtime::kRoleUnknown);
}

TEST_CASE("retained snapshots keep the map view's heat rows of that moment", "[sim][snapshots][heat]") {
  for (int version : {19, 26}) {
    CAPTURE(version);
    sim::SimConfig c;
    c.version = runtime::GoVersion{version};
    auto r = sim::load(kGrowAndCollect, c);
    REQUIRE(r.sim);
    r.sim->run();
    REQUIRE(r.sim->state() == sim::RunState::Done);
    r.sim->check_invariants();
    const auto& st = r.sim->snapshots();
    std::uint64_t bytes = 0;
    int grow_starts = 0;
    for (const sim::RetainedSnapshot& s : st.all()) {
      bytes += s.bytes();
      REQUIRE(s.heats.size() == 1);  // the one map, alive throughout
      const maps::MapHeat* h = s.heat_of(0);
      REQUIRE(h);
      CHECK(s.heat_of(1) == nullptr);
      h->check_invariants();
      // The rows' bytes are counted against the store's bound.
      {
        sim::RetainedSnapshot bare = s;
        bare.heats.clear();
        CHECK(s.bytes() == bare.bytes() + sizeof(sim::RetainedSnapshot::Heat) + h->rows.size() * sizeof(std::uint32_t));
      }
      std::uint64_t occupied = 0;
      for (std::size_t row = 0; row < h->row_count(); ++row) occupied += h->rows[row * maps::MapHeat::kHeatStride];
      CHECK(occupied == static_cast<std::uint64_t>(s.maps.at(0).count));
      if (version == 19 && s.reason == sim::SnapshotReason::MapGrowStart) {
        // hashGrow has just run (runtime/map.go): the new array is twice the
        // old, empty; every entry is still in the old array; nothing evacuated.
        ++grow_starts;
        const std::uint32_t B = s.maps.at(0).B;
        CHECK(h->nbuckets == (1ull << B));
        CHECK(h->noldbuckets == (1ull << (B - 1)));
        CHECK(h->nevacuate == 0);
        for (std::size_t row = 0; row < h->nbuckets; ++row) CHECK(h->rows[row * maps::MapHeat::kHeatStride] == 0);
      }
      if (version == 19 && s.reason == sim::SnapshotReason::MapGrowEnd) {
        CHECK(h->noldbuckets == 0);
        CHECK(h->nbuckets == (1ull << s.maps.at(0).B));
      }
    }
    CHECK(bytes == st.bytes());
    if (version == 19) CHECK(grow_starts == 9);
    // Nothing changes the map after the last forced GC: its end snapshot
    // holds exactly what Maps::heat computes now.
    const sim::RetainedSnapshot& last = st.all().back();
    REQUIRE(last.reason == sim::SnapshotReason::GcEnd);
    const maps::MapHeat now = r.sim->map_heat(0);
    const maps::MapHeat* kept = last.heat_of(0);
    REQUIRE(kept);
    CHECK(kept->swiss == (version == 26));
    CHECK(kept->nbuckets == now.nbuckets);
    CHECK(kept->noldbuckets == now.noldbuckets);
    CHECK(kept->ngroups == now.ngroups);
    CHECK(kept->ntables == now.ntables);
    CHECK(kept->rows == now.rows);
  }
}

// Forty live maps of 300 entries each (2^6 buckets: small enough to be drawn
// slot by slot), all alive at the final runtime.GC().
const char* const kFortyMaps =
    "all := []map[int]int{}\n"
    "for k := 0; k < 40; k++ {\n"
    "\tm := map[int]int{}\n"
    "\tfor i := 0; i < 300; i++ {\n"
    "\t\tm[i] = i\n"
    "\t}\n"
    "\tall = append(all, m)\n"
    "}\n"
    "runtime.GC()\n"
    "fmt.Println(len(all))\n";

TEST_CASE("heat rows of a snapshot stay within their share of the byte bound", "[sim][snapshots][heat]") {
  // Forty live maps of 300 entries: 2^6 buckets each, at a tight bound only
  // some maps' rows fit each snapshot; the rest are not kept, never over.
  const std::string src = kFortyMaps;
  sim::SimConfig c;
  c.max_snapshot_bytes = 128 << 10;
  auto r = sim::load(src, c);
  REQUIRE(r.sim);
  r.sim->run();
  REQUIRE(r.sim->state() == sim::RunState::Done);
  r.sim->check_invariants();
  const auto& st = r.sim->snapshots();
  REQUIRE(st.heat_budget() == (128u << 10) / 8);
  // (the store's gap may skip the final GC's snapshots: look at them all)
  std::size_t most = 0;
  bool left_out = false;
  for (const sim::RetainedSnapshot& s : st.all()) {
    std::uint64_t hb = 0;
    for (const auto& h : s.heats) hb += h.bytes();
    CHECK(hb <= st.heat_budget());
    std::size_t alive = 0;
    for (const auto& m : s.maps) alive += m.alive;
    CHECK(s.heats.size() <= alive);
    left_out |= s.heats.size() < alive;
    most = std::max(most, s.heats.size());
  }
  CHECK(left_out);    // 40 · (64 rows · 12 B) > 16 KiB: not every map fits
  CHECK(most >= 15);  // but many do: 16 KiB / ~850 B
}

// A map made in a loop body dies with its iteration; the GC frees its hmap
// and a 48-byte pointerful object of the workload takes the slot. The map is
// dead from then on: a snapshot (or any inspection) must not read that
// object as a map header (its field at hmap.extra's offset is not a pointer:
// reading through it crashed the CLI before the header's slot type was kept).
TEST_CASE("a dead map whose header slot another object took is not inspected as a map", "[snapshots][maps]") {
  const char* src =
      "type T struct {\n"
      "\tp          *int\n"
      "\ta, b, c, d int\n"
      "\te          int\n"
      "}\n"
      "\n"
      "var keep []*T\n"
      "for r := 0; r < 3; r++ {\n"
      "\tm := make(map[int]int)\n"
      "\tfor i := 0; i < 100; i++ {\n"
      "\t\tm[i] = i\n"
      "\t}\n"
      "\truntime.GC()\n"
      "\tfor i := 0; i < 100; i++ {\n"
      "\t\tkeep = append(keep, &T{e: 0x36343232373d, b: 0x36343232373d})\n"
      "\t}\n"
      "}\n"
      "fmt.Println(len(keep))\n";
  auto r = sim::load(src, sim::SimConfig{});
  REQUIRE(r.sim);
  r.sim->run();
  REQUIRE(r.sim->state() == sim::RunState::Done);
  r.sim->check_invariants();
  CHECK(r.sim->stdout_text() == "300\n");
  const auto maps = r.sim->maps();
  REQUIRE(maps.size() == 3);
  // the first two iterations' maps are dead (freed, their slots reused), the last is in scope
  CHECK_FALSE(maps[0].alive);
  CHECK_FALSE(maps[1].alive);
  CHECK(maps[2].alive);
  CHECK(maps[2].count == 100);
  CHECK_FALSE(r.sim->snapshots().all().empty());
}

// ---- Slot grids of small maps (issue 7) ------------------------------------

namespace {

// The live flat snapshot of map 0 at every event that takes a snapshot, read
// by an observer chained after the simulation's own (same moment, same state).
struct FlatProbe {
  sim::Simulation* sim = nullptr;
  EventLog::Listener inner = nullptr;
  void* inner_ctx = nullptr;
  struct Seen {
    sim::SnapshotReason reason;
    EventKind kind;
    bool small = false;      // SnapshotStore::keeps_flat of its heat
    maps::FlatMapSnapshot live;
  };
  std::vector<Seen> seen;
  static void on(void* ctx, const Event& e) {
    auto* p = static_cast<FlatProbe*>(ctx);
    p->inner(p->inner_ctx, e);
    const auto reason = sim::SnapshotStore::reason_for(e.kind);
    if (!reason) return;
    Seen s{*reason, e.kind, false, {}};
    const maps::MapHeat h = p->sim->map_heat(0);
    s.small = sim::SnapshotStore::keeps_flat(h);
    p->sim->inspect_flat(0, 0, h.swiss ? sim::SnapshotStore::kFlatMaxGroups : sim::SnapshotStore::kFlatMaxBuckets, s.live);
    // (mid-assignment: the map's own invariants hold between operations only)
    p->sim->snapshots().check_invariants();
    p->seen.push_back(std::move(s));
  }
  void attach(sim::Simulation& s) {
    sim = &s;
    EventLog& log = s.runtime().events();
    inner = log.listener();
    inner_ctx = log.listener_ctx();
    REQUIRE(inner);
    log.set_listener(&FlatProbe::on, this);
  }
};

// `live` with every slot hash zeroed: what a snapshot keeps (hashes are live only).
maps::FlatMapSnapshot without_hashes(maps::FlatMapSnapshot f) {
  using F = maps::FlatMapSnapshot;
  for (std::uint32_t r = 0; r < f.words[F::kRowCount]; ++r)
    for (std::uint32_t k = 0; k < 16; ++k) f.words[f.words[F::kRowOff] + r * F::kRowStride + F::kRowHash + k] = 0;
  return f;
}

bool has_hash(const maps::FlatMapSnapshot& f) {
  for (std::uint32_t r = 0; r < f.words[maps::FlatMapSnapshot::kRowCount]; ++r)
    for (int k = 0; k < 8; ++k)
      if (maps::FlatMapSnapshot::hash(f.row(r), k)) return true;
  return false;
}

const char* kGrowTo7 =
    "m := map[int]int{}\n"
    "for i := 0; i < 500; i++ {\n"
    "\tm[i] = i\n"
    "}\n"
    "runtime.GC()\n"
    "fmt.Println(len(m))\n";

const char* kSplit =
    "m := map[int]int{}\n"
    "for i := 0; i < 1000; i++ {\n"
    "\tm[i] = i\n"
    "}\n"
    "runtime.GC()\n"
    "fmt.Println(len(m))\n";

}  // namespace

TEST_CASE("a snapshot keeps a small map's slot grid as mapFlat showed it then, without hashes", "[sim][snapshots][flat]") {
  using F = maps::FlatMapSnapshot;
  for (int version : {19, 26}) {
    CAPTURE(version);
    sim::SimConfig c;
    c.version = runtime::GoVersion{version};
    // Swiss: 1000 entries fill a 1024-slot table past 7/8 and split it
    // (maxTableCapacity, internal/runtime/maps/table.go): 2 · 128 groups, still drawn slot by slot.
    auto r = sim::load(version == 19 ? kGrowTo7 : kSplit, c);
    REQUIRE(r.sim);
    FlatProbe probe;
    probe.attach(*r.sim);
    r.sim->run();
    REQUIRE(r.sim->state() == sim::RunState::Done);
    CHECK(r.sim->stdout_text() == (version == 19 ? "500\n" : "1000\n"));
    r.sim->check_invariants();
    const auto& st = r.sim->snapshots();
    REQUIRE(st.skipped() == 0);
    REQUIRE(st.dropped() == 0);
    REQUIRE(st.all().size() == probe.seen.size());  // one snapshot per observed event, in order
    int small = 0, big = 0, b4_start = 0, splits = 0;
    F kept;
    for (std::size_t i = 0; i < probe.seen.size(); ++i) {
      CAPTURE(i);
      const sim::RetainedSnapshot& s = st.all()[i];
      const FlatProbe::Seen& seen = probe.seen[i];
      REQUIRE(s.reason == seen.reason);
      if (!seen.small) {
        // too big to draw slot by slot: heat rows only (R52, R60)
        ++big;
        CHECK_FALSE(s.flat_of(0, kept));
        CHECK(kept.words.empty());
        CHECK(s.heat_of(0) != nullptr);
        continue;
      }
      ++small;
      REQUIRE(s.flat_of(0, kept));
      kept.check_invariants();
      CHECK(kept.words == without_hashes(seen.live).words);
      CHECK_FALSE(has_hash(kept));
      if (version == 19 && s.reason == sim::SnapshotReason::MapGrowStart && kept.words[F::kB] == 4) {
        // hashGrow from B=3 (runtime/map.go): 16 empty new buckets, 8 old
        // holding all 52 entries (the 53rd's assignment grows: overLoadFactor(53, 3)
        // as 53 > 13 · 8/2), nevacuate 0, growing.
        ++b4_start;
        CHECK(kept.u64(F::kNbuckets) == 16);
        CHECK(kept.u64(F::kNoldbuckets) == 8);
        CHECK(kept.u64(F::kNevacuate) == 0);
        CHECK((kept.words[F::kBits] & F::kGrowing) != 0);
        CHECK(kept.u64(F::kCount) == 52);
        CHECK(has_hash(seen.live));  // the live one had hashes: the snapshot dropped them
      }
      if (seen.kind == EventKind::SwissTableSplit) {
        ++splits;
        CHECK(kept.swiss());
        CHECK(kept.u64(F::kTableCount) == 2);
        CHECK(has_hash(seen.live));
      }
    }
    CHECK(small > 0);
    if (version == 19) {
      CHECK(b4_start == 1);
      CHECK(big > 0);  // B=7 (128 + 64 buckets while growing) and the GC after it
    } else {
      CHECK(splits == 1);
      CHECK(big == 0);
    }
  }
}

TEST_CASE("slot grids of many small maps stay within their share of the byte bound", "[sim][snapshots][flat]") {
  // Forty live maps of 300 entries (2^6 buckets: drawn slot by slot), a
  // tight bound: each snapshot keeps the grids that fit flat_budget(), never more.
  const std::string src = kFortyMaps;
  for (std::uint64_t bound : {std::uint64_t{128} << 10, std::uint64_t{4} << 20}) {
    CAPTURE(bound);
    sim::SimConfig c;
    c.max_snapshot_bytes = bound;
    auto r = sim::load(src, c);
    REQUIRE(r.sim);
    r.sim->run();
    REQUIRE(r.sim->state() == sim::RunState::Done);
    r.sim->check_invariants();
    const auto& st = r.sim->snapshots();
    REQUIRE(st.flat_budget() == bound / 16);
    CHECK(st.bytes() <= bound);
    std::size_t most = 0, alive_most = 0;
    maps::FlatMapSnapshot f;
    for (const sim::RetainedSnapshot& s : st.all()) {
      std::uint64_t fb = 0;
      for (const auto& k : s.flats) {
        fb += k.bytes();
        REQUIRE(s.flat_of(k.map_id, f));
        f.check_invariants();
        CHECK_FALSE(has_hash(f));
        CHECK(f.u64(maps::FlatMapSnapshot::kCount) == static_cast<std::uint64_t>(s.maps.at(k.map_id).count));
      }
      CHECK(fb <= st.flat_budget());
      std::size_t alive = 0;
      for (const auto& m : s.maps) alive += m.alive;
      CHECK(s.flats.size() <= alive);
      most = std::max(most, s.flats.size());
      alive_most = std::max(alive_most, alive);
    }
    if (bound == (128u << 10)) {
      CHECK(most >= 1);
      CHECK(most < alive_most);  // 8 KiB holds only a few ~3 KiB grids
    } else {
      CHECK(most == 40);  // 256 KiB holds every one
    }
  }
}
