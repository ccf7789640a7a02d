// table.go, step for step (Go 1.26, internal/runtime/maps/table.go).
#include "core/maps/swiss_table.h"

#include <string>
#include <vector>

#include "core/common/check.h"
#include "core/maps/swiss_map.h"
#include "core/runtime/panic.h"

namespace bucketlab::maps::swiss {

using runtime::Runtime;
namespace tl = table_layout;

std::uint16_t Table::used() const { return sm_.rt().load_u16(t_ + tl::kUsed); }
std::uint16_t Table::capacity() const { return sm_.rt().load_u16(t_ + tl::kCapacity); }
std::uint16_t Table::growth_left() const { return sm_.rt().load_u16(t_ + tl::kGrowthLeft); }
std::uint8_t Table::local_depth() const { return sm_.rt().load_u8(t_ + tl::kLocalDepth); }
std::int64_t Table::index() const { return static_cast<std::int64_t>(sm_.rt().load_u64(t_ + tl::kIndex)); }
Addr Table::groups_data() const { return sm_.rt().load_pointer(t_ + tl::kGroupsData); }
std::uint64_t Table::length_mask() const { return sm_.rt().load_u64(t_ + tl::kGroupsLengthMask); }
Addr Table::group(std::uint64_t i) const { return groups_data() + i * sm_.type().group_size; }
CtrlGroup Table::ctrls(std::uint64_t i) const { return CtrlGroup{sm_.rt().load_u64(group(i))}; }
void Table::set_used(std::uint16_t v) const { sm_.rt().store_u16(t_ + tl::kUsed, v); }
void Table::set_growth_left(std::uint16_t v) const { sm_.rt().store_u16(t_ + tl::kGrowthLeft, v); }
void Table::set_ctrl(Addr g, std::uint64_t i, std::uint8_t c) const { sm_.rt().store_u8(g + i, c); }

Addr Table::make(const SwissMap& sm, std::uint64_t capacity, std::int64_t index, std::uint8_t local_depth) {
  if (capacity < kGroupSlots) capacity = kGroupSlots;
  if (capacity > kMaxTableCapacity) throw runtime::GoPanic("initial table capacity too large");
  Runtime& rt = sm.rt();
  // &table{index, localDepth}, then reset allocates the groups: the table
  // struct is the older object of the two.
  const Addr t = rt.newobject(sm.type().table, sm.roles().table);
  Runtime::LocalRoot keep(rt, t);
  rt.store_u64(t + tl::kIndex, static_cast<std::uint64_t>(index));
  rt.store_u8(t + tl::kLocalDepth, local_depth);
  // Power-of-two group count, so probeSeq visits every group.
  Table(sm, t).reset(static_cast<std::uint16_t>(align_up_pow2(capacity)));
  return t;
}

void Table::reset(std::uint16_t capacity) const {
  Runtime& rt = sm_.rt();
  const std::uint64_t group_count = capacity / kGroupSlots;
  const Addr groups = rt.newarray(sm_.type().group, static_cast<std::int64_t>(group_count), sm_.roles().groups);
  rt.store_pointer(t_ + tl::kGroupsData, groups);
  rt.store_u64(t_ + tl::kGroupsLengthMask, group_count - 1);
  rt.store_u16(t_ + tl::kCapacity, capacity);
  set_growth_left(max_growth_left());
  for (std::uint64_t i = 0; i < group_count; ++i) rt.store_u64(group(i), kBitsetEmpty);
}

std::uint16_t Table::max_growth_left() const {
  const std::uint16_t cap = capacity();
  if (cap == 0) throw runtime::GoPanic("table must have positive capacity");
  // One group: all slots but one, which must stay empty to end probes.
  if (cap <= kGroupSlots) return static_cast<std::uint16_t>(cap - 1);
  return static_cast<std::uint16_t>(cap * kMaxAvgGroupLoad / kGroupSlots);
}

std::uint16_t Table::tombstones() const {
  return static_cast<std::uint16_t>(capacity() * kMaxAvgGroupLoad / kGroupSlots - used() - growth_left());
}

std::pair<Addr, Addr> Table::get_with_key(std::uint64_t hash, const std::uint8_t* key) const {
  const std::uint8_t h2hash = h2(hash);
  for (ProbeSeq seq = ProbeSeq::make(h1(hash), length_mask());; seq = seq.next()) {
    const Addr g = group(seq.offset);
    const CtrlGroup c{sm_.rt().load_u64(g)};
    for (Bitset match = c.match_h2(h2hash); !match.empty(); match = match.remove_first()) {
      const std::uint64_t i = match.first();
      const Addr k = sm_.key_at(g, i);
      if (sm_.key_equal(key, k)) return {k, sm_.elem_at(g, i)};
    }
    // An empty slot ends the probe sequence: the key is absent.
    if (!c.match_empty().empty()) return {kNil, kNil};
  }
}

Addr Table::put_slot(Addr m, std::uint64_t hash, const std::uint8_t* key) const {
  Runtime& rt = sm_.rt();
  const MapType& t = sm_.type();
  // The first tombstone seen on the way, reused if the key is absent.
  Addr first_deleted_group = kNil;
  std::uint64_t first_deleted_slot = 0;
  const std::uint8_t h2hash = h2(hash);
  for (ProbeSeq seq = ProbeSeq::make(h1(hash), length_mask());; seq = seq.next()) {
    Addr g = group(seq.offset);
    CtrlGroup c{rt.load_u64(g)};
    for (Bitset match = c.match_h2(h2hash); !match.empty(); match = match.remove_first()) {
      const std::uint64_t i = match.first();
      const Addr k = sm_.key_at(g, i);
      if (sm_.key_equal(key, k)) {
        if (t.need_key_update) sm_.rt().typedmemmove_from_host(t.key, k, key);
        return sm_.elem_at(g, i);
      }
    }
    // Not in this group. The end of the probe sequence?
    const Bitset free = c.match_empty_or_deleted();
    if (free.empty()) continue;  // only full slots: keep probing
    std::uint64_t i = free.first();
    if (c.get(i) == kCtrlDeleted) {
      // A tombstone (its group has no empty slot): remember the first one.
      if (first_deleted_group == kNil) {
        first_deleted_group = g;
        first_deleted_slot = i;
      }
      continue;
    }
    // An empty slot: the key is absent. Reusing a tombstone costs no growthLeft.
    if (first_deleted_group != kNil) {
      g = first_deleted_group;
      i = first_deleted_slot;
      set_growth_left(static_cast<std::uint16_t>(growth_left() + 1));  // undone below
    }
    // Go 1.25+: out of room, first try to drop tombstones (PutSlot and the
    // fast32/fast64/faststr assigns; not the generic or *ptr ones in 1.26).
    if (growth_left() == 0 && t.prunes_tombstones) prune_tombstones(m);
    if (growth_left() > 0) {
      const Addr elem = sm_.fill_slot(g, i, key);
      set_ctrl(g, i, h2hash);
      set_growth_left(static_cast<std::uint16_t>(growth_left() - 1));
      set_used(static_cast<std::uint16_t>(used() + 1));
      sm_.add_used(m, 1);
      return elem;
    }
    rehash(m);
    return kNil;
  }
}

void Table::unchecked_put_slot(std::uint64_t hash, Addr key, Addr elem) const {
  if (growth_left() == 0) throw runtime::GoPanic("invariant failed: growthLeft is unexpectedly 0");
  const MapType& t = sm_.type();
  Runtime& rt = sm_.rt();
  // The first group of the probe with a free slot; its lowest free slot.
  for (ProbeSeq seq = ProbeSeq::make(h1(hash), length_mask());; seq = seq.next()) {
    const Addr g = group(seq.offset);
    const Bitset match = CtrlGroup{rt.load_u64(g)}.match_empty_or_deleted();
    if (match.empty()) continue;
    const std::uint64_t i = match.first();
    if (t.indirect_key)
      rt.store_pointer(sm_.slot_key(g, i), key);
    else
      sm_.rt().typedmemmove(t.key, sm_.slot_key(g, i), key);
    if (t.indirect_elem)
      rt.store_pointer(sm_.slot_elem(g, i), elem);
    else
      sm_.rt().typedmemmove(t.elem, sm_.slot_elem(g, i), elem);
    set_growth_left(static_cast<std::uint16_t>(growth_left() - 1));
    set_used(static_cast<std::uint16_t>(used() + 1));
    set_ctrl(g, i, h2(hash));
    return;
  }
}

bool Table::remove(Addr m, std::uint64_t hash, const std::uint8_t* key) const {
  Runtime& rt = sm_.rt();
  const std::uint8_t h2hash = h2(hash);
  for (ProbeSeq seq = ProbeSeq::make(h1(hash), length_mask());; seq = seq.next()) {
    const Addr g = group(seq.offset);
    const CtrlGroup c{rt.load_u64(g)};
    for (Bitset match = c.match_h2(h2hash); !match.empty(); match = match.remove_first()) {
      const std::uint64_t i = match.first();
      if (!sm_.key_equal(key, sm_.key_at(g, i))) continue;
      set_used(static_cast<std::uint16_t>(used() - 1));
      sm_.add_used(m, -1);
      sm_.clear_slot(g, i);
      // Only a full group can sit in the middle of a probe sequence, and a
      // full group stays full until rehash. A group with an empty slot can
      // take the slot back as empty; a full one needs a tombstone.
      if (!c.match_empty().empty()) {
        set_ctrl(g, i, kCtrlEmpty);
        set_growth_left(static_cast<std::uint16_t>(growth_left() + 1));
        return false;
      }
      set_ctrl(g, i, kCtrlDeleted);
      return true;
    }
    if (!c.match_empty().empty()) return false;  // end of the probe: absent
  }
}

void Table::prune_tombstones(Addr m) const {
  Runtime& rt = sm_.rt();
  const std::uint16_t cap = capacity();
  if (tombstones() * 10u < cap) return;  // under 10% of capacity: not worth it
  // Groups whose tombstones some live key's probe sequence walks past.
  std::vector<bool> needed(length_mask() + 1, false);
  std::vector<std::uint8_t> kb(sm_.type().key->size);
  for (std::uint64_t i = 0; i <= length_mask(); ++i) {
    const Addr g = group(i);
    const CtrlGroup c{rt.load_u64(g)};
    for (Bitset match = c.match_full(); !match.empty(); match = match.remove_first()) {
      const std::uint64_t j = match.first();
      const Addr k = sm_.key_at(g, j);
      // A key not equal to itself (NaN) is never looked up, only iterated:
      // its probe sequence may break.
      if (!sm_.key_reflexive_at(k)) continue;
      sm_.alg().read(sm_.type().key, k, kb.data());
      const std::uint64_t hash = sm_.hash(m, kb.data());
      for (ProbeSeq seq = ProbeSeq::make(h1(hash), length_mask()); seq.offset != i; seq = seq.next()) {
        // Before the key's own group, a group with a free slot must hold a
        // tombstone (an empty one would have ended the probe).
        if (!ctrls(seq.offset).match_empty_or_deleted().empty()) needed[seq.offset] = true;
      }
    }
    // Groups with an empty slot hold no tombstones: keep them out of the count.
    if (!c.match_empty().empty()) needed[i] = true;
  }
  int cnt = 0;
  for (std::uint64_t i = 0; i <= length_mask(); ++i)
    if (!needed[i]) cnt += ctrls(i).match_empty_or_deleted().count();  // all tombstones
  if (cnt * 10 < static_cast<int>(cap)) return;  // cannot restore 10%: the caller grows instead
  for (std::uint64_t i = 0; i <= length_mask(); ++i) {
    if (needed[i]) continue;
    const Addr g = group(i);
    for (Bitset match = ctrls(i).match_empty_or_deleted(); !match.empty(); match = match.remove_first()) {
      set_ctrl(g, match.first(), kCtrlEmpty);
      set_growth_left(static_cast<std::uint16_t>(growth_left() + 1));
    }
  }
  rt.events().emit(EventKind::SwissTombstonesCleared, sm_.id(), static_cast<std::uint64_t>(index()),
                   static_cast<std::uint64_t>(cnt));
}

void Table::clear() const {
  const std::uint16_t mgl = max_growth_left();
  if (used() == 0 && growth_left() == mgl) return;  // no entries and no tombstones
  const MapType& t = sm_.type();
  Runtime& rt = sm_.rt();
  // Go zeroes whole groups, and only tests a group for full slots first
  // when most groups are likely empty or slots are large (#75097).
  bool full_test = std::uint64_t{used()} * 4 <= length_mask();
  if (t.slot_size > 32) full_test = true;
  for (std::uint64_t i = 0; i <= length_mask(); ++i) {
    const Addr g = group(i);
    if (!full_test || CtrlGroup{rt.load_u64(g)}.any_full()) sm_.typedmemclr(t.group, g);
    rt.store_u64(g, kBitsetEmpty);
  }
  set_used(0);
  set_growth_left(mgl);
}

void Table::rehash(Addr m) const {
  // No rehash in place: it would reorder slots under a running iterator.
  const std::uint64_t new_capacity = 2 * std::uint64_t{capacity()};
  if (new_capacity <= kMaxTableCapacity) {
    grow(m, static_cast<std::uint16_t>(new_capacity));
    return;
  }
  split(m);
}

void Table::move_entries(Addr m, Addr dst_left, Addr dst_right, std::uint64_t mask) const {
  Runtime& rt = sm_.rt();
  for (std::uint64_t i = 0; i <= length_mask(); ++i) {
    const Addr g = group(i);
    for (std::uint64_t j = 0; j < kGroupSlots; ++j) {
      if ((CtrlGroup{rt.load_u64(g)}.get(j) & kCtrlEmpty) == kCtrlEmpty) continue;  // empty or deleted
      const Addr key = sm_.key_at(g, j);
      const Addr elem = sm_.elem_at(g, j);
      const std::uint64_t hash = sm_.hash_at(m, key);
      const Addr dst = (mask != 0 && (hash & mask) != 0) ? dst_right : dst_left;
      Table(sm_, dst).unchecked_put_slot(hash, key, elem);
    }
  }
}

void Table::grow(Addr m, std::uint16_t new_capacity) const {
  Runtime& rt = sm_.rt();
  const std::uint16_t old_capacity = capacity();
  const std::int64_t idx = index();
  const Addr nt = make(sm_, new_capacity, idx, local_depth());
  Runtime::LocalRoot keep(rt, nt);
  if (old_capacity > 0) move_entries(m, nt, kNil, 0);
  sm_.replace_table(m, nt);
  rt.store_u64(t_ + tl::kIndex, static_cast<std::uint64_t>(std::int64_t{-1}));  // stale
  rt.events().emit(EventKind::SwissTableGrow, sm_.id(), static_cast<std::uint64_t>(idx), old_capacity, new_capacity);
}

void Table::split(Addr m) const {
  Runtime& rt = sm_.rt();
  const std::uint8_t local_depth1 = static_cast<std::uint8_t>(local_depth() + 1);
  const std::int64_t idx = index();
  const Addr left = make(sm_, kMaxTableCapacity, -1, local_depth1);
  Runtime::LocalRoot keep_left(rt, left);
  const Addr right = make(sm_, kMaxTableCapacity, -1, local_depth1);
  Runtime::LocalRoot keep_right(rt, right);
  // localDepthMask: the new depth's bit, counted from the top of the hash.
  const std::uint64_t mask = std::uint64_t{1} << (64 - local_depth1);
  move_entries(m, left, right, mask);
  sm_.install_table_split(m, t_, left, right);
  rt.store_u64(t_ + tl::kIndex, static_cast<std::uint64_t>(std::int64_t{-1}));
  rt.events().emit(EventKind::SwissTableSplit, sm_.id(), static_cast<std::uint64_t>(idx), local_depth1);
}

void Table::check_invariants(Addr m) const {
  Runtime& rt = sm_.rt();
  const MapType& t = sm_.type();
  auto fail = [&](const std::string& what) {
    throw InvariantError("swiss table " + std::to_string(index()) + ": " + what);
  };
  const std::uint16_t cap = capacity();
  if (cap < kGroupSlots || cap > kMaxTableCapacity || (cap & (cap - 1)) != 0)
    fail("capacity " + std::to_string(cap) + " is not a power of two in [8, 1024]");
  if (length_mask() + 1 != cap / kGroupSlots) fail("lengthMask does not match the capacity");
  if (groups_data() == kNil) fail("no groups");
  if (growth_left() > max_growth_left()) fail("growthLeft above its maximum");
  std::uint64_t full = 0, deleted = 0;
  std::vector<std::uint8_t> kb(t.key->size);
  for (std::uint64_t i = 0; i <= length_mask(); ++i) {
    const Addr g = group(i);
    const CtrlGroup c{rt.load_u64(g)};
    if (!c.match_empty().empty() && c.match_empty_or_deleted().count() != c.match_empty().count())
      fail("group " + std::to_string(i) + " holds both empty slots and tombstones");
    for (std::uint64_t j = 0; j < kGroupSlots; ++j) {
      const std::uint8_t b = c.get(j);
      if (b == kCtrlDeleted) {
        ++deleted;
        continue;
      }
      if (b == kCtrlEmpty) {
        if (t.indirect_key && rt.load_pointer(sm_.slot_key(g, j)) != kNil) fail("empty slot holds a key pointer");
        continue;
      }
      if (b & 0x80) fail("bad control byte");
      ++full;
      const Addr k = sm_.key_at(g, j);
      if (k == kNil) fail("full slot without its indirect key");
      if (t.indirect_elem && sm_.elem_at(g, j) == kNil) fail("full slot without its indirect elem");
      sm_.alg().read(t.key, k, kb.data());
      if (!sm_.key_reflexive_at(k)) continue;  // NaN: hash is random, never looked up
      const std::uint64_t hash = sm_.hash(m, kb.data());
      if (h2(hash) != b) fail("control byte is not the key's H2");
      const std::uint64_t di = sm_.directory_index(m, hash);
      const std::uint64_t n = std::uint64_t{1} << (sm_.global_depth(m) - local_depth());
      if (index() >= 0 && (di < static_cast<std::uint64_t>(index()) || di >= static_cast<std::uint64_t>(index()) + n))
        fail("key outside the table's directory range");
      if (get_with_key(hash, kb.data()).first != k) fail("key not findable from its probe sequence");
    }
  }
  if (full != used()) fail("used " + std::to_string(used()) + " != full slots " + std::to_string(full));
  if (deleted != tombstones())
    fail("tombstones() " + std::to_string(tombstones()) + " != deleted slots " + std::to_string(deleted));
  if (deleted != 0 && rt.version().swiss_tombstone_pruning() && !sm_.tombstone_possible(m))
    fail("tombstone while the map says none is possible");
}

}  // namespace bucketlab::maps::swiss
