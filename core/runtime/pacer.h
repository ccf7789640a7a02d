// The GC pacer: gcControllerState (runtime/mgcpacer.go) and gcPaceScavenger
// (mgcscavenge.go), per Go version.
//
// What it computes, exactly as Go does: the GOGC heap goal (heapMarked +
// (heapMarked + stacks + globals)·GOGC/100, at least heapMinimum = 4 MiB ·
// GOGC/100), the GOMEMLIMIT goal (memoryLimitHeapGoal, with Go 1.21's 3 % /
// 1 MiB headroom vs Go 1.19's fixed 1 MiB), the trigger between 45/64 and
// 61/64 of the way from heapMarked to the goal (or goal − 4 MiB), the sweep
// distance minimum, the runway from the cons/mark estimate, and the
// scavenger's goals (incl. the Go 1.19–1.21 memory-limit goal bug).
//
// cons/mark: Go 1.19 smooths the measured ratio with a PI controller (kp
// 0.9, ti 4, tt 1000); Go 1.21+ takes the maximum of the current and the
// last four measurements. Its inputs (allocation during mark, scan work,
// utilisation from assist and idle-worker time) come from MarkCycleStats.
// Until the cost model gives the model simulated time, the mark phase
// completes at cycle start (deviation R1): nothing is allocated during mark,
// endCycle returns early as Go does when heapLive <= triggered, consMark
// stays 0, and the runway is 0 — which is also what a real process has
// before its first cycle.
#pragma once
#include <cstdint>
#include <limits>
#include <utility>

#include "core/runtime/go_version.h"

namespace bucketlab::runtime {

struct PacerHeapStats {
  std::uint64_t heap_free = 0;     // free, unscavenged heap bytes (heapFree)
  std::uint64_t heap_alloc = 0;    // totalAlloc − totalFree
  std::uint64_t mapped_ready = 0;  // mapped and not released
};

// What one mark phase measured (endCycle's inputs). Times in simulated ns.
struct MarkCycleStats {
  std::int64_t mark_start_ns = 0;   // c.markStartTime
  std::int64_t now_ns = 0;          // mark termination
  std::int32_t procs = 1;           // GOMAXPROCS
  std::int64_t assist_time_ns = 0;  // c.assistTime
  std::int64_t idle_mark_time_ns = 0;
  std::uint64_t heap_scan_work = 0, stack_scan_work = 0, globals_scan_work = 0;
};

// piController (mgcpacer.go): Go 1.19's cons/mark smoother.
struct PiController {
  double kp = 0, ti = 0, tt = 0, min = 0, max = 0;
  double err_integral = 0;
  bool err_overflow = false, input_overflow = false;
  // Returns {output, ok}; resets on overflow as Go does.
  std::pair<double, bool> next(double input, double setpoint, double period);
  void reset() { err_integral = 0; }
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
  // endCycle: records the goal for the scavenger and updates consMark.
  void end_cycle(const PacerHeapStats& s, const MarkCycleStats& m);
  double cons_mark() const { return cons_mark_; }
  std::uint64_t runway() const { return runway_; }
  std::uint64_t triggered() const { return triggered_; }
  std::uint64_t last_heap_goal() const { return last_heap_goal_; }
  void check_invariants(const PacerHeapStats& s) const;
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
  std::uint64_t last_heap_goal_ = 0;
  double cons_mark_ = 0;
  double last_cons_mark_[4] = {0, 0, 0, 0};  // Go 1.21+
  PiController cons_mark_controller_{0.9, 4.0, 1000, -1000, 1000};  // Go 1.19
};

struct ScavengeGoals {
  std::uint64_t gc_percent_goal = ~std::uint64_t{0};
  std::uint64_t memory_limit_goal = ~std::uint64_t{0};
};

// gcPaceScavenger (mgcscavenge.go).
ScavengeGoals pace_scavenger(GoVersion v, const GcController& c, std::uint64_t last_heap_inuse,
                             std::uint64_t last_heap_goal, std::uint64_t heap_retained, const PacerHeapStats& s);

}  // namespace bucketlab::runtime
