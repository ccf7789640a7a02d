// Snapshots of a map's structure for the UI, the CLI and the differential
// tests: what a debugger would show of hmap and its buckets. Cheap enough
// to take every frame for maps up to 2^12 buckets; bigger maps are paged
// (first_bucket, max_buckets).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/types.h"

namespace bucketlab::maps {

struct BucketView {
  Addr addr = kNil;
  std::array<std::uint8_t, 8> tophash{};
  std::array<std::string, 8> keys;   // Go-formatted key of each full slot ("" when empty)
  std::array<std::string, 8> elems;  // Go-formatted elem (first bytes for big values)
  std::array<std::uint64_t, 8> hash{};  // the key's full hash (hash0 seed) for each slot with tophash >= minTopHash, else 0
  bool spare = false;                // a preallocated overflow bucket (from the array's tail)
};

// One bucket index: the main bucket followed by its overflow chain.
struct ChainView {
  std::uint64_t index = 0;
  bool evacuated = false;  // old array only
  std::vector<BucketView> chain;
};

struct ClassicMapSnapshot {
  std::int64_t count = 0;
  std::uint8_t flags = 0;
  std::uint8_t B = 0;
  std::uint16_t noverflow = 0;
  std::uint32_t hash0 = 0;
  Addr hmap = kNil, buckets = kNil, oldbuckets = kNil, extra = kNil, next_overflow = kNil;
  std::uint64_t nevacuate = 0;
  bool growing = false, same_size_grow = false;
  std::uint64_t nbuckets = 0, noldbuckets = 0;
  std::uint64_t allocated_buckets = 0;  // the array's length including preallocated spares
  std::uint64_t spare_overflow_left = 0;
  // layout (runtime.maptype)
  std::string key_type, elem_type;
  std::uint64_t keysize = 0, elemsize = 0, bucketsize = 0;
  bool indirectkey = false, indirectelem = false, bucket_noscan = false;
  // the requested page of bucket indexes
  std::uint64_t first_bucket = 0;
  std::vector<ChainView> new_chains;  // indexes [first_bucket, first_bucket + n) of the current array
  std::vector<ChainView> old_chains;  // same page of the old array (while growing)
};


// ---- Swiss maps (Go >= 1.24) ----------------------------------------------

// One group: its 8 control bytes (0x80 empty, 0xFE deleted, else H2) and
// the formatted key/elem of each full slot.
struct SwissGroupView {
  Addr addr = kNil;
  std::array<std::uint8_t, 8> ctrl{};
  std::array<std::string, 8> keys;   // "" unless the slot is full
  std::array<std::string, 8> elems;
  std::array<std::uint64_t, 8> hash{};  // the key's full hash (seed) for each full slot (H2 = its low 7 bits), else 0
};

// One table (maps.table), listed once however many directory entries alias it.
struct SwissTableView {
  Addr addr = kNil, groups_addr = kNil;
  std::int64_t index = 0;       // first directory entry pointing at it
  std::uint8_t local_depth = 0;
  std::uint16_t capacity = 0, used = 0, growth_left = 0, tombstones = 0;
  std::uint64_t dir_entries = 0;  // 2^(globalDepth - localDepth)
  double load() const { return capacity ? static_cast<double>(used) / capacity : 0; }
  std::vector<SwissGroupView> groups;  // empty unless requested
};

struct SwissMapSnapshot {
  Addr map = kNil, dir_ptr = kNil;
  std::uint64_t used = 0, seed = 0, clear_seq = 0;
  std::int64_t dir_len = 0;
  std::uint8_t global_depth = 0, global_shift = 0, writing = 0;
  bool tombstone_possible = false;
  bool small = false;           // dirLen 0 and one group allocated
  std::uint64_t capacity = 0;   // slots over all tables (8 for a small map)
  std::uint64_t tombstones = 0;
  std::uint64_t table_count = 0;  // distinct tables
  // layout (abi.MapType)
  std::string key_type, elem_type, assign_fn;
  std::uint64_t slot_size = 0, elem_off = 0, group_size = 0;
  bool indirect_key = false, indirect_elem = false, group_noscan = false, prunes_tombstones = false;
  // directory: for each entry, the ordinal of its table among the
  // distinct tables in directory order (tables[k] has ordinal first_table + k).
  std::vector<std::uint32_t> directory;
  std::uint64_t first_table = 0;
  std::vector<SwissTableView> tables; // the requested page, in directory order
  SwissGroupView small_group;         // when small
};


// ---- Map view summaries ----------------------------------------------------

// A whole map reduced to a few numbers per bucket (classic) or group
// (Swiss), for the page's heat map of maps up to 2^16 buckets, where a full
// snapshot (formatted keys) would be megabytes. Rows of kHeatStride values.
struct MapHeat {
  static constexpr std::size_t kHeatStride = 3;
  // classic row: {occupied slots over the chain, chain length in buckets (main + overflow), flags}
  static constexpr std::uint32_t kEvacuated = 1;    // flags: an old bucket already evacuated
  static constexpr std::uint32_t kUsesSpare = 2;    // flags: the chain holds a preallocated overflow bucket
  // swiss row: {full slots, deleted slots (tombstones), table ordinal in directory order}
  bool swiss = false;
  std::uint64_t nbuckets = 0, noldbuckets = 0, nevacuate = 0;  // classic: rows = new array, then old array
  std::uint64_t ngroups = 0, ntables = 0;                      // swiss: rows = every group of every table
  std::vector<std::uint32_t> rows;
  std::size_t row_count() const { return rows.size() / kHeatStride; }
  // Row count matches the header; counts fit their slots; Swiss table
  // ordinals never decrease; nothing evacuated in the new array.
  void check_invariants() const;
};

// Where the last evacuation of a classic map moved each entry (evacuate in
// runtime/map.go): old bucket `oldbucket` splits into new bucket oldbucket
// (X) and oldbucket + newbit (Y; none in a same-size grow). Chains are
// counted from the main bucket (0) along its overflow links.
struct EvacuationMove {
  std::uint32_t src_chain = 0, dst_chain = 0;
  std::uint8_t src_slot = 0, dst_slot = 0;
  bool y = false;
  std::string key;         // read at the destination ("" once the new array changed)
  std::uint64_t hash = 0;  // its hash (0 when key is "")
};
struct EvacuationView {
  bool valid = false;      // this map had an evacuation since it last started growing (or ever)
  bool current = false;    // the new array is still the one the entries went to (keys readable)
  std::uint64_t oldbucket = 0, newbit = 0;
  std::uint64_t x_bucket = 0, y_bucket = 0;  // new-array indexes (y_bucket == x_bucket in a same-size grow)
  bool same_size = false;
  std::vector<EvacuationMove> moves;  // in the order evacuate visited them
  // X and Y destinations are consecutive slots from (0, 0), in visit order.
  void check_invariants() const;
};

}  // namespace bucketlab::maps
