// Models the background scavenger and debug.FreeOSMemory of
// go/src/runtime/mgcscavenge.go and mheap.go (go1.19; go1.21/1.22 deltas in
// page_alloc.h and the pacer's pace_scavenger): returning free heap memory
// to the OS.
//
// Terminology
//   retained     heapInUse + heapFree: heap memory the process holds (RSS).
//   GOGC goal    retain at most lastHeapInUse · (goal / lastGoal) + 10 %
//                (gcPaceScavenger; none before the second GC).
//   limit goal   95 % of GOMEMLIMIT against mappedReady (Go 1.19–1.21 compute
//                limit·95, so it never engages; fixed in 1.22).
//   parked       the scavenger goroutine sleeps until sweeping finishes (or
//                the next GC starts) and it is readied again.
//
// Algorithm
//   Background (run while the P is idle): while not parked and the goals
//   are exceeded, release 64 KiB per step (scavengeQuantum; the page
//   allocator widens a step to a whole 2 MiB huge page when it can) until
//   1 ms of work (minScavWorkTime), then sleep so that scavenging takes 1 %
//   of the time (scavengePercent). Nothing left to do → park.
//   FreeOSMemory: runtime.GC, then release every free page (scavengeAll).
//   Synchronous scavenging on allocation lives in MHeap::alloc_span.
//
// Invariants: HeapReleased only grows here and only shrinks when a span
//   reuses released pages.
//
// Deviations from Go
//   - Work time is the cost model's charge for the released pages
//     (ScavengePage, calibrated against madvise on a real machine; Go's
//     10 µs per page fallback when the clock did not move), and the sleep
//     after a run is the ideal 99 × work instead of the output of the sleep
//     PI controller. Exact release timing therefore differs from a real
//     process; what is released and in which order does not.
#pragma once
#include <cstdint>

#include "core/runtime/gc_controller.h"

namespace bucketlab::runtime {

struct RuntimeState;

inline constexpr std::uint64_t kScavengeQuantum = 64 << 10;          // scavengeQuantum
inline constexpr std::uint64_t kMinScavWorkTimeNs = 1000000;         // minScavWorkTime
inline constexpr std::uint64_t kApproxWorkedNsPerPhysPage = 10000;   // approxWorkedNSPerPhysicalPage
inline constexpr std::uint64_t kScavengePercent = 1;                 // scavengePercent

class Scavenger {
 public:
  explicit Scavenger(RuntimeState& rt) : rt_(rt) {}

  // gcPaceScavenger.
  void pace(std::uint64_t last_heap_goal);
  // scavenger.ready / wake: unpark.
  void ready() { parked_ = false; }
  bool parked() const { return parked_; }
  // shouldStop: both goals met.
  bool should_stop() const;
  // Background scavenging over simulated time [from_ns, to_ns); returns bytes released.
  std::uint64_t run_background(std::uint64_t from_ns, std::uint64_t to_ns);
  // scavengeAll: release every free page (forced).
  std::uint64_t scavenge_all();

  const ScavengeGoals& goals() const { return goals_; }
  std::uint64_t released_background() const { return released_bg_; }

 private:
  // scavengerState.run: one wake-up's work; returns released bytes, sets worked_ns.
  std::uint64_t run_once(std::uint64_t& worked_ns);

  RuntimeState& rt_;
  ScavengeGoals goals_;
  bool parked_ = true;
  std::uint64_t asleep_until_ns_ = 0;
  std::uint64_t released_bg_ = 0;
};

}  // namespace bucketlab::runtime
