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


// ---- Flat snapshots (the page's full map snapshot, issue 9) ---------------

// The content of a ClassicMapSnapshot / SwissMapSnapshot (groups included)
// without its text (the formatted keys and elems; the key/elem type names,
// which Simulation::maps() also gives): the text was most of the JSON's
// ~1 MB and of its time for 2^12 buckets. A slot's text comes one slot at a
// time (Maps::inspect_slot). Everything is one vector of uint32 words so the
// wasm binding hands it to JS as a single Uint32Array view; 64-bit values
// are (lo, hi) word pairs. web/src/map-flat.js decodes the same layout.
//
//   words[0, kHeaderWords)   header (field indexes below)
//   words[kGroupOff ...)     classic: one record per chain, new array first
//                            then old (kChainStride words); Swiss: one per
//                            table of the page (kTableStride words)
//   words[kDirOff ...)       Swiss: the directory, a table ordinal per entry
//   words[kRowOff ...)       one row per bucket (main, then its overflow
//                            buckets, chain by chain) or per group, table
//                            by table (a small map: its one group): kRowStride
//                            words = addr (2), flags (kRowSpare), the 8
//                            tophash / control bytes packed little-endian in
//                            2 words, the 8 slots' full hashes (16; 0 where
//                            the JSON has "")
struct FlatMapSnapshot {
  // common header fields
  static constexpr std::uint32_t kKind = 0;  // 0 classic, 1 Swiss
  static constexpr std::uint32_t kHeaderLen = 1, kRowStrideAt = 2, kRowCount = 3, kRowOff = 4, kGroupCount = 5,
                                 kGroupOff = 6, kGroupStrideAt = 7, kDirOff = 8, kDirLen = 9;
  // classic header fields (64-bit ones take two words)
  static constexpr std::uint32_t kCount = 10, kFlags = 12, kB = 13, kNoverflow = 14, kHash0 = 15, kNevacuate = 16,
                                 kBits = 18, kNbuckets = 19, kNoldbuckets = 21, kAllocatedBuckets = 23,
                                 kSpareOverflowLeft = 25, kFirstBucket = 27, kNewChains = 29, kKeysize = 30,
                                 kElemsize = 31, kBucketsize = 32, kHmap = 33, kBuckets = 35, kOldbuckets = 37,
                                 kExtra = 39, kNextOverflow = 41;
  // classic kBits
  static constexpr std::uint32_t kGrowing = 1, kSameSizeGrow = 2, kIndirectKey = 4, kIndirectElem = 8, kNoscan = 16;
  // Swiss header fields
  static constexpr std::uint32_t kUsed = 10, kSeed = 12, kClearSeq = 14, kSwissDirLen = 16, kGlobalDepth = 18,
                                 kGlobalShift = 19, kWriting = 20, kSwissBits = 21, kCapacity = 22, kTombstones = 24,
                                 kTableCount = 26, kSlotSize = 28, kElemOff = 29, kGroupSize = 30, kFirstTable = 31,
                                 kMap = 33, kDirPtr = 35;
  // Swiss kSwissBits (kIndirectKey, kIndirectElem, kNoscan as above)
  static constexpr std::uint32_t kTombstonePossible = 1, kSmall = 2, kPrunesTombstones = 32;
  static constexpr std::uint32_t kHeaderWords = 48;
  // chain record: index (2), first row, rows (buckets in the chain), evacuated (old array only)
  static constexpr std::uint32_t kChainStride = 5;
  // table record: addr (2), groups_addr (2), index (2, int64), local_depth,
  // capacity, used, growth_left, tombstones, dir_entries (2), first row, groups
  static constexpr std::uint32_t kTableStride = 15;
  // row: addr (2), flags, bytes (2), hashes (16)
  static constexpr std::uint32_t kRowStride = 21, kRowFlags = 2, kRowBytes = 3, kRowHash = 5;
  static constexpr std::uint32_t kRowSpare = 1;  // a preallocated overflow bucket

  std::vector<std::uint32_t> words;

  bool swiss() const { return words.size() > kKind && words[kKind] == 1; }
  std::uint64_t u64(std::size_t at) const { return words[at] | (std::uint64_t{words[at + 1]} << 32); }
  const std::uint32_t* row(std::size_t r) const { return &words[words[kRowOff] + r * kRowStride]; }
  static std::uint8_t byte(const std::uint32_t* row, int slot) {
    return static_cast<std::uint8_t>(row[kRowBytes + slot / 4] >> (8 * (slot % 4)));
  }
  static std::uint64_t hash(const std::uint32_t* row, int slot) {
    return row[kRowHash + 2 * slot] | (std::uint64_t{row[kRowHash + 2 * slot + 1]} << 32);
  }
  // Sections in bounds and adjacent; every row belongs to exactly one chain
  // (classic) or table (Swiss), in order; classic: chain indexes consecutive
  // from first_bucket, only old chains evacuated, hashes only in occupied
  // slots; Swiss: group counts powers of two, used <= capacity, hashes only
  // in full slots, directory ordinals in [0, table_count) never decreasing.
  void check_invariants() const;
};

// One slot's text, for the slot the page hovers or focuses
// (Maps::inspect_slot). `valid` false: no such bucket/group/slot.
struct SlotView {
  bool valid = false;
  std::uint8_t byte = 0;     // tophash or control byte
  std::uint64_t hash = 0;    // as in the snapshots (0 unless occupied / full)
  std::string key, elem;     // as in the snapshots ("" unless occupied / full)
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
