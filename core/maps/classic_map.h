// The classic Go map (runtime/map.go, Go 1.19; Go ≤ 1.23 behave the same
// for everything modelled here): an hmap header, an array of 2^B buckets
// (bmap: tophash[8], 8 keys, 8 elems, overflow pointer), overflow chains,
// and incremental growth by evacuation. Every byte lives in the simulated
// heap and is allocated through core/runtime, so buckets appear in MemStats,
// spans and the GC exactly as Go's do.
//
// The compiler's fast variants (mapaccess1_fast64, mapassign_faststr, ...)
// place entries exactly as the generic functions do; the model runs the
// generic algorithm for every key type (the fast paths only skip hashing for
// B == 0 lookups, which changes no state).
//
// One P, no concurrency: the hashWriting flag is set and cleared around
// writes as Go does, so the flags byte matches a real process's.
#pragma once
#include <cstdint>
#include <vector>

#include "core/common/types.h"
#include "core/maps/alg.h"
#include "core/runtime/runtime.h"
#include "core/runtime/type.h"

namespace bucketlab::maps::classic {

using runtime::Type;

// map.go constants.
inline constexpr int kBucketCntBits = 3;
inline constexpr int kBucketCnt = 1 << kBucketCntBits;  // bucketCnt
inline constexpr std::uint64_t kLoadFactorNum = 13;     // load factor 6.5 = 13/2
inline constexpr std::uint64_t kLoadFactorDen = 2;
inline constexpr std::uint64_t kMaxKeySize = 128;       // bigger keys/elems are stored indirectly
inline constexpr std::uint64_t kMaxElemSize = 128;
inline constexpr std::uint64_t kDataOffset = 8;         // offset of keys in bmap (after tophash[8])

// tophash states (values below kMinTopHash are marks, not hashes).
inline constexpr std::uint8_t kEmptyRest = 0;       // empty, and so is everything after it in the chain
inline constexpr std::uint8_t kEmptyOne = 1;        // empty
inline constexpr std::uint8_t kEvacuatedX = 2;      // entry moved to the first half of the new array
inline constexpr std::uint8_t kEvacuatedY = 3;      // ... to the second half
inline constexpr std::uint8_t kEvacuatedEmpty = 4;  // empty, bucket evacuated
inline constexpr std::uint8_t kMinTopHash = 5;

// hmap.flags
inline constexpr std::uint8_t kIterator = 1;      // there may be an iterator using buckets
inline constexpr std::uint8_t kOldIterator = 2;   // there may be an iterator using oldbuckets
inline constexpr std::uint8_t kHashWriting = 4;   // a write is in progress
inline constexpr std::uint8_t kSameSizeGrow = 8;  // the current growth keeps B

// hmap field offsets (runtime.hmap on 64-bit: 48 bytes).
namespace hmap {
inline constexpr std::uint64_t kCount = 0, kFlags = 8, kB = 9, kNoverflow = 10, kHash0 = 12, kBuckets = 16,
                               kOldbuckets = 24, kNevacuate = 32, kExtra = 40, kSize = 48;
}
// mapextra field offsets (24 bytes).
namespace mapextra {
inline constexpr std::uint64_t kOverflow = 0, kOldoverflow = 8, kNextOverflow = 16, kSize = 24;
}

// isEmpty, evacuated(): map.go helpers on tophash values.
inline bool is_empty(std::uint8_t top) { return top <= kEmptyOne; }
inline bool is_evacuated_mark(std::uint8_t top) { return top > kEmptyOne && top < kMinTopHash; }
// tophash(hash): the top byte, pushed above the marks.
inline std::uint8_t tophash(std::uint64_t hash) {
  auto top = static_cast<std::uint8_t>(hash >> 56);
  return top < kMinTopHash ? static_cast<std::uint8_t>(top + kMinTopHash) : top;
}
inline std::uint64_t bucket_shift(std::uint8_t b) { return std::uint64_t{1} << (b & 63); }
inline std::uint64_t bucket_mask(std::uint8_t b) { return bucket_shift(b) - 1; }
// overLoadFactor: more than 8 entries and more than 6.5 per bucket.
inline bool over_load_factor(std::int64_t count, std::uint8_t B) {
  return count > kBucketCnt && static_cast<std::uint64_t>(count) > kLoadFactorNum * (bucket_shift(B) / kLoadFactorDen);
}
// tooManyOverflowBuckets: about as many overflow buckets as buckets (B capped at 15).
inline bool too_many_overflow_buckets(std::uint16_t noverflow, std::uint8_t B) {
  if (B > 15) B = 15;
  return noverflow >= static_cast<std::uint16_t>(std::uint16_t{1} << (B & 15));
}
// makemap's choice of B for a hint.
std::uint8_t hint_to_B(std::int64_t hint);

// runtime.maptype plus the compiler's bucket type (reflectdata.MapBucketType).
struct MapType {
  const Type* map = nullptr;
  const Type* key = nullptr;
  const Type* elem = nullptr;
  const Type* bucket = nullptr;  // struct{topbits [8]uint8; keys [8]K'; elems [8]V'; overflow *bmap|uintptr}
  const Type* hmap = nullptr;    // runtime.hmap (48 bytes, pointers at buckets, oldbuckets, extra)
  const Type* mapextra = nullptr;
  const Type* overflow_slice = nullptr;  // []*bmap (the overflow list of noscan maps)
  const Type* bmap_ptr = nullptr;        // *bmap, the element of that slice
  std::uint64_t keysize = 0;     // slot size: 8 when indirect
  std::uint64_t elemsize = 0;
  std::uint64_t bucketsize = 0;
  bool indirectkey = false;
  bool indirectelem = false;
  bool reflexivekey = true;      // k == k for every key (no floats)
  bool needkeyupdate = false;    // assign overwrites an equal key (floats: ±0; strings: new data)
  std::uint64_t elems_offset() const { return kDataOffset + kBucketCnt * keysize; }
  std::uint64_t overflow_offset() const { return bucketsize - 8; }
};
// Builds the maptype for a Kind::Map type, creating the bucket type in `types`.
MapType make_map_type(runtime::TypeTable& types, const Type* map_type);

// The allocation roles classic maps tag their objects with (inspection).
struct Roles {
  std::uint16_t hmap = 0, buckets = 0, overflow = 0, mapextra = 0, overflow_list = 0, key = 0, elem = 0;
  static Roles register_in(runtime::Runtime& rt);
};

// Per-iteration state: runtime.hiter. Lives on the Go stack (here: host
// memory) and is a GC root while alive.
struct Hiter {
  Addr key = kNil, elem = kNil;
  Addr h = kNil;
  Addr buckets = kNil;
  Addr bptr = kNil;
  Addr overflow = kNil, oldoverflow = kNil;  // *[]*bmap, keep noscan overflow buckets alive
  std::uint64_t start_bucket = 0;
  std::uint8_t offset = 0;
  bool wrapped = false;
  std::uint8_t B = 0;
  std::uint8_t i = 0;
  std::uint64_t bucket = 0;
  std::uint64_t check_bucket = 0;
};
inline constexpr std::uint64_t kNoCheck = ~std::uint64_t{0};

// What evacuate() did to one old bucket, in positions only (the Maps
// facade reads keys and hashes at the destinations for the map view).
struct EvacRecord {
  struct Move {
    std::uint32_t src_chain = 0, dst_chain = 0;  // position along the old / destination chain
    std::uint8_t src_slot = 0, dst_slot = 0;
    std::uint8_t y = 0;                          // 1: went to oldbucket + newbit
  };
  bool valid = false;
  Addr h = kNil;
  Addr new_array = kNil;  // buckets(h) when recorded
  std::uint64_t oldbucket = 0, newbit = 0;
  bool same_size = false;
  std::vector<Move> moves;
};

// The operations of map.go on maps of one type. `id` is the map's number in
// the simulation (events carry it).
class ClassicMap {
 public:
  // `evac_log`, when given, receives what each evacuate() moved (map view).
  ClassicMap(runtime::Runtime& rt, const MapType& t, const KeyAlg& alg, const Roles& roles, EvacRecord* evac_log = nullptr)
      : rt_(rt), t_(t), alg_(alg), roles_(roles), evac_log_(evac_log) {}

  // makemap / makemap_small: the new *hmap with the given hash0.
  Addr makemap(std::int64_t hint, std::uint32_t hash0);
  // mapaccess2: the elem slot, or kNil when absent (also for a nil map).
  Addr access(Addr h, const std::uint8_t* key) const;
  // mapaccessK: key and elem slots, or {kNil, kNil}.
  std::pair<Addr, Addr> access_k(Addr h, const std::uint8_t* key) const;
  // mapassign: the elem slot for key (inserting it, growing as needed).
  Addr assign(Addr h, const std::uint8_t* key, std::uint32_t id);
  void remove(Addr h, const std::uint8_t* key, std::uint32_t id);  // mapdelete
  void clear(Addr h, std::uint32_t id);                            // mapclear
  void iter_init(Addr h, Hiter& it);                                // mapiterinit
  void iter_next(Hiter& it) const;                                  // mapiternext

  // Evacuates the next unevacuated old bucket (growWork without an
  // assignment), for "step evacuation" and tests. False if not growing.
  bool evacuate_next(Addr h, std::uint32_t id);

  // Count equals occupied slots; tophash states and chains consistent;
  // every key findable; evacuation marks agree with nevacuate; noverflow
  // and the noscan overflow lists agree with the chains.
  void check_invariants(Addr h) const;

  // hmap field readers.
  std::int64_t count(Addr h) const { return h == kNil ? 0 : static_cast<std::int64_t>(rt_.load_u64(h + hmap::kCount)); }
  std::uint8_t flags(Addr h) const { return rt_.load_u8(h + hmap::kFlags); }
  std::uint8_t B(Addr h) const { return rt_.load_u8(h + hmap::kB); }
  std::uint16_t noverflow(Addr h) const { return rt_.load_u16(h + hmap::kNoverflow); }
  std::uint32_t hash0(Addr h) const { return rt_.load_u32(h + hmap::kHash0); }
  Addr buckets(Addr h) const { return rt_.load_pointer(h + hmap::kBuckets); }
  Addr oldbuckets(Addr h) const { return rt_.load_pointer(h + hmap::kOldbuckets); }
  std::uint64_t nevacuate(Addr h) const { return rt_.load_u64(h + hmap::kNevacuate); }
  Addr extra(Addr h) const { return rt_.load_pointer(h + hmap::kExtra); }
  bool growing(Addr h) const { return oldbuckets(h) != kNil; }
  bool same_size_grow(Addr h) const { return (flags(h) & kSameSizeGrow) != 0; }
  std::uint64_t noldbuckets(Addr h) const;
  // Test hook: a real process's reseeded hash0 (delete to empty, clear).
  void set_hash0(Addr h, std::uint32_t v) { rt_.store_u32(h + hmap::kHash0, v); }

  // bmap accessors.
  std::uint8_t top(Addr b, int i) const { return rt_.load_u8(b + static_cast<std::uint64_t>(i)); }
  Addr overflow(Addr b) const { return rt_.load_u64(b + t_.overflow_offset()); }
  Addr key_slot(Addr b, int i) const { return b + kDataOffset + static_cast<std::uint64_t>(i) * t_.keysize; }
  Addr elem_slot(Addr b, int i) const { return b + t_.elems_offset() + static_cast<std::uint64_t>(i) * t_.elemsize; }
  Addr key_at(Addr b, int i) const { return t_.indirectkey ? rt_.load_pointer(key_slot(b, i)) : key_slot(b, i); }
  Addr elem_at(Addr b, int i) const { return t_.indirectelem ? rt_.load_pointer(elem_slot(b, i)) : elem_slot(b, i); }
  Addr bucket_at(Addr array, std::uint64_t i) const { return array + i * t_.bucketsize; }
  bool evacuated(Addr b) const { return is_evacuated_mark(top(b, 0)); }

  const MapType& type() const { return t_; }
  std::uint64_t hash_of(Addr h, const std::uint8_t* key) const { return alg_.hash(t_.key, key, hash0(h)); }
  // Hash of the key stored at simulated address k.
  std::uint64_t hash_at(Addr h, Addr k) const;

 private:
  void set_u8(Addr a, std::uint8_t v) { rt_.store_u8(a, v); }
  void set_top(Addr b, int i, std::uint8_t v) { rt_.store_u8(b + static_cast<std::uint64_t>(i), v); }
  void set_overflow(Addr b, Addr ovf);
  void set_flags(Addr h, std::uint8_t f) { rt_.store_u8(h + hmap::kFlags, f); }
  void incrnoverflow(Addr h);
  Addr newoverflow(Addr h, Addr b, std::uint32_t id);
  Addr create_overflow(Addr h);  // returns extra
  std::pair<Addr, Addr> make_bucket_array(std::uint8_t b, Addr dirtyalloc);
  void hash_grow(Addr h, std::uint32_t id);
  void grow_work(Addr h, std::uint64_t bucket, std::uint32_t id);
  void evacuate(Addr h, std::uint64_t oldbucket, std::uint32_t id);
  void advance_evacuation_mark(Addr h, std::uint64_t newbit, std::uint32_t id);
  void memclr_has_pointers(Addr a, std::uint64_t n);
  bool key_equal_at(const std::uint8_t* key, Addr k) const { return alg_.equal_host_sim(t_.key, key, k); }

  runtime::Runtime& rt_;
  const MapType& t_;
  const KeyAlg& alg_;
  const Roles& roles_;
  EvacRecord* evac_log_ = nullptr;
};

}  // namespace bucketlab::maps::classic
