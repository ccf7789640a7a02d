// map.go, runtime.go, runtime_fast*.go and the Iter of table.go, step for
// step (Go 1.26, internal/runtime/maps).
#include "core/maps/swiss_map.h"

#include <cstring>
#include <string>
#include <vector>

#include "core/common/check.h"
#include "core/runtime/panic.h"

namespace bucketlab::maps::swiss {

using runtime::Runtime;
namespace ml = map_layout;

namespace {
// runtime.maxAlloc on 64-bit linux: 1 << heapAddrBits (48).
constexpr std::uint64_t kMaxAlloc = std::uint64_t{1} << 48;

int trailing_zeros(std::uint64_t x) {
  int n = 0;
  while (n < 64 && !((x >> n) & 1)) ++n;
  return n;
}

// A key copied out of simulated memory into a host buffer.
struct KeyBuf {
  std::uint8_t small[64];
  std::vector<std::uint8_t> big;
  std::uint8_t* p = small;
  KeyBuf(const SwissMap& sm, Addr k) {
    const Type* t = sm.type().key;
    if (t->size > sizeof small) {
      big.resize(t->size);
      p = big.data();
    }
    sm.alg().read(t, k, p);
  }
};
}  // namespace

// ---- helpers ---------------------------------------------------------------

std::uint64_t SwissMap::hash_at(Addr m, Addr k) const {
  const KeyBuf kb(*this, k);
  return hash(m, kb.p);
}

bool SwissMap::key_reflexive_at(Addr k) const {
  if (t_.reflexive_key) return true;
  const KeyBuf kb(*this, k);
  return alg_.equal_host_host(t_.key, kb.p, kb.p);
}

void SwissMap::typedmemclr(const Type* t, Addr a) const {
  if (!t->has_pointers()) {
    rt_.memclr(a, t->size);
    return;
  }
  // The write barrier shades the old pointers before they go.
  for (std::uint64_t w = 0; w < t->size / 8; ++w) {
    if (t->is_pointer_word(w))
      rt_.store_pointer(a + 8 * w, kNil);
    else
      rt_.store_u64(a + 8 * w, 0);
  }
  if (t->size % 8) rt_.memclr(a + t->size / 8 * 8, t->size % 8);
}

Addr SwissMap::fill_slot(Addr g, std::uint64_t i, const std::uint8_t* key) const {
  Addr slot_k = slot_key(g, i);
  if (t_.indirect_key) {
    const Addr kmem = rt_.newobject(t_.key, roles_.key);
    rt_.store_pointer(slot_k, kmem);
    slot_k = kmem;
  }
  rt_.typedmemmove_from_host(t_.key, slot_k, key);
  Addr slot_e = slot_elem(g, i);
  if (t_.indirect_elem) {
    const Addr emem = rt_.newobject(t_.elem, roles_.elem);
    rt_.store_pointer(slot_e, emem);
    slot_e = emem;
  }
  return slot_e;
}

void SwissMap::clear_slot(Addr g, std::uint64_t i) const {
  // Clearing the pointer is enough for indirect slots; a direct key only
  // if it holds pointers; the elem always (compound assignment relies on
  // deleted values being zero, #25936).
  if (t_.indirect_key)
    rt_.store_pointer(slot_key(g, i), kNil);
  else if (t_.key->has_pointers())
    typedmemclr(t_.key, slot_key(g, i));
  if (t_.indirect_elem)
    rt_.store_pointer(slot_elem(g, i), kNil);
  else
    typedmemclr(t_.elem, slot_elem(g, i));
}

void SwissMap::end_write(Addr m) const {
  if (writing(m) == 0) throw runtime::GoFatal("concurrent map writes");
  toggle_writing(m);
}

// ---- directory -------------------------------------------------------------

std::uint64_t SwissMap::directory_index(Addr m, std::uint64_t hash) const {
  if (dir_len(m) == 1) return 0;
  return hash >> (global_shift(m) & 63);
}

void SwissMap::replace_table(Addr m, Addr nt) const {
  // A table below globalDepth owns 2^(globalDepth-localDepth) consecutive entries.
  const Table t(*this, nt);
  const std::uint64_t entries = std::uint64_t{1} << (global_depth(m) - t.local_depth());
  for (std::uint64_t i = 0; i < entries; ++i) directory_set(m, static_cast<std::uint64_t>(t.index()) + i, nt);
}

void SwissMap::install_table_split(Addr m, Addr old, Addr left, Addr right) const {
  const Table o(*this, old);
  if (o.local_depth() == global_depth(m)) {
    // No room for another level: double the directory. Entry i becomes
    // 2i and 2i+1; a table's index doubles the first time it is seen.
    const std::uint64_t n = static_cast<std::uint64_t>(dir_len(m));
    const Addr new_dir = rt_.newarray(t_.table_ptr, static_cast<std::int64_t>(2 * n), roles_.directory);
    for (std::uint64_t i = 0; i < n; ++i) {
      const Addr t = directory_at(m, i);
      rt_.store_pointer(new_dir + 16 * i, t);
      rt_.store_pointer(new_dir + 16 * i + 8, t);
      if (Table(*this, t).index() == static_cast<std::int64_t>(i))
        rt_.store_u64(t + table_layout::kIndex, 2 * i);
    }
    rt_.store_u8(m + ml::kGlobalDepth, static_cast<std::uint8_t>(global_depth(m) + 1));
    rt_.store_u8(m + ml::kGlobalShift, static_cast<std::uint8_t>(global_shift(m) - 1));
    rt_.store_pointer(m + ml::kDirPtr, new_dir);
    rt_.store_u64(m + ml::kDirLen, 2 * n);
    rt_.events().emit(EventKind::SwissDirGrow, id_, global_depth(m));
  }
  // left and right may each still span several entries if the directory
  // grew more than once since old was last split.
  rt_.store_u64(left + table_layout::kIndex, static_cast<std::uint64_t>(o.index()));
  replace_table(m, left);
  const std::uint64_t entries = std::uint64_t{1} << (global_depth(m) - Table(*this, left).local_depth());
  rt_.store_u64(right + table_layout::kIndex, static_cast<std::uint64_t>(o.index()) + entries);
  replace_table(m, right);
}

// ---- make --------------------------------------------------------------------

Addr SwissMap::make(std::int64_t hint, std::uint64_t seed) const {
  if (hint < 0) hint = 0;  // makemap
  const Addr m = rt_.newobject(t_.map_header, roles_.map);
  Runtime::LocalRoot keep(rt_, m);
  rt_.store_u64(m + ml::kSeed, seed);
  const auto h = static_cast<std::uint64_t>(hint);
  // Up to 8 entries fit the one group the first assignment allocates.
  if (h <= kGroupSlots) return m;
  // Room for hint entries at 7/8 load, spread over tables of at most 1024.
  const std::uint64_t target = (h * kGroupSlots) / kMaxAvgGroupLoad;
  if (target < h) return m;  // overflow: an empty map
  const std::uint64_t dir_size = align_up_pow2((target + kMaxTableCapacity - 1) / kMaxTableCapacity);
  if (dir_size == 0 || dir_size > ~std::uint64_t{0} / kMaxTableCapacity) return m;
  const std::uint64_t slots = dir_size * kMaxTableCapacity;
  if (slots > ~std::uint64_t{0} / t_.group_size || slots * t_.group_size > kMaxAlloc) return m;
  const auto depth = static_cast<std::uint8_t>(trailing_zeros(dir_size));
  rt_.store_u8(m + ml::kGlobalDepth, depth);
  rt_.store_u8(m + ml::kGlobalShift, static_cast<std::uint8_t>(64 - depth));
  const Addr dir = rt_.newarray(t_.table_ptr, static_cast<std::int64_t>(dir_size), roles_.directory);
  Runtime::LocalRoot keep_dir(rt_, dir);
  for (std::uint64_t i = 0; i < dir_size; ++i)
    rt_.store_pointer(dir + 8 * i, Table::make(*this, target / dir_size, static_cast<std::int64_t>(i), depth));
  rt_.store_pointer(m + ml::kDirPtr, dir);
  rt_.store_u64(m + ml::kDirLen, dir_size);
  return m;
}

void SwissMap::grow_to_small(Addr m) const {
  const Addr g = rt_.newarray(t_.group, 1, roles_.small_group);
  rt_.store_pointer(m + ml::kDirPtr, g);
  rt_.store_u64(g, kBitsetEmpty);
}

void SwissMap::grow_to_table(Addr m) const {
  const Addr tab = Table::make(*this, 2 * kGroupSlots, 0, 0);
  Runtime::LocalRoot keep(rt_, tab);
  const Addr g = dir_ptr(m);
  for (std::uint64_t i = 0; i < kGroupSlots; ++i) {
    if ((rt_.load_u8(g + i) & kCtrlEmpty) == kCtrlEmpty) continue;
    const Addr key = key_at(g, i);
    Table(*this, tab).unchecked_put_slot(hash_at(m, key), key, elem_at(g, i));
  }
  const Addr dir = rt_.newarray(t_.table_ptr, 1, roles_.directory);
  rt_.store_pointer(dir, tab);
  rt_.store_pointer(m + ml::kDirPtr, dir);
  rt_.store_u64(m + ml::kDirLen, 1);
  rt_.store_u8(m + ml::kGlobalDepth, 0);
  rt_.store_u8(m + ml::kGlobalShift, 64);
  // The small group (8 slots) became a table of 16: reported as a grow of table 0.
  rt_.events().emit(EventKind::SwissTableGrow, id_, 0, kGroupSlots, 2 * kGroupSlots);
}

// ---- lookup ------------------------------------------------------------------

std::pair<Addr, Addr> SwissMap::get_with_key_small(Addr m, std::uint64_t hash, const std::uint8_t* key) const {
  const Addr g = dir_ptr(m);
  for (Bitset match = CtrlGroup{rt_.load_u64(g)}.match_h2(h2(hash)); !match.empty(); match = match.remove_first()) {
    const std::uint64_t i = match.first();
    const Addr k = key_at(g, i);
    if (key_equal(key, k)) return {k, elem_at(g, i)};
  }
  return {kNil, kNil};  // one group: no probing, no empty-slot check
}

std::pair<Addr, Addr> SwissMap::access_k(Addr m, const std::uint8_t* key) const {
  if (m == kNil || used(m) == 0) return {kNil, kNil};
  if (writing(m) != 0) throw runtime::GoFatal("concurrent map read and map write");
  const std::uint64_t h = hash(m, key);
  if (dir_len(m) == 0) return get_with_key_small(m, h, key);
  return Table(*this, directory_at(m, directory_index(m, h))).get_with_key(h, key);
}

Addr SwissMap::access(Addr m, const std::uint8_t* key) const { return access_k(m, key).second; }

// ---- assignment --------------------------------------------------------------

Addr SwissMap::put_slot_small(Addr m, std::uint64_t hash, const std::uint8_t* key) const {
  const Addr g = dir_ptr(m);
  const CtrlGroup c{rt_.load_u64(g)};
  for (Bitset match = c.match_h2(h2(hash)); !match.empty(); match = match.remove_first()) {
    const std::uint64_t i = match.first();
    const Addr k = key_at(g, i);
    if (key_equal(key, k)) {
      if (t_.need_key_update) rt_.typedmemmove_from_host(t_.key, k, key);
      return elem_at(g, i);
    }
  }
  // Small maps hold no tombstones: the lowest free slot is empty.
  const Bitset free = c.match_empty_or_deleted();
  if (free.empty()) throw runtime::GoFatal("small map with no empty slot (concurrent map writes?)");
  const std::uint64_t i = free.first();
  const Addr elem = fill_slot(g, i, key);
  rt_.store_u8(g + i, h2(hash));
  add_used(m, 1);
  return elem;
}

Addr SwissMap::assign(Addr m, const std::uint8_t* key) const {
  if (m == kNil) throw runtime::GoPanic("assignment to entry in nil map");
  if (writing(m) != 0) throw runtime::GoFatal("concurrent map writes");
  // Hash before setting writing: a hash may panic without a write happening.
  const std::uint64_t h = hash(m, key);
  toggle_writing(m);
  if (dir_ptr(m) == kNil) grow_to_small(m);
  if (dir_len(m) == 0) {
    if (used(m) < kGroupSlots) {
      const Addr elem = put_slot_small(m, h, key);
      end_write(m);
      return elem;
    }
    // Full: convert to a table, even when the key is already present (Go's TODO).
    grow_to_table(m);
  }
  Addr elem = kNil;
  // A rehash replaces the table (or splits it): select it again and retry.
  while (elem == kNil) elem = Table(*this, directory_at(m, directory_index(m, h))).put_slot(m, h, key);
  end_write(m);
  return elem;
}

// ---- deletion ----------------------------------------------------------------

void SwissMap::delete_small(Addr m, std::uint64_t hash, const std::uint8_t* key) const {
  const Addr g = dir_ptr(m);
  for (Bitset match = CtrlGroup{rt_.load_u64(g)}.match_h2(h2(hash)); !match.empty(); match = match.remove_first()) {
    const std::uint64_t i = match.first();
    if (!key_equal(key, key_at(g, i))) continue;
    add_used(m, -1);
    clear_slot(g, i);
    rt_.store_u8(g + i, kCtrlEmpty);  // one group: the slot is reusable at once
    return;
  }
}

void SwissMap::remove(Addr m, const std::uint8_t* key) const {
  if (m == kNil || used(m) == 0) return;
  if (writing(m) != 0) throw runtime::GoFatal("concurrent map writes");
  const std::uint64_t h = hash(m, key);
  toggle_writing(m);
  if (dir_len(m) == 0) {
    delete_small(m, h, key);
  } else if (Table(*this, directory_at(m, directory_index(m, h))).remove(m, h, key)) {
    // Go 1.25+ tracks whether any tombstone may exist (Clear of an empty map).
    if (rt_.version().swiss_tombstone_pruning()) rt_.store_u8(m + ml::kTombstonePossible, 1);
  }
  // An emptied map gets a new seed (#25237).
  if (used(m) == 0) set_seed(m, rt_.rng().next64());
  end_write(m);
}

// ---- clear -------------------------------------------------------------------

void SwissMap::clear_small(Addr m) const {
  const Addr g = dir_ptr(m);
  typedmemclr(t_.group, g);
  rt_.store_u64(g, kBitsetEmpty);
  rt_.store_u64(m + ml::kUsed, 0);
}

bool SwissMap::clear(Addr m) const {
  if (m == kNil || (used(m) == 0 && !tombstone_possible(m))) return false;
  if (writing(m) != 0) throw runtime::GoFatal("concurrent map writes");
  toggle_writing(m);
  if (dir_len(m) == 0) {
    clear_small(m);
  } else {
    // Each table once; the directory and every table's capacity are kept.
    Addr last = kNil;
    for (std::uint64_t i = 0; i < static_cast<std::uint64_t>(dir_len(m)); ++i) {
      const Addr t = directory_at(m, i);
      if (t == last) continue;
      Table(*this, t).clear();
      last = t;
    }
    rt_.store_u64(m + ml::kUsed, 0);
    rt_.store_u8(m + ml::kTombstonePossible, 0);
  }
  rt_.store_u64(m + ml::kClearSeq, clear_seq(m) + 1);
  set_seed(m, rt_.rng().next64());
  end_write(m);
  return true;
}

// ---- iteration ---------------------------------------------------------------

void SwissMap::iter_init(Addr m, Iter& it, std::uint64_t entry_offset, std::uint64_t dir_offset) const {
  it = Iter{};
  if (m != kNil && used(m) != 0) {
    it.m = m;
    it.entry_offset = entry_offset;
    it.dir_offset = dir_offset;
    it.global_depth = global_depth(m);
    // dirIdx -1 marks a map that was small at Init.
    if (dir_len(m) <= 0) {
      it.dir_idx = -1;
      it.group = dir_ptr(m);
    }
    it.clear_seq = clear_seq(m);
  }
  iter_next(it);
}

std::pair<Addr, Addr> SwissMap::grown_key_elem(const Iter& it, Addr key, std::uint64_t slot) const {
  const KeyBuf kb(*this, key);
  auto [nk, ne] = access_k(it.m, kb.p);
  if (nk != kNil) return {nk, ne};
  // Not found: deleted, unless the key is not equal to itself (NaN), which
  // only a clear can remove; then the old group still has it as it was.
  if (it.clear_seq == clear_seq(it.m) && !alg_.equal_host_host(t_.key, kb.p, kb.p))
    return {key, elem_at(it.group, slot)};
  return {kNil, kNil};
}

void SwissMap::iter_next(Iter& it) const {
  if (it.m == kNil) {  // empty at Init
    it.key = it.elem = kNil;
    return;
  }
  const Addr m = it.m;
  if (writing(m) != 0) throw runtime::GoFatal("concurrent map iteration and map write");

  if (it.dir_idx < 0) {
    // Small at Init: walk that group from a random slot. If the map has
    // grown into tables since, the group still decides which keys to
    // return, but their current values come from a lookup.
    for (; it.entry_idx < kGroupSlots; ++it.entry_idx) {
      const std::uint64_t k = (it.entry_idx + it.entry_offset) % kGroupSlots;
      if ((rt_.load_u8(it.group + k) & kCtrlEmpty) == kCtrlEmpty) continue;
      Addr key = key_at(it.group, k);
      Addr elem;
      if (dir_len(m) > 0) {
        auto [nk, ne] = grown_key_elem(it, key, k);
        if (nk == kNil) continue;
        key = nk;
        elem = ne;
      } else {
        elem = elem_at(it.group, k);
      }
      ++it.entry_idx;
      it.key = key;
      it.elem = elem;
      return;
    }
    it.key = it.elem = kNil;
    return;
  }

  if (it.global_depth != global_depth(m)) {
    // The directory grew since the last call: scale the index and offset
    // with it ((a % n)·2^k = (a·2^k) % (n·2^k)).
    const int orders = global_depth(m) - it.global_depth;
    it.dir_idx <<= orders;
    it.dir_offset <<= orders;
    it.global_depth = global_depth(m);
  }

  // nextDirIdx: skip every directory entry of the table just walked (its
  // localDepth tells how many), which also skips a split table's halves.
  auto next_dir_idx = [&] {
    it.dir_idx += std::int64_t{1} << (global_depth(m) - Table(*this, it.tab).local_depth());
    it.tab = kNil;
    it.group = kNil;
    it.entry_idx = 0;
  };
  for (; it.dir_idx < dir_len(m); next_dir_idx()) {
    if (it.tab == kNil) {
      auto dir_idx = static_cast<std::int64_t>((static_cast<std::uint64_t>(it.dir_idx) + it.dir_offset) &
                                               static_cast<std::uint64_t>(dir_len(m) - 1));
      const Addr new_tab = directory_at(m, static_cast<std::uint64_t>(dir_idx));
      const std::int64_t ti = Table(*this, new_tab).index();
      if (ti != dir_idx) {
        // The random first index fell inside a run of entries: move the
        // offset once so iteration starts at the table's first entry.
        it.dir_offset -= static_cast<std::uint64_t>(dir_idx - ti);
      }
      it.tab = new_tab;
    }
    // The table selected at the start keeps deciding the keys, even if it
    // has been replaced since (grown: index -1).
    const Table tab(*this, it.tab);
    const std::uint64_t entry_mask = std::uint64_t{tab.capacity()} - 1;
    if (it.entry_idx > entry_mask) continue;

    // Fast path: most slots of a loaded table are full.
    std::uint64_t entry_idx = (it.entry_idx + it.entry_offset) & entry_mask;
    std::uint64_t slot = entry_idx & (kGroupSlots - 1);
    if (slot == 0 || it.group == kNil) it.group = tab.group(entry_idx >> kGroupSlotsBits);
    if ((rt_.load_u8(it.group + slot) & kCtrlEmpty) == 0) {
      Addr key = key_at(it.group, slot);
      Addr elem = kNil;
      bool skip = false;
      if (tab.index() == -1) {
        auto [nk, ne] = grown_key_elem(it, key, slot);
        skip = nk == kNil;
        key = nk;
        elem = ne;
      } else {
        elem = elem_at(it.group, slot);
      }
      if (!skip) {
        ++it.entry_idx;
        it.key = key;
        it.elem = elem;
        return;
      }
    }
    ++it.entry_idx;

    // Slow path: jump to the next full slot with a control-word match.
    Bitset group_match;
    while (it.entry_idx <= entry_mask) {
      entry_idx = (it.entry_idx + it.entry_offset) & entry_mask;
      slot = entry_idx & (kGroupSlots - 1);
      if (slot == 0 || it.group == kNil) it.group = tab.group(entry_idx >> kGroupSlotsBits);
      if (group_match.empty()) {
        group_match = CtrlGroup{rt_.load_u64(it.group)}.match_full();
        if (slot != 0) group_match = group_match.remove_below(slot);  // entered mid-group
        if (group_match.empty()) {
          it.entry_idx += kGroupSlots - slot;  // nothing full in the rest of this group
          continue;
        }
        const std::uint64_t i = group_match.first();
        it.entry_idx += i - slot;
        if (it.entry_idx > entry_mask) continue;  // past the end of this table
        slot = i;
      }
      Addr key = key_at(it.group, slot);
      Addr elem = kNil;
      if (tab.index() == -1) {
        auto [nk, ne] = grown_key_elem(it, key, slot);
        if (nk == kNil) {
          group_match = group_match.remove_first();
          if (group_match.empty()) {
            it.entry_idx += kGroupSlots - slot;
            continue;
          }
          it.entry_idx += group_match.first() - slot;
          continue;
        }
        key = nk;
        elem = ne;
      } else {
        elem = elem_at(it.group, slot);
      }
      group_match = group_match.remove_first();
      if (group_match.empty())
        it.entry_idx += kGroupSlots - slot;
      else
        it.entry_idx += group_match.first() - slot;
      it.key = key;
      it.elem = elem;
      return;
    }
  }
  it.key = it.elem = kNil;
}

// ---- invariants --------------------------------------------------------------

void SwissMap::check_invariants(Addr m) const {
  if (m == kNil) return;
  auto fail = [&](const std::string& what) { throw InvariantError("swiss map: " + what); };
  if (writing(m) != 0) fail("writing set between operations");
  const Addr dp = dir_ptr(m);
  const std::int64_t dl = dir_len(m);
  const std::uint64_t n_used = used(m);
  if (dp == kNil) {
    if (n_used != 0 || dl != 0) fail("no storage but used or dirLen set");
    return;
  }
  if (dl == 0) {
    // Small map: one group, no tombstones, every key findable.
    const CtrlGroup c{rt_.load_u64(dp)};
    std::uint64_t full = 0;
    for (std::uint64_t i = 0; i < kGroupSlots; ++i) {
      const std::uint8_t b = c.get(i);
      if (b == kCtrlDeleted) fail("tombstone in a small map");
      if (b == kCtrlEmpty) {
        if (t_.indirect_key && rt_.load_pointer(slot_key(dp, i)) != kNil) fail("empty slot holds a key pointer");
        continue;
      }
      if (b & 0x80) fail("bad control byte in the small group");
      ++full;
      const Addr k = key_at(dp, i);
      if (k == kNil) fail("full slot without its indirect key");
      if (!key_reflexive_at(k)) continue;
      const KeyBuf kb(*this, k);
      const std::uint64_t h = hash(m, kb.p);
      if (h2(h) != b) fail("control byte is not the key's H2");
      if (get_with_key_small(m, h, kb.p).first != k) fail("key not findable in the small group");
    }
    if (full != n_used) fail("used " + std::to_string(n_used) + " != full slots " + std::to_string(full));
    return;
  }
  const std::uint8_t gd = global_depth(m);
  if (gd > 63 || dl != (std::int64_t{1} << gd)) fail("dirLen is not 1 << globalDepth");
  if (global_shift(m) != 64 - gd) fail("globalShift is not 64 - globalDepth");
  std::uint64_t total = 0;
  for (std::uint64_t i = 0; i < static_cast<std::uint64_t>(dl);) {
    const Addr ta = directory_at(m, i);
    if (ta == kNil) fail("nil directory entry " + std::to_string(i));
    const Table t(*this, ta);
    if (t.index() != static_cast<std::int64_t>(i)) fail("table at entry " + std::to_string(i) + " has index " + std::to_string(t.index()));
    if (t.local_depth() > gd) fail("localDepth above globalDepth");
    const std::uint64_t n = std::uint64_t{1} << (gd - t.local_depth());
    if (i % n != 0) fail("table's directory run is not aligned");
    for (std::uint64_t j = i; j < i + n; ++j)
      if (directory_at(m, j) != ta) fail("directory entry " + std::to_string(j) + " does not alias its table");
    t.check_invariants(m);
    total += t.used();
    i += n;
  }
  if (total != n_used) fail("used " + std::to_string(n_used) + " != sum over tables " + std::to_string(total));
}

}  // namespace bucketlab::maps::swiss
