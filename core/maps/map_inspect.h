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

}  // namespace bucketlab::maps
