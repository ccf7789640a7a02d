// The flat map snapshot (maps::FlatMapSnapshot, issue 9) carries exactly
// what the JSON snapshot (ClassicMapSnapshot / SwissMapSnapshot) carries
// minus the key/elem text, and inspect_slot gives that text slot by slot:
// both are compared field by field with the structured snapshots the CLI
// and the existing tests use, for classic maps (growing and not, overflow
// chains, preallocated overflow buckets, paging) and Swiss maps (small,
// several tables, tombstones).
#include <catch2/catch.hpp>

#include "core/maps/classic_map.h"
#include "core/maps/map_inspect.h"
#include "core/maps/swiss_group.h"
#include "core/sim/report.h"
#include "core/sim/simulation.h"

using namespace bucketlab;
using F = maps::FlatMapSnapshot;

namespace {

std::unique_ptr<sim::Simulation> load(const std::string& src, runtime::GoVersion v = runtime::GoVersion::go1_19()) {
  sim::SimConfig c;
  c.version = v;
  auto r = sim::load(src, c);
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.sim);
  return std::move(r.sim);
}

struct Seen {
  std::size_t rows = 0, overflow = 0, spare = 0, evacuated = 0, occupied = 0, tombstones = 0;
};

// Every field of the classic snapshot against the flat words; each slot's
// text against inspect_slot. Returns what the map held, for the callers'
// "this case really covers X" requirements.
Seen same_classic(const sim::Simulation& s, std::size_t id, std::uint64_t first, std::uint64_t max) {
  const auto snap = s.inspect_map(id, first, max);
  F f;
  s.inspect_flat(id, first, max, f);
  f.check_invariants();
  const auto& w = f.words;
  REQUIRE_FALSE(f.swiss());
  CHECK(static_cast<std::int64_t>(f.u64(F::kCount)) == snap.count);
  CHECK(w[F::kFlags] == snap.flags);
  CHECK(w[F::kB] == snap.B);
  CHECK(w[F::kNoverflow] == snap.noverflow);
  CHECK(w[F::kHash0] == snap.hash0);
  CHECK(f.u64(F::kNevacuate) == snap.nevacuate);
  CHECK(((w[F::kBits] & F::kGrowing) != 0) == snap.growing);
  CHECK(((w[F::kBits] & F::kSameSizeGrow) != 0) == snap.same_size_grow);
  CHECK(((w[F::kBits] & F::kIndirectKey) != 0) == snap.indirectkey);
  CHECK(((w[F::kBits] & F::kIndirectElem) != 0) == snap.indirectelem);
  CHECK(((w[F::kBits] & F::kNoscan) != 0) == snap.bucket_noscan);
  CHECK(f.u64(F::kNbuckets) == snap.nbuckets);
  CHECK(f.u64(F::kNoldbuckets) == snap.noldbuckets);
  CHECK(f.u64(F::kAllocatedBuckets) == snap.allocated_buckets);
  CHECK(f.u64(F::kSpareOverflowLeft) == snap.spare_overflow_left);
  CHECK(f.u64(F::kFirstBucket) == snap.first_bucket);
  CHECK(w[F::kKeysize] == snap.keysize);
  CHECK(w[F::kElemsize] == snap.elemsize);
  CHECK(w[F::kBucketsize] == snap.bucketsize);
  CHECK(f.u64(F::kHmap) == snap.hmap);
  CHECK(f.u64(F::kBuckets) == snap.buckets);
  CHECK(f.u64(F::kOldbuckets) == snap.oldbuckets);
  CHECK(f.u64(F::kExtra) == snap.extra);
  CHECK(f.u64(F::kNextOverflow) == snap.next_overflow);
  REQUIRE(w[F::kNewChains] == snap.new_chains.size());
  REQUIRE(w[F::kGroupCount] == snap.new_chains.size() + snap.old_chains.size());
  Seen seen;
  for (std::size_t c = 0; c < w[F::kGroupCount]; ++c) {
    const bool old = c >= w[F::kNewChains];
    const auto& cv = old ? snap.old_chains[c - w[F::kNewChains]] : snap.new_chains[c];
    const std::uint32_t* rec = &w[F::kHeaderWords + c * F::kChainStride];
    CHECK((rec[0] | (std::uint64_t{rec[1]} << 32)) == cv.index);
    CHECK((rec[4] != 0) == cv.evacuated);
    seen.evacuated += cv.evacuated;
    REQUIRE(rec[3] == cv.chain.size());
    for (std::size_t k = 0; k < cv.chain.size(); ++k) {
      const auto& bv = cv.chain[k];
      const std::uint32_t* row = f.row(rec[2] + k);
      CHECK((row[0] | (std::uint64_t{row[1]} << 32)) == bv.addr);
      CHECK(((row[F::kRowFlags] & F::kRowSpare) != 0) == bv.spare);
      seen.rows++;
      seen.overflow += k > 0;
      seen.spare += bv.spare;
      for (int i = 0; i < 8; ++i) {
        const auto si = static_cast<std::size_t>(i);
        CHECK(F::byte(row, i) == bv.tophash[si]);
        CHECK(F::hash(row, i) == bv.hash[si]);
        seen.occupied += bv.tophash[si] >= maps::classic::kMinTopHash;
        const auto t = s.inspect_slot(id, old ? 1 : 0, cv.index, k, i);
        CHECK(t.valid);
        CHECK(t.byte == bv.tophash[si]);
        CHECK(t.hash == bv.hash[si]);
        CHECK(t.key == bv.keys[si]);
        CHECK(t.elem == bv.elems[si]);
      }
    }
  }
  CHECK(f.words[F::kRowCount] == seen.rows);
  return seen;
}

Seen same_swiss(const sim::Simulation& s, std::size_t id, std::uint64_t first, std::uint64_t max) {
  const auto snap = s.inspect_swiss(id, first, max, true);
  F f;
  s.inspect_flat(id, first, max, f);
  f.check_invariants();
  const auto& w = f.words;
  REQUIRE(f.swiss());
  CHECK(f.u64(F::kUsed) == snap.used);
  CHECK(f.u64(F::kSeed) == snap.seed);
  CHECK(f.u64(F::kClearSeq) == snap.clear_seq);
  CHECK(static_cast<std::int64_t>(f.u64(F::kSwissDirLen)) == snap.dir_len);
  CHECK(w[F::kGlobalDepth] == snap.global_depth);
  CHECK(w[F::kGlobalShift] == snap.global_shift);
  CHECK(w[F::kWriting] == snap.writing);
  CHECK(((w[F::kSwissBits] & F::kTombstonePossible) != 0) == snap.tombstone_possible);
  CHECK(((w[F::kSwissBits] & F::kSmall) != 0) == snap.small);
  CHECK(((w[F::kSwissBits] & F::kIndirectKey) != 0) == snap.indirect_key);
  CHECK(((w[F::kSwissBits] & F::kIndirectElem) != 0) == snap.indirect_elem);
  CHECK(((w[F::kSwissBits] & F::kNoscan) != 0) == snap.group_noscan);
  CHECK(((w[F::kSwissBits] & F::kPrunesTombstones) != 0) == snap.prunes_tombstones);
  CHECK(f.u64(F::kCapacity) == snap.capacity);
  CHECK(f.u64(F::kTombstones) == snap.tombstones);
  CHECK(f.u64(F::kTableCount) == snap.table_count);
  CHECK(w[F::kSlotSize] == snap.slot_size);
  CHECK(w[F::kElemOff] == snap.elem_off);
  CHECK(w[F::kGroupSize] == snap.group_size);
  CHECK(f.u64(F::kFirstTable) == snap.first_table);
  CHECK(f.u64(F::kMap) == snap.map);
  CHECK(f.u64(F::kDirPtr) == snap.dir_ptr);
  REQUIRE(w[F::kDirLen] == snap.directory.size());
  for (std::size_t i = 0; i < snap.directory.size(); ++i) CHECK(w[w[F::kDirOff] + i] == snap.directory[i]);
  Seen seen;
  auto same_group = [&](const std::uint32_t* row, const maps::SwissGroupView& g, std::uint64_t table, std::uint64_t group) {
    CHECK((row[0] | (std::uint64_t{row[1]} << 32)) == g.addr);
    seen.rows++;
    for (int i = 0; i < 8; ++i) {
      const auto si = static_cast<std::size_t>(i);
      CHECK(F::byte(row, i) == g.ctrl[si]);
      CHECK(F::hash(row, i) == g.hash[si]);
      seen.occupied += (g.ctrl[si] & 0x80) == 0;
      seen.tombstones += g.ctrl[si] == maps::swiss::kCtrlDeleted;
      const auto t = s.inspect_slot(id, 2, table, group, i);
      CHECK(t.valid);
      CHECK(t.byte == g.ctrl[si]);
      CHECK(t.hash == g.hash[si]);
      CHECK(t.key == g.keys[si]);
      CHECK(t.elem == g.elems[si]);
    }
  };
  if (snap.small) {
    REQUIRE(w[F::kRowCount] == 1);
    same_group(f.row(0), snap.small_group, 0, 0);
    return seen;
  }
  REQUIRE(w[F::kGroupCount] == snap.tables.size());
  for (std::size_t k = 0; k < snap.tables.size(); ++k) {
    const auto& tv = snap.tables[k];
    const std::uint32_t* rec = &w[F::kHeaderWords + k * F::kTableStride];
    CHECK((rec[0] | (std::uint64_t{rec[1]} << 32)) == tv.addr);
    CHECK((rec[2] | (std::uint64_t{rec[3]} << 32)) == tv.groups_addr);
    CHECK(static_cast<std::int64_t>(rec[4] | (std::uint64_t{rec[5]} << 32)) == tv.index);
    CHECK(rec[6] == tv.local_depth);
    CHECK(rec[7] == tv.capacity);
    CHECK(rec[8] == tv.used);
    CHECK(rec[9] == tv.growth_left);
    CHECK(rec[10] == tv.tombstones);
    CHECK((rec[11] | (std::uint64_t{rec[12]} << 32)) == tv.dir_entries);
    REQUIRE(rec[14] == tv.groups.size());
    for (std::size_t g = 0; g < tv.groups.size(); ++g) same_group(f.row(rec[13] + g), tv.groups[g], first + k, g);
  }
  CHECK(w[F::kRowCount] == seen.rows);
  return seen;
}

}  // namespace

TEST_CASE("flat snapshot of a classic map with overflow chains equals the JSON snapshot; slot text equals its keys",
          "[mapflat]") {
  auto s = load("m := map[int]string{}\nfor i := 0; i < 3000; i++ { m[i*7] = \"v\" + strconv.Itoa(i) }\n_ = m\n");
  s->run();
  REQUIRE(s->state() == sim::RunState::Done);
  const Seen all = same_classic(*s, 0, 0, UINT64_MAX);
  CHECK(all.occupied == 3000);
  CHECK(all.overflow > 0);  // chains longer than one bucket
  // pages of bucket indexes, as the JSON pages them, and past the end
  same_classic(*s, 0, 100, 37);
  const Seen none = same_classic(*s, 0, 1u << 20, 8);
  CHECK(none.rows == 0);
  // a slot that does not exist
  CHECK_FALSE(s->inspect_slot(0, 0, 1u << 20, 0, 0).valid);
  CHECK_FALSE(s->inspect_slot(0, 1, 0, 0, 0).valid);  // not growing: no old array
  CHECK_FALSE(s->inspect_slot(0, 0, 0, 0, 8).valid);
  CHECK_FALSE(s->inspect_slot(0, 2, 0, 0, 0).valid);  // a Swiss coordinate on a classic map
  CHECK(sim::slot_json(s->inspect_slot(0, 0, 0, 99, 0)) == "{\"valid\":false,\"byte\":0,\"hash\":\"\",\"key\":\"\",\"elem\":\"\"}");
}

TEST_CASE("flat snapshot of a preallocated map using its spare overflow buckets equals the JSON snapshot", "[mapflat]") {
  // make(map[int]int, 200): B = 5, 37 buckets of which 5 spare (mapview_test)
  auto s = load("m := make(map[int]int, 200)\nfor i := 0; i < 200; i++ { m[i] = i }\n_ = m\n");
  s->run();
  const Seen seen = same_classic(*s, 0, 0, UINT64_MAX);
  CHECK(seen.occupied == 200);
  CHECK(seen.spare > 0);
}

TEST_CASE("flat snapshot of a growing classic map (old and new arrays, evacuated buckets) equals the JSON snapshot",
          "[mapflat]") {
  auto s = load("m := map[int]int{}\nfor i := 0; i < 1000; i++ { m[i] = i }\n_ = m\n");
  s->step(sim::StepKind::Evacuation);
  int checked = 0;
  for (int k = 0; k < 80 && checked < 4; ++k) {
    s->step(sim::StepKind::Evacuation);
    if (!s->inspect_map(0, 0, 0).growing) continue;
    const Seen seen = same_classic(*s, 0, 0, UINT64_MAX);
    CHECK(seen.evacuated > 0);
    same_classic(*s, 0, 1, 3);  // a page of both arrays
    ++checked;
  }
  CHECK(checked == 4);
}

TEST_CASE("flat snapshot of Swiss maps (small; several tables with tombstones) equals the JSON snapshot", "[mapflat]") {
  auto s = load(
      "small := map[string]int{\"a\": 1, \"b\": 2}\n"
      "m := map[int]int{}\nfor i := 0; i < 3000; i++ { m[i] = i }\n"
      "for i := 0; i < 3000; i += 3 { delete(m, i) }\n_ = m\n_ = small\n",
      runtime::GoVersion::go1_26());
  s->run();
  REQUIRE(s->state() == sim::RunState::Done);
  const Seen sm = same_swiss(*s, 0, 0, UINT64_MAX);
  CHECK(sm.occupied == 2);
  CHECK(sm.rows == 1);
  const Seen big = same_swiss(*s, 1, 0, UINT64_MAX);
  CHECK(big.occupied == 2000);
  CHECK(big.tombstones > 0);
  const auto snap = s->inspect_swiss(1, 0, UINT64_MAX, true);
  REQUIRE(snap.table_count > 1);
  same_swiss(*s, 1, 1, 2);  // a page of tables
  CHECK(same_swiss(*s, 1, snap.table_count, 4).rows == 0);
  CHECK_FALSE(s->inspect_slot(1, 2, snap.table_count, 0, 0).valid);
  CHECK_FALSE(s->inspect_slot(1, 0, 0, 0, 0).valid);  // a classic coordinate on a Swiss map
}

TEST_CASE("flat snapshot invariants reject a damaged snapshot", "[mapflat]") {
  auto s = load("m := map[int]int{}\nfor i := 0; i < 100; i++ { m[i] = i }\n_ = m\n");
  s->run();
  F f;
  s->inspect_flat(0, 0, UINT64_MAX, f);
  f.check_invariants();
  F cut = f;
  cut.words.pop_back();
  CHECK_THROWS(cut.check_invariants());
  F hash_in_empty = f;
  // find an empty slot and give it a hash
  bool done = false;
  for (std::size_t r = 0; r < f.words[F::kRowCount] && !done; ++r)
    for (int i = 0; i < 8 && !done; ++i)
      if (F::byte(f.row(r), i) < maps::classic::kMinTopHash) {
        hash_in_empty.words[f.words[F::kRowOff] + r * F::kRowStride + F::kRowHash + 2 * i] = 1;
        done = true;
      }
  REQUIRE(done);
  CHECK_THROWS(hash_in_empty.check_invariants());
}
