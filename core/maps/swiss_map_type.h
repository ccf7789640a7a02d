// The Swiss map's type information (Go >= 1.24): internal/abi.MapType as
// the compiler fills it in (cmd/compile/internal/reflectdata/map.go
// MapGroupType, MapType, mapTableType), plus which runtime entry point the
// compiler calls for an assignment (cmd/compile/internal/walk/walk.go
// mapfast), because in Go 1.26 only some of them prune tombstones.
#pragma once
#include <cstdint>

#include "core/runtime/runtime.h"
#include "core/runtime/type.h"

namespace bucketlab::maps::swiss {

using runtime::Type;

// maps.Map field offsets (64-bit; reflectdata.MapType checks 48 bytes).
namespace map_layout {
inline constexpr std::uint64_t kUsed = 0, kSeed = 8, kDirPtr = 16, kDirLen = 24, kGlobalDepth = 32, kGlobalShift = 33,
                               kWriting = 34, kTombstonePossible = 35, kClearSeq = 40, kSize = 48;
}
// maps.table field offsets (reflectdata.mapTableType checks 32 bytes).
namespace table_layout {
inline constexpr std::uint64_t kUsed = 0, kCapacity = 2, kGrowthLeft = 4, kLocalDepth = 6, kIndex = 8,
                               kGroupsData = 16, kGroupsLengthMask = 24, kSize = 32;
}

// The runtime function the compiler emits for m[k] = v (walk.go mapfast):
// mapassign_fast32/_fast64 for 4/8-byte plain-memory keys,
// _fast32ptr/_fast64ptr for pointer-shaped keys, _faststr for strings, and
// the generic mapassign otherwise or when the elem is over 128 bytes.
enum class AssignFn : std::uint8_t { Generic, Fast32, Fast64, Fast32Ptr, Fast64Ptr, FastStr };
const char* assign_fn_name(AssignFn f);

struct MapType {
  const Type* map = nullptr;
  const Type* key = nullptr;
  const Type* elem = nullptr;
  const Type* group = nullptr;      // struct{ ctrl uint64; slots [8]struct{ key K'; elem E' } }
  const Type* slot = nullptr;       // struct{ key K'; elem E' } (K', E' = *K, *E when indirect)
  const Type* map_header = nullptr; // internal/runtime/maps.Map (48 B, pointer: dirPtr)
  const Type* table = nullptr;      // internal/runtime/maps.table (32 B, pointer: groups.data)
  const Type* table_ptr = nullptr;  // *table: the directory's element ([]*table)
  std::uint64_t group_size = 0;     // abi.MapType.GroupSize
  std::uint64_t slot_size = 0;      // abi.MapType.SlotSize
  std::uint64_t elem_off = 0;       // abi.MapType.ElemOff
  bool indirect_key = false;        // MapIndirectKey: key over 128 bytes, slot holds *K
  bool indirect_elem = false;       // MapIndirectElem
  bool need_key_update = false;     // MapNeedKeyUpdate (floats: ±0; strings)
  bool reflexive_key = true;        // k == k for every key (no floats inside)
  AssignFn assign_fn = AssignFn::Generic;
  // Go 1.25+: PutSlot and mapassign_fast32/_fast64/_faststr try
  // pruneTombstones before growing; Go 1.26's generic mapassign and the
  // *ptr variants do not (internal/runtime/maps/runtime.go,
  // runtime_fast64.go runtime_mapassign_fast64ptr).
  bool prunes_tombstones = false;
};

// Builds the maptype of a Kind::Map type, creating its group type in `types`.
MapType make_map_type(runtime::TypeTable& types, const Type* map_type, runtime::GoVersion v);

// The allocation roles Swiss maps tag their objects with (inspection).
struct Roles {
  std::uint16_t map = 0, directory = 0, table = 0, groups = 0, small_group = 0, key = 0, elem = 0;
  static Roles register_in(runtime::Runtime& rt);
};

}  // namespace bucketlab::maps::swiss
