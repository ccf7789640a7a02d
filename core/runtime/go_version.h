// The one user-facing setting: which Go release the model behaves as.
// Every behaviour that changed between releases is a predicate here, named
// for what changed, with the release and source that changed it, so that a
// reader can check each against the Go tree.
#pragma once
#include <string>

namespace bucketlab::runtime {

struct GoVersion {
  int minor = 19;  // Go 1.<minor>

  static constexpr GoVersion go1_19() { return {19}; }   // Debian golang-1.19-go: classic map
  static constexpr GoVersion go1_26() { return {26}; }   // the machine's modern Go: swiss map
  // The releases modelled exactly and checked against a real toolchain.
  static constexpr int kModelled[] = {19, 26};
  static bool is_modelled(int minor) {
    for (int m : kModelled)
      if (m == minor) return true;
    return false;
  }

  std::string name() const { return "go1." + std::to_string(minor); }

  // Go 1.24: maps are Swiss tables (internal/runtime/maps); before, buckets (runtime/map.go).
  constexpr bool swiss_maps() const { return minor >= 24; }
  // Go 1.22: pointerful objects > 512 B carry an 8-byte malloc header; smaller
  // scan objects keep their pointer bitmap at the end of the span
  // (mbitmap_allocheaders.go, mheap.go initSpan), and objects of 32761..32768
  // bytes are large (maxSmallSize - mallocHeaderSize).
  constexpr bool alloc_headers() const { return minor >= 22; }
  // Go 1.23: the portable hash keys m2..m4 with hashkey[1..3] and drops m1 (hash64.go).
  constexpr bool hash_keyed_constants() const { return minor >= 23; }
  // Go 1.21: memory-limit heap goal headroom is max(3% of goal, 1 MiB) (mgcpacer.go).
  constexpr bool memlimit_headroom_percent() const { return minor >= 21; }
  // Go 1.21: cons/mark is the max of the last measurements (lastConsMark[4])
  // instead of a PI controller's output (mgcpacer.go endCycle).
  constexpr bool cons_mark_history() const { return minor >= 21; }
  // Go 1.20 (#53892): startCycle records heapLive, not the computed trigger,
  // as the point the cycle was triggered at (mgcpacer.go).
  constexpr bool triggered_is_heap_live() const { return minor >= 20; }
  // Go 1.21: background scavenger skips chunks >= 96.875% dense (mgcscavenge.go).
  constexpr bool scavenger_skips_dense_chunks() const { return minor >= 21; }
  // Go 1.22: the scavenger's memory-limit goal is 95% of the limit; Go 1.19-1.21
  // compute limit*95 (missing /100), so that goal never engages (golang/go#62449).
  constexpr bool scavenger_limit_goal_fixed() const { return minor >= 22; }
  // Go 1.21: clear(m) builtin; mapclear also marks slots emptyRest (golang/go#59411).
  constexpr bool clear_builtin() const { return minor >= 21; }
  // Go 1.25: swiss tables prune tombstones before growing (golang/go#70886).
  constexpr bool swiss_tombstone_pruning() const { return minor >= 25; }
  // Go 1.21: the scavenge index tracks per-chunk occupancy by GC generation
  // (scavChunkData: inUse, lastInUse, gen) and keeps separate search cursors
  // for background and forced scavenging; the background cursor only moves
  // up at each GC (scavengeIndex.nextGen, called from gcMarkTermination), and
  // a chunk's scavenge candidate is searched from the cursor, not from its top
  // (mgcscavenge.go). Go 1.19/1.20 keep one bit per chunk and one cursor.
  constexpr bool scavenge_index_generations() const { return minor >= 21; }
  // Go 1.26: the Green Tea GC is on by default (GOEXPERIMENT baseline in
  // internal/buildcfg/exp.go); spans of 16..512-byte objects reserve 128
  // bytes at their end for inline mark bits (spanInlineMarkBits, mheap.go
  // initSpan), so they hold fewer objects.
  constexpr bool span_inline_mark_bits() const { return minor >= 26; }
};

}  // namespace bucketlab::runtime
