// A Swiss-table group and its control word (Go >= 1.24,
// internal/runtime/maps/group.go; constants from internal/abi/map.go):
// 8 slots (key/elem pairs, interleaved) preceded by one 8-byte control
// word, one control byte per slot:
//
//	  empty: 1000_0000 (ctrlEmpty)
//	deleted: 1111_1110 (ctrlDeleted, a tombstone)
//	   full: 0hhh_hhhh (h = H2, the low 7 bits of the key's hash)
//
// The match functions are the portable (SWAR) versions of group.go: a
// bitset has one byte per slot, 0x80 if the slot is in the set. On amd64
// Go uses SIMD intrinsics that pack one bit per slot; `first()` and every
// set they select are the same (matchH2's rare false positives, which only
// cost a key comparison, are the one difference, and they change no state).
//
// Also here: H1/H2 (map.go h1, h2) and the probe sequence over groups
// (table.go probeSeq), which only need the hash and the group count.
#pragma once
#include <cstdint>

namespace bucketlab::maps::swiss {

// internal/abi/map.go: MapGroupSlotsBits, MapGroupSlots, MapMaxKeyBytes, MapMaxElemBytes, MapCtrlEmpty.
inline constexpr int kGroupSlotsBits = 3;
inline constexpr std::uint64_t kGroupSlots = 1 << kGroupSlotsBits;
inline constexpr std::uint64_t kMaxKeyBytes = 128;   // bigger keys are stored indirectly
inline constexpr std::uint64_t kMaxElemBytes = 128;  // bigger elems are stored indirectly

// group.go const block.
inline constexpr std::uint64_t kMaxAvgGroupLoad = 7;  // load factor 7/8
inline constexpr std::uint8_t kCtrlEmpty = 0x80;
inline constexpr std::uint8_t kCtrlDeleted = 0xFE;
inline constexpr std::uint64_t kBitsetLSB = 0x0101010101010101ull;
inline constexpr std::uint64_t kBitsetMSB = 0x8080808080808080ull;
inline constexpr std::uint64_t kBitsetEmpty = kBitsetLSB * kCtrlEmpty;  // a whole control word of ctrlEmpty

// group.go: ctrlGroupsSize / groupSlotsOffset (the control word comes first).
inline constexpr std::uint64_t kCtrlGroupSize = 8;
inline constexpr std::uint64_t kGroupSlotsOffset = kCtrlGroupSize;

// map.go h1/h2: H1 (upper 57 bits) picks the first group of the probe, H2
// (lower 7 bits) is stored in the control byte of a full slot.
inline constexpr std::uint64_t h1(std::uint64_t hash) { return hash >> 7; }
inline constexpr std::uint8_t h2(std::uint64_t hash) { return static_cast<std::uint8_t>(hash & 0x7f); }

// A set of slots of one group (group.go bitset, portable representation).
struct Bitset {
  std::uint64_t v = 0;
  constexpr bool empty() const { return v == 0; }
  // bitsetFirst: index of the lowest slot in the set. Precondition: !empty().
  constexpr std::uint64_t first() const { return static_cast<std::uint64_t>(ctz(v)) >> 3; }
  constexpr Bitset remove_first() const { return {v & (v - 1)}; }
  // bitsetRemoveBelow: clears the slots below i (Go calls it with i in 1..7).
  constexpr Bitset remove_below(std::uint64_t i) const {
    return i >= kGroupSlots ? Bitset{0} : Bitset{v & ~((std::uint64_t{1} << (8 * i)) - 1)};
  }
  constexpr int count() const { return popcount(v); }

 private:
  static constexpr int ctz(std::uint64_t x) {
    int n = 0;
    while (n < 64 && !((x >> n) & 1)) ++n;
    return n;
  }
  static constexpr int popcount(std::uint64_t x) {
    int n = 0;
    for (; x; x &= x - 1) ++n;
    return n;
  }
};

// The 8 control bytes as one little-endian word (ctrlGroup); byte i is slot i.
struct CtrlGroup {
  std::uint64_t v = kBitsetEmpty;
  constexpr std::uint8_t get(std::uint64_t i) const { return static_cast<std::uint8_t>(v >> (8 * i)); }
  constexpr void set(std::uint64_t i, std::uint8_t c) {
    v = (v & ~(std::uint64_t{0xff} << (8 * i))) | (std::uint64_t{c} << (8 * i));
  }
  // ctrlGroupMatchH2: full slots whose byte equals h (false positives possible
  // next to a real match, never on empty or deleted bytes).
  constexpr Bitset match_h2(std::uint8_t h) const {
    const std::uint64_t x = v ^ (kBitsetLSB * h);
    return {((x - kBitsetLSB) & ~x) & kBitsetMSB};
  }
  // ctrlGroupMatchEmpty: bit 7 set and bit 1 clear.
  constexpr Bitset match_empty() const { return {(v & ~(v << 6)) & kBitsetMSB}; }
  // ctrlGroupMatchEmptyOrDeleted: bit 7 set.
  constexpr Bitset match_empty_or_deleted() const { return {v & kBitsetMSB}; }
  // ctrlGroupMatchFull: bit 7 clear.
  constexpr Bitset match_full() const { return {~v & kBitsetMSB}; }
  constexpr bool any_full() const { return (~v & kBitsetMSB) != 0; }
};

// table.go probeSeq: the triangular sequence H1, H1+1, H1+1+2, ... over
// groups, modulo the (power of two) group count; it visits every group once.
struct ProbeSeq {
  std::uint64_t mask = 0, offset = 0, index = 0;
  static constexpr ProbeSeq make(std::uint64_t hash_h1, std::uint64_t mask) { return {mask, hash_h1 & mask, 0}; }
  constexpr ProbeSeq next() const { return {mask, (offset + index + 1) & mask, index + 1}; }
};

// group.go alignUpPow2: the next power of two >= n (0 for 0).
inline constexpr std::uint64_t align_up_pow2(std::uint64_t n) {
  if (n == 0) return 0;
  std::uint64_t v = 1;
  while (v < n) v <<= 1;
  return v;
}

}  // namespace bucketlab::maps::swiss
