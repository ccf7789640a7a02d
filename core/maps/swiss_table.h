// One Swiss table (Go >= 1.24, internal/runtime/maps/table.go): a complete
// open-addressed hash table of 8..1024 slots (always a power of two) in one
// array of groups, with
//
//	used       uint16  full slots
//	capacity   uint16  slots
//	growthLeft uint16  inserts into EMPTY slots left before a rehash
//	localDepth uint8   hash-prefix bits of the directory this table owns
//	index      int     first directory slot pointing at it; -1 once replaced
//	groups     {data, lengthMask}
//
// A Map holds one or more tables in its directory. A table never grows in
// place: rehash allocates a table of twice the capacity (up to
// maxTableCapacity = 1024) or, at 1024, splits into two tables of 1024 by
// the next hash bit, and the old table becomes garbage at once (unless an
// iterator still walks it). Table is a view of one *table in simulated
// memory; the algorithms are table.go's, step for step.
#pragma once
#include <cstdint>
#include <utility>

#include "core/common/types.h"
#include "core/maps/swiss_group.h"
#include "core/maps/swiss_map_type.h"

namespace bucketlab::maps::swiss {

class SwissMap;

// table.go maxTableCapacity: a table at this capacity splits instead of growing.
inline constexpr std::uint64_t kMaxTableCapacity = 1024;

class Table {
 public:
  Table(const SwissMap& sm, Addr tab) : sm_(sm), t_(tab) {}
  Addr addr() const { return t_; }

  // newTable: allocates the table struct, then its groups (capacity rounded
  // up to a power of two, at least 8; over 1024 panics as in Go).
  static Addr make(const SwissMap& sm, std::uint64_t capacity, std::int64_t index, std::uint8_t local_depth);

  // Field readers.
  std::uint16_t used() const;
  std::uint16_t capacity() const;
  std::uint16_t growth_left() const;
  std::uint8_t local_depth() const;
  std::int64_t index() const;
  Addr groups_data() const;
  std::uint64_t length_mask() const;
  Addr group(std::uint64_t i) const;  // groupsReference.group
  CtrlGroup ctrls(std::uint64_t i) const;

  std::uint16_t max_growth_left() const;  // capacity-1 for one group, else capacity*7/8
  std::uint16_t tombstones() const;       // capacity*7/8 - used - growthLeft

  // getWithKey: the (key, elem) slots holding `key` (host bytes), or {kNil, kNil}.
  std::pair<Addr, Addr> get_with_key(std::uint64_t hash, const std::uint8_t* key) const;
  // PutSlot / runtime_mapassign*: the elem slot for key; kNil when the table
  // had to be rehashed (the Map must select the table again and retry).
  Addr put_slot(Addr m, std::uint64_t hash, const std::uint8_t* key) const;
  // uncheckedPutSlot: places an entry known to be absent (grow, split);
  // key/elem are the entry's current addresses (the objects themselves when
  // indirect, which move by pointer).
  void unchecked_put_slot(std::uint64_t hash, Addr key, Addr elem) const;
  // Delete: true if it left a tombstone.
  bool remove(Addr m, std::uint64_t hash, const std::uint8_t* key) const;
  // pruneTombstones (Go 1.25+): best effort; turns unneeded tombstones EMPTY.
  void prune_tombstones(Addr m) const;
  void clear() const;  // table.Clear
  // rehash: grow to twice the capacity, or split at maxTableCapacity.
  void rehash(Addr m) const;

  void check_invariants(Addr m) const;

 private:
  void set_used(std::uint16_t v) const;
  void set_growth_left(std::uint16_t v) const;
  void set_ctrl(Addr g, std::uint64_t i, std::uint8_t c) const;
  void reset(std::uint16_t capacity) const;
  void grow(Addr m, std::uint16_t new_capacity) const;
  void split(Addr m) const;
  // Re-inserts every full slot of this table into `dst` or, with a split
  // mask, into left/right by that hash bit.
  void move_entries(Addr m, Addr dst_left, Addr dst_right, std::uint64_t mask) const;

  const SwissMap& sm_;
  Addr t_;
};

}  // namespace bucketlab::maps::swiss
