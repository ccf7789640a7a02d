// Models go/src/runtime/mstats.go (go1.19): runtime.MemStats and the
// consistent per-class counters it is computed from (heapStatsDelta).
//
// Terminology
//   HeapStats    what Go accumulates in memstats.heapStats: per size class
//                objects allocated (counted when a span leaves the mcache)
//                and freed (counted when a sweep frees them), large-object
//                counts and bytes, tiny allocations merged into blocks.
//   MemStats     the user-visible snapshot, with Go's field names.
//
// Algorithm (ReadMemStats = readmemstats_m)
//   flush the mcache (releaseAll: uncaches every span, so its allocations
//   are counted, and drops the tiny block), then
//     TotalAlloc = largeAlloc + Σ smallAllocCount[c]·size[c]
//     Mallocs    = largeAllocCount + Σ smallAllocCount[c] + tinyAllocs
//     Frees      = largeFreeCount + Σ smallFreeCount[c] + tinyAllocs
//     HeapAlloc  = Alloc = TotalAlloc − TotalFree
//     HeapSys = heapInUse + heapFree + heapReleased; HeapIdle = heapFree + heapReleased
//     HeapObjects = Mallocs − Frees;  NextGC = the pacer's heap goal
//     BySize[c] = {size[c], smallAllocCount[c], smallFreeCount[c]} for c < 61
//
// Invariants: HeapSys == HeapInuse + HeapIdle; HeapIdle ≥ HeapReleased;
//   HeapAlloc ≤ HeapInuse; HeapObjects == Mallocs − Frees.
//
// Deviations from Go
//   - Sys counts only the heap (Sys == HeapSys): stacks, GC metadata, mspan
//     and mcache structures, profiling buckets and other runtime memory are
//     not modelled, so StackInuse, StackSys, MSpanInuse, MSpanSys,
//     MCacheInuse, MCacheSys, BuckHashSys, GCSys and OtherSys are absent.
//   - PauseTotalNs, PauseNs, PauseEnd, LastGC and GCCPUFraction are
//     modelled on the cost model's simulated clock (cost_model.h), not
//     measured.
//   - Lookups (always 0 since Go 1.?) and DebugGC are omitted.
#pragma once
#include <array>
#include <cstdint>

#include "core/runtime/size_classes.h"

namespace bucketlab::runtime {

struct RuntimeState;

struct HeapStats {
  std::array<std::uint64_t, kNumSizeClasses> small_alloc_count{};
  std::array<std::uint64_t, kNumSizeClasses> small_free_count{};
  std::uint64_t large_alloc = 0, large_alloc_count = 0;
  std::uint64_t large_free = 0, large_free_count = 0;
  std::uint64_t tiny_alloc_count = 0;
};

struct BySizeEntry {
  std::uint32_t Size = 0;
  std::uint64_t Mallocs = 0;
  std::uint64_t Frees = 0;
};

// runtime.MemStats (the fields the model can compute exactly).
struct MemStats {
  std::uint64_t Alloc = 0;
  std::uint64_t TotalAlloc = 0;
  std::uint64_t Sys = 0;
  std::uint64_t Mallocs = 0;
  std::uint64_t Frees = 0;
  std::uint64_t HeapAlloc = 0;
  std::uint64_t HeapSys = 0;
  std::uint64_t HeapIdle = 0;
  std::uint64_t HeapInuse = 0;
  std::uint64_t HeapReleased = 0;
  std::uint64_t HeapObjects = 0;
  std::uint64_t NextGC = 0;
  // Modelled times (cost_model.h): the simulated clock, not a measurement.
  // LastGC and PauseEnd are Unix ns of the modelled process (kUnixEpochNs +
  // nanotime); PauseNs[(NumGC+255)%256] is the latest cycle's pause (both
  // STW phases); GCCPUFraction is GC CPU over process CPU, updated at each
  // mark termination.
  std::uint64_t LastGC = 0;
  std::uint64_t PauseTotalNs = 0;
  std::array<std::uint64_t, 256> PauseNs{};
  std::array<std::uint64_t, 256> PauseEnd{};
  double GCCPUFraction = 0;
  std::uint32_t NumGC = 0;
  std::uint32_t NumForcedGC = 0;
  bool EnableGC = true;
  std::array<BySizeEntry, kNumBySizeClasses> BySize{};
};

// runtime.ReadMemStats: flushes the mcache (a visible effect, as in Go).
MemStats read_mem_stats(RuntimeState& rt);
// The same figures without flushing the mcache (no effect on the run; like
// runtime/metrics, allocations from spans still cached are not yet counted).
MemStats peek_mem_stats(const RuntimeState& rt);
// What runtime.ReadMemStats would return now (the mcache's unflushed
// allocations included), without flushing: observing changes nothing.
MemStats observe_mem_stats(const RuntimeState& rt);

}  // namespace bucketlab::runtime
