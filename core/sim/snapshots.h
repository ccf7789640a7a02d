// Retained snapshots: compact copies of the heap (page states + span table)
// and of the map summaries, taken at the moments a user scrubbing back
// through a run wants to see: every GC start and end, and every map grow
// start and finish (classic: hashGrow and the last evacuation; Swiss: a
// table grow or split, which happen whole inside one assignment).
//
// Bounded: at most `capacity` snapshots and `max_bytes` of them. When
// either bound is reached, every other snapshot is dropped (the newest is
// always kept) and the minimum gap between snapshots, in interpreter
// instructions, doubles (from the run's average spacing the first time).
// Old moments thus thin out while the newest stay dense, the same way the
// sample table halves its resolution.
//
// Each snapshot also keeps the map view's heat rows (maps::MapHeat, one
// row per bucket / group) of the live maps among the first kMaxMaps, while
// they fit heat_budget() bytes (a fixed share of max_bytes, so one huge map
// cannot crowd out the heap pages); later maps are not kept (R60). Their
// bytes count in bytes() like the pages do.
//
// A kept map small enough for the map view to draw slot by slot (R52: at
// most kFlatMaxBuckets buckets old + new, kFlatMaxGroups Swiss groups) also
// keeps its flat snapshot (maps::FlatMapSnapshot, what the live view draws
// from: tophash / control bytes, chains, old array and nevacuate) WITHOUT the
// slots' hashes (keys, elems and hashes are live only, R60): its rows are
// stored kFlatRowStride words wide (addr, flags, bytes) and flat_of() gives
// them back in the live layout with zero hashes. They fit their own share,
// flat_budget() (a sixteenth of max_bytes) per snapshot, and count in bytes().
// Cost: one walk of each kept small map per snapshot (Maps::inspect_flat
// without hashing keys), about 2.5 times its heat rows' walk (perf).
//
// Roles (what allocated each span) are not retained: they cost a pass over
// every slot; rows carry kRoleUnknown (docs/deviations.md R56).
//
// Invariants (check_invariants)
//   size ≤ capacity; bytes() ≤ max_bytes; ids strictly increase and ops
//   never decrease along the list; heats are of distinct maps in ascending
//   id order below min(map_count, kMaxMaps), each valid (MapHeat's own
//   invariants) and together within heat_budget(); flats likewise within
//   flat_budget(), each of a small map, well formed (rows end the words, kFlatRowStride
//   wide) and matching its heat row counts (the newest snapshot's flats are
//   also expanded and checked whole, FlatMapSnapshot::check_invariants, when
//   added: later they only move); every span row lies inside its page
//   array and its pages are in use; taken == retained + dropped.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/event.h"
#include "core/maps/map_inspect.h"
#include "core/sim/simulation.h"

namespace bucketlab::sim {

enum class SnapshotReason : std::uint8_t { GcStart, GcEnd, MapGrowStart, MapGrowEnd };

struct RetainedSnapshot {
  std::uint32_t id = 0;          // order taken, from 0 (stable across thinning)
  SnapshotReason reason = SnapshotReason::GcStart;
  std::uint64_t subject = 0;     // the GC cycle number, or the map id
  std::uint64_t ops = 0;         // interpreter instructions executed when taken
  std::uint64_t nanotime = 0;    // simulated clock
  std::uint32_t num_gc = 0;      // completed GC cycles
  std::vector<std::uint8_t> pages;   // runtime::PageState per mapped page
  std::vector<std::uint32_t> spans;  // rows of runtime::kSpanRowWidth (runtime::span_rows)
  std::vector<MapSummary> maps;      // at most kMaxMaps, in creation order
  std::uint32_t map_count = 0;       // maps created so far (maps may be truncated)
  struct Heat {
    std::uint32_t map_id = 0;
    maps::MapHeat heat;
    std::uint64_t bytes() const { return sizeof(Heat) + heat.rows.size() * sizeof(std::uint32_t); }
  };
  std::vector<Heat> heats;           // map view rows of the kept maps, ascending map_id
  const maps::MapHeat* heat_of(std::uint32_t map_id) const;  // null: dead, not kept, or no such map
  // The map view's slot grid of a small map (see the top of this file).
  struct Flat {
    std::uint32_t map_id = 0;
    std::vector<std::uint32_t> words;  // FlatMapSnapshot words, rows without their hashes
    std::uint64_t bytes() const { return sizeof(Flat) + words.size() * sizeof(std::uint32_t); }
    static Flat keep(std::uint32_t map_id, const maps::FlatMapSnapshot& live);  // drops the hashes
    void expand(maps::FlatMapSnapshot& out) const;  // the live layout, every hash 0
    void check_invariants() const;  // shape only (cheap)
  };
  std::vector<Flat> flats;           // slot grids of the kept small maps, ascending map_id
  // The flat snapshot of map `map_id` as mapFlat lays it out (hashes 0) into
  // `out`; false (out emptied) when the map was dead, big, or not kept.
  bool flat_of(std::uint32_t map_id, maps::FlatMapSnapshot& out) const;
  std::uint64_t bytes() const;
};

// "GC 3 start", "map 2 grow start", ...
std::string snapshot_label(const RetainedSnapshot& s);
const char* snapshot_reason_name(SnapshotReason r);  // "gc-start", "gc-end", "grow-start", "grow-end"

class SnapshotStore;
// {"taken","skipped","dropped","capacity","snapshots":[{"id","reason","label",
// "subject","ops","nanotime","NumGC","pages","spans","map_count","maps":[...]}]}
// (pages/spans: counts; the arrays themselves cross as typed arrays).
std::string snapshots_json(const SnapshotStore& store);

class SnapshotStore {
 public:
  static constexpr std::size_t kMaxMaps = 64;
  // The live map view's slot-by-slot threshold (R52; web/src/mapview-layout.js
  // DETAIL_MAX_BUCKETS / DETAIL_MAX_GROUPS): smaller maps keep a Flat.
  static constexpr std::uint64_t kFlatMaxBuckets = 128, kFlatMaxGroups = 256;
  static constexpr std::uint32_t kFlatRowStride = maps::FlatMapSnapshot::kRowHash;  // addr (2), flags, bytes (2)
  static bool keeps_flat(const maps::MapHeat& h) {
    return h.swiss ? h.ngroups <= kFlatMaxGroups : h.nbuckets + h.noldbuckets <= kFlatMaxBuckets;
  }
  explicit SnapshotStore(std::size_t capacity = 128, std::uint64_t max_bytes = 48ull << 20)
      : capacity_(capacity < 2 ? 2 : capacity), max_bytes_(max_bytes) {}

  // Which events take a snapshot (classic and Swiss grow events alike).
  static std::optional<SnapshotReason> reason_for(EventKind k);
  // False while the last snapshot is closer than the current gap: the
  // caller then skips taking one (counted in skipped()).
  bool wants(std::uint64_t ops) const { return list_.empty() || ops >= list_.back().ops + gap_; }
  void skip() { ++skipped_; }
  void add(RetainedSnapshot s);  // assigns the id; thins when a bound is reached

  const std::vector<RetainedSnapshot>& all() const { return list_; }
  const RetainedSnapshot* find(std::uint32_t id) const;
  std::uint64_t taken() const { return next_id_; }
  std::uint64_t skipped() const { return skipped_; }
  std::uint64_t dropped() const { return dropped_; }
  std::uint64_t gap() const { return gap_; }
  std::uint64_t bytes() const { return bytes_; }
  std::size_t capacity() const { return capacity_; }
  // Bytes of heat rows one snapshot may keep (an eighth of the bound).
  std::uint64_t heat_budget() const { return max_bytes_ / 8; }
  // Bytes of flat slot grids one snapshot may keep (a sixteenth of the bound).
  std::uint64_t flat_budget() const { return max_bytes_ / 16; }
  void check_invariants() const;

 private:
  void thin();
  std::size_t capacity_;
  std::uint64_t max_bytes_;
  std::vector<RetainedSnapshot> list_;
  std::uint32_t next_id_ = 0;
  std::uint64_t bytes_ = 0, gap_ = 0, skipped_ = 0, dropped_ = 0;
};

}  // namespace bucketlab::sim
