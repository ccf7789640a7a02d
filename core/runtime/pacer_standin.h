// STAND-IN for core/runtime/pacer.h (written on another branch): a minimal
// gcControllerState (go/src/runtime/mgcpacer.go, go1.19) behind the agreed
// signatures, so the allocator and GC can be built and tested before the
// real pacer is merged. At merge, delete pacer_standin.{h,cpp} and point
// gc_controller.h at pacer.h.
//
// What it models: heapLive/heapMarked bookkeeping, the GOGC heap goal with
// its 4 MiB floor, the GOMEMLIMIT goal, sweepDistMinTrigger and the trigger
// bounds (45/64 .. 61/64 of the way, goal − 4 MiB). What it does not: the
// consMark PI controller (needs time), so runway = 0 and the trigger sits at
// its upper bound every cycle; assists; the Go 1.21+ headroom formula.
#pragma once
#include <cstdint>
#include <limits>

#include "core/runtime/go_version.h"

namespace bucketlab::runtime {

struct PacerHeapStats {
  std::uint64_t heap_free = 0;     // free, unscavenged heap bytes (heapFree)
  std::uint64_t heap_alloc = 0;    // totalAlloc − totalFree
  std::uint64_t mapped_ready = 0;  // mapped and not released
};

class GcController {
 public:
  GcController(GoVersion v, std::int32_t gc_percent = 100, std::int64_t memory_limit = std::numeric_limits<std::int64_t>::max());

  std::int32_t set_gc_percent(std::int32_t in);   // returns previous; commit must follow
  std::int64_t set_memory_limit(std::int64_t in);  // in < 0: query only
  std::int32_t gc_percent() const { return gc_percent_; }
  std::int64_t memory_limit() const { return memory_limit_; }

  void update(std::int64_t d_heap_live, std::int64_t d_heap_scan);
  std::uint64_t heap_live() const { return heap_live_; }
  std::uint64_t heap_marked() const { return heap_marked_; }

  bool heap_trigger_test(const PacerHeapStats& s) const { return heap_live_ >= trigger(s); }
  std::uint64_t trigger(const PacerHeapStats& s) const;
  std::uint64_t heap_goal(const PacerHeapStats& s) const;

  void start_cycle(const PacerHeapStats& s);
  void reset_live(std::uint64_t bytes_marked, std::uint64_t heap_scan_work, std::uint64_t stack_scan_work);
  void end_cycle(const PacerHeapStats& s);
  void commit(bool is_sweep_done, const PacerHeapStats& s);
  void add_globals(std::uint64_t bytes) { globals_scan_ += bytes; }
  void set_stack_scan(std::uint64_t bytes) { last_stack_scan_ = bytes; }

 private:
  std::uint64_t goal_internal(const PacerHeapStats& s, std::uint64_t& min_trigger) const;
  std::uint64_t memory_limit_goal(const PacerHeapStats& s) const;

  GoVersion version_;
  std::int32_t gc_percent_;
  std::int64_t memory_limit_;
  std::uint64_t heap_minimum_ = 4 << 20;
  std::uint64_t heap_live_ = 0, heap_scan_ = 0, heap_marked_ = 0;
  std::uint64_t last_heap_scan_ = 0, last_stack_scan_ = 0, globals_scan_ = 0;
  std::uint64_t gc_percent_heap_goal_ = 0, sweep_dist_min_trigger_ = 0, runway_ = 0;
  std::uint64_t triggered_ = ~std::uint64_t{0};
};

struct ScavengeGoals {
  std::uint64_t gc_percent_goal = ~std::uint64_t{0};
  std::uint64_t memory_limit_goal = ~std::uint64_t{0};
};

// gcPaceScavenger (mgcscavenge.go).
ScavengeGoals pace_scavenger(GoVersion v, const GcController& c, std::uint64_t last_heap_inuse,
                             std::uint64_t last_heap_goal, std::uint64_t heap_retained, const PacerHeapStats& s);

}  // namespace bucketlab::runtime
