// The Swiss-table map (Go >= 1.24, internal/runtime/maps/map.go): the
// maps.Map header (48 bytes)
//
//	used              uint64   entries (len)
//	seed              uintptr  per-map hash seed, rand() at make, on Clear
//	                           and when a delete empties the map
//	dirPtr            pointer  nil (no storage yet) | one group (small map,
//	                           dirLen 0) | *[dirLen]*table (the directory)
//	dirLen            int      0 (small) or 1 << globalDepth
//	globalDepth       uint8    top hash bits selecting a directory slot
//	globalShift       uint8    64 - globalDepth
//	writing           uint8    toggled around writes (concurrent-write check)
//	tombstonePossible bool     some table may hold a tombstone
//	clearSeq          uint64   Clear count (iterators compare it)
//
// A map with up to 8 entries lives in one group ("small map", no table and
// no probing). The 9th entry converts it to one table of 16 slots; tables
// grow by doubling to 1024 slots and then split by the next hash bit, the
// directory doubling when a table at full depth splits (extendible
// hashing). Every object — Map, directory, tables, group arrays, indirect
// keys and elems — is allocated through core/runtime with Go's type, so it
// shows in MemStats and is scanned (or not) by the GC exactly like Go's.
//
// Go version: the model follows Go 1.26's source; Go 1.25 added
// tombstone pruning (GoVersion::swiss_tombstone_pruning) and
// tombstonePossible.
//
// One P, no concurrency: `writing` is toggled as in Go, so a real process's
// header bytes match between operations.
#pragma once
#include <cstdint>
#include <utility>

#include "core/common/types.h"
#include "core/maps/alg.h"
#include "core/maps/swiss_group.h"
#include "core/maps/swiss_map_type.h"
#include "core/maps/swiss_table.h"
#include "core/runtime/runtime.h"

namespace bucketlab::maps::swiss {

// maps.Iter (table.go): lives on the Go stack (here: host memory) and is a
// GC root while alive; it keeps the table it walks alive even after that
// table was replaced by a grow or split.
struct Iter {
  Addr key = kNil, elem = kNil;  // current entry; kNil at the end
  Addr m = kNil;
  std::uint64_t entry_offset = 0, dir_offset = 0;  // random start points
  std::uint64_t clear_seq = 0;
  std::uint8_t global_depth = 0;
  std::int64_t dir_idx = 0;  // -1: the map was small at Init
  Addr tab = kNil;
  Addr group = kNil;
  std::uint64_t entry_idx = 0;
};
inline constexpr std::uint64_t kIterSize = 96;  // sizeof(maps.Iter): 12 words

// The operations of internal/runtime/maps on maps of one type. A view:
// it holds no state of its own (everything is in simulated memory), so the
// methods are const. `id` is the map's number in the simulation (events).
class SwissMap {
 public:
  SwissMap(runtime::Runtime& rt, const MapType& t, const KeyAlg& alg, const Roles& roles, std::uint32_t id = 0)
      : rt_(rt), t_(t), alg_(alg), roles_(roles), id_(id) {}

  // makemap / NewMap: the new *Map with the given seed; hint > 8 allocates
  // the directory and its tables up front.
  Addr make(std::int64_t hint, std::uint64_t seed) const;
  // mapaccess2: the elem slot, or kNil when absent (also for a nil map).
  Addr access(Addr m, const std::uint8_t* key) const;
  // getWithKey: key and elem slots, or {kNil, kNil}.
  std::pair<Addr, Addr> access_k(Addr m, const std::uint8_t* key) const;
  // mapassign (and the fast variants, per MapType::assign_fn).
  Addr assign(Addr m, const std::uint8_t* key) const;
  void remove(Addr m, const std::uint8_t* key) const;  // mapdelete (Map.Delete)
  // mapclear (Map.Clear). True if it ran (and so drew a new seed).
  bool clear(Addr m) const;
  // Iter.Init + the first Iter.Next (mapIterStart), with the two random
  // offsets Go draws with rand() in Init.
  void iter_init(Addr m, Iter& it, std::uint64_t entry_offset, std::uint64_t dir_offset) const;
  void iter_next(Iter& it) const;  // Iter.Next

  // used matches the full slots; control bytes, growthLeft and tombstone
  // counts agree; every key sits where its hash puts it and is findable;
  // the directory holds 2^(globalDepth-localDepth) aligned entries per table.
  void check_invariants(Addr m) const;

  // maps.Map field readers.
  std::uint64_t used(Addr m) const { return m == kNil ? 0 : rt_.load_u64(m + map_layout::kUsed); }
  std::uint64_t seed(Addr m) const { return rt_.load_u64(m + map_layout::kSeed); }
  Addr dir_ptr(Addr m) const { return rt_.load_pointer(m + map_layout::kDirPtr); }
  std::int64_t dir_len(Addr m) const { return static_cast<std::int64_t>(rt_.load_u64(m + map_layout::kDirLen)); }
  std::uint8_t global_depth(Addr m) const { return rt_.load_u8(m + map_layout::kGlobalDepth); }
  std::uint8_t global_shift(Addr m) const { return rt_.load_u8(m + map_layout::kGlobalShift); }
  std::uint8_t writing(Addr m) const { return rt_.load_u8(m + map_layout::kWriting); }
  bool tombstone_possible(Addr m) const { return rt_.load_u8(m + map_layout::kTombstonePossible) != 0; }
  std::uint64_t clear_seq(Addr m) const { return rt_.load_u64(m + map_layout::kClearSeq); }
  Addr directory_at(Addr m, std::uint64_t i) const { return rt_.load_pointer(dir_ptr(m) + 8 * i); }
  // Test hook: a real process's seed after a reseed (delete to empty, clear).
  void set_seed(Addr m, std::uint64_t v) const { rt_.store_u64(m + map_layout::kSeed, v); }

  // For Table and inspection.
  runtime::Runtime& rt() const { return rt_; }
  const MapType& type() const { return t_; }
  const KeyAlg& alg() const { return alg_; }
  const Roles& roles() const { return roles_; }
  std::uint32_t id() const { return id_; }
  std::uint64_t hash(Addr m, const std::uint8_t* key) const { return alg_.hash(t_.key, key, seed(m)); }
  // Hash of the key stored at simulated address k (the key itself, not its slot).
  std::uint64_t hash_at(Addr m, Addr k) const;
  // Slot addresses inside a group (groupReference.key / .elem) and the
  // key/elem they hold (through the pointer when indirect).
  Addr slot_key(Addr g, std::uint64_t i) const { return g + kGroupSlotsOffset + i * t_.slot_size; }
  Addr slot_elem(Addr g, std::uint64_t i) const { return slot_key(g, i) + t_.elem_off; }
  Addr key_at(Addr g, std::uint64_t i) const {
    return t_.indirect_key ? rt_.load_pointer(slot_key(g, i)) : slot_key(g, i);
  }
  Addr elem_at(Addr g, std::uint64_t i) const {
    return t_.indirect_elem ? rt_.load_pointer(slot_elem(g, i)) : slot_elem(g, i);
  }
  bool key_equal(const std::uint8_t* key, Addr k) const { return alg_.equal_host_sim(t_.key, key, k); }
  // k == k for a key in simulated memory (false only for NaNs).
  bool key_reflexive_at(Addr k) const;
  // Writes `key` into a free slot (allocating the indirect key/elem objects
  // as Go does) and returns the elem to write.
  Addr fill_slot(Addr g, std::uint64_t i, const std::uint8_t* key) const;
  // Clears a deleted slot's key (if it has pointers) and its elem (always).
  void clear_slot(Addr g, std::uint64_t i) const;

  // Typed copies: pointer words go through the write barrier.
  void typedmemclr(const Type* t, Addr a) const;

  // Map methods the tables call.
  std::uint64_t directory_index(Addr m, std::uint64_t hash) const;
  void replace_table(Addr m, Addr nt) const;
  void install_table_split(Addr m, Addr old, Addr left, Addr right) const;
  void add_used(Addr m, std::int64_t d) const { rt_.store_u64(m + map_layout::kUsed, used(m) + static_cast<std::uint64_t>(d)); }

 private:
  void set_writing(Addr m, std::uint8_t v) const { rt_.store_u8(m + map_layout::kWriting, v); }
  void toggle_writing(Addr m) const { set_writing(m, writing(m) ^ 1); }
  void end_write(Addr m) const;  // checks writing is set, toggles it back
  void directory_set(Addr m, std::uint64_t i, Addr t) const { rt_.store_pointer(dir_ptr(m) + 8 * i, t); }
  void grow_to_small(Addr m) const;
  void grow_to_table(Addr m) const;
  Addr put_slot_small(Addr m, std::uint64_t hash, const std::uint8_t* key) const;
  std::pair<Addr, Addr> get_with_key_small(Addr m, std::uint64_t hash, const std::uint8_t* key) const;
  void delete_small(Addr m, std::uint64_t hash, const std::uint8_t* key) const;
  void clear_small(Addr m) const;
  std::pair<Addr, Addr> grown_key_elem(const Iter& it, Addr key, std::uint64_t slot) const;

  runtime::Runtime& rt_;
  const MapType& t_;
  const KeyAlg& alg_;
  const Roles& roles_;
  std::uint32_t id_;
};

}  // namespace bucketlab::maps::swiss
