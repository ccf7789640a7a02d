// The contract between Go maps and their callers (the interpreter, tests,
// inspection). It mirrors the runtime ABI the Go compiler emits calls to
// (runtime/map.go: makemap, mapaccess1/2, mapassign, mapdelete, mapclear,
// mapiterinit/mapiternext; internal/runtime/maps for Go >= 1.24), so that
// every map operation in a workload is exactly one call here.
//
// Values cross this boundary as in Go: keys are passed by pointer to their
// bytes laid out as the key type (a string key is its {data Addr, len}
// header, whose bytes live in simulated memory), and the results are
// simulated addresses of elem slots, which the caller reads or writes.
//
// Which implementation serves a map follows the runtime's GoVersion:
// swiss_maps() ? SwissMap : ClassicMap.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/common/event.h"
#include "core/common/types.h"
#include "core/maps/map_inspect.h"
#include "core/runtime/gc.h"
#include "core/runtime/type.h"

namespace bucketlab::runtime { class Runtime; }

namespace bucketlab::maps {

using runtime::Type;

// Seeds a run may pin (from a real Go process, for bucket-exact comparison):
// runtime.hashkey and the per-map seeds, applied to maps in creation order.
struct HashSeeds {
  bool has_hashkey = false;
  std::uint64_t hashkey[4] = {0, 0, 0, 0};
  std::vector<std::uint64_t> map_seeds;  // hash0 (classic: uint32) / seed (swiss: uintptr), creation order
  // map id → the hash0 every reseed of that map takes (Go 1.19 draws a new
  // hash0 when a delete empties the map and in mapclear; Go 1.24+ a new
  // seed in the same two cases). A real process reports only the final
  // seed, so pinning is exact for maps reseeded once.
  std::map<std::size_t, std::uint64_t> map_reseeds;
};

// Per-map iteration state (Go's hiter / maps.Iter). It holds simulated
// pointers into the map, so it is a GC root while alive: the owner reports
// it through scan_roots().
class MapIter {
 public:
  virtual ~MapIter() = default;
  // Address of the current key / elem, or kNil when iteration is done.
  virtual Addr key() const = 0;
  virtual Addr elem() const = 0;
  virtual void next() = 0;
  virtual void scan_roots(runtime::RootVisitor& v) const = 0;
};

class Maps {
 public:
  Maps(runtime::Runtime& rt, HashSeeds seeds = {});
  ~Maps();

  // make(map[K]V, hint): returns the map header's address (Go: *hmap / *maps.Map).
  // `map_type` is a Kind::Map type. Heap maps only (see docs/deviations.md).
  Addr make(const Type* map_type, std::int64_t hint);
  // m[k]: elem slot, or kNil when absent (caller uses the zero value). nil map → kNil.
  Addr access(const Type* map_type, Addr m, const void* key);
  // m[k] = ...: the elem slot to write (allocating as Go does). nil map →
  // runtime::GoPanic("assignment to entry in nil map").
  Addr assign(const Type* map_type, Addr m, const void* key);
  void remove(const Type* map_type, Addr m, const void* key);  // delete(m, k)
  void clear(const Type* map_type, Addr m);                    // clear(m) (Go 1.21 mapclear)
  std::int64_t len(Addr m) const;                              // len(m); nil → 0
  std::unique_ptr<MapIter> iterate(const Type* map_type, Addr m);  // for k, v := range m

  // Maps in creation order: id = position (0-based); inspection and the
  // CLI's --hash0 list use this order.
  std::size_t count() const;
  Addr map_at(std::size_t id) const;
  std::int64_t id_of(Addr m) const;  // -1 if not a map header this object made

  // Whether the map with this id is still allocated (not collected).
  bool alive(std::size_t id) const;

  // Whether maps are Swiss tables (the Go version's swiss_maps()).
  bool swiss() const;
  // Inspection of a classic map: bucket indexes [first_bucket, first_bucket + max_buckets).
  ClassicMapSnapshot inspect_classic(std::size_t id, std::uint64_t first_bucket = 0,
                                     std::uint64_t max_buckets = 4096) const;
  // Inspection of a Swiss map: the header, the directory, and the distinct
  // tables [first_table, first_table + max_tables) in directory order, with
  // their groups (control bytes, formatted keys and elems) if `groups`.
  SwissMapSnapshot inspect_swiss(std::size_t id, std::uint64_t first_table = 0, std::uint64_t max_tables = 64,
                                 bool groups = true) const;
  // The same content as inspect_classic / inspect_swiss (groups included)
  // without the key/elem text, as FlatMapSnapshot words written into `out`
  // (its buffer reused): [first, first + max) are bucket indexes (classic)
  // or tables in directory order (Swiss), with the same meaning as there.
  // hashes false: every slot's hash 0, not computed (a retained snapshot
  // keeps none, core/sim/snapshots.h; hashing every key was most of its cost).
  void inspect_flat(std::size_t id, std::uint64_t first, std::uint64_t max, FlatMapSnapshot& out, bool hashes = true) const;
  // One slot's key/elem text, as inspect_classic / inspect_swiss format it.
  // Classic: array 0 (new) or 1 (old), index = bucket, chain = position in
  // its overflow chain (0 = the main bucket). Swiss: array 2, index = the
  // table's ordinal in directory order (0 for a small map), chain = group.
  SlotView inspect_slot(std::size_t id, int array, std::uint64_t index, std::uint64_t chain, int slot) const;
  // The hash of `key` in map m (its hash0 / seed): where the key lives.
  std::uint64_t key_hash(const Type* map_type, Addr m, const void* key);
  // The map view's heat summary: one row per bucket (classic: new array,
  // then old) or per group (Swiss), see MapHeat.
  MapHeat heat(std::size_t id) const;
  // Where the last evacuation of this (classic) map moved each entry;
  // invalid for Swiss maps and maps that never evacuated.
  EvacuationView last_evacuation(std::size_t id) const;
  // "Step evacuation": evacuate the next old bucket of a growing classic map
  // (as growWork does) without any other map operation. False if not
  // growing, and always false for a Swiss map, which has no pending growth
  // work: a table is rebuilt whole inside the assignment that needs room.
  bool evacuate_step(std::size_t id);
  // The events that end a "grow step": MapEvacuate for classic maps;
  // SwissTableGrow / SwissTableSplit for Swiss maps (the step runs the
  // workload until an assignment grows or splits a table).
  static bool is_grow_step_event(EventKind k, bool swiss);
  // Test hook: a real process's hash0 / seed after a reseed (delete to empty, clear).
  void set_hash0(std::size_t id, std::uint64_t seed);
  // runtime.hashkey[i] in use (pinned or drawn at start).
  std::uint64_t hashkey(int i) const;

  void check_invariants() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bucketlab::maps
