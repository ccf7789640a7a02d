// gcControllerState: see pacer.h. Formulas from mgcpacer.go (Go 1.19 and 1.26).
#include "core/runtime/pacer.h"

#include "core/common/go_convert.h"

#include <cmath>
#include <string>

#include "core/common/check.h"

#include "core/runtime/page_alloc.h"

namespace bucketlab::runtime {

namespace {
constexpr std::uint64_t kDefaultHeapMinimum = 4 << 20;
constexpr std::uint64_t kSweepMinHeapDistance = 1 << 20;
constexpr std::uint64_t kMemoryLimitHeapGoalHeadroom = 1 << 20;  // memoryLimitMinHeapGoalHeadroom (1.21+), the fixed headroom before
constexpr std::uint64_t kMemoryLimitHeapGoalHeadroomPercent = 3;  // Go 1.21+
constexpr double kGcGoalUtilization = 0.25;                      // gcGoalUtilization = gcBackgroundUtilization
constexpr std::uint64_t kTriggerRatioDen = 64, kMinTriggerRatioNum = 45, kMaxTriggerRatioNum = 61;
}  // namespace

GcController::GcController(GoVersion v, std::int32_t gc_percent, std::int64_t memory_limit)
    : version_(v), gc_percent_(gc_percent), memory_limit_(memory_limit) {
  set_gc_percent(gc_percent);
  commit(true, PacerHeapStats{});  // no sweep phase in the first cycle
}

std::int32_t GcController::set_gc_percent(std::int32_t in) {
  std::int32_t out = gc_percent_;
  if (in < 0) in = -1;
  gc_percent_ = in;
  heap_minimum_ = kDefaultHeapMinimum * static_cast<std::uint64_t>(in < 0 ? 100 : in) / 100;
  return out;
}

std::int64_t GcController::set_memory_limit(std::int64_t in) {
  std::int64_t out = memory_limit_;
  if (in >= 0) memory_limit_ = in;
  return out;
}

void GcController::update(std::int64_t d_heap_live, std::int64_t d_heap_scan) {
  heap_live_ = static_cast<std::uint64_t>(static_cast<std::int64_t>(heap_live_) + d_heap_live);
  heap_scan_ = static_cast<std::uint64_t>(static_cast<std::int64_t>(heap_scan_) + d_heap_scan);
}

std::uint64_t GcController::memory_limit_goal(const PacerHeapStats& s) const {
  const std::uint64_t limit = static_cast<std::uint64_t>(memory_limit_);
  const std::uint64_t non_heap = s.mapped_ready - s.heap_free - s.heap_alloc;
  const std::uint64_t overage = s.mapped_ready > limit ? s.mapped_ready - limit : 0;
  if (non_heap + overage >= limit) return heap_marked_;
  std::uint64_t goal = limit - (non_heap + overage);
  // Headroom for pacing inaccuracy: 1 MiB (Go 1.19); 3 % of the goal, at
  // least 1 MiB (Go 1.21+).
  std::uint64_t headroom = kMemoryLimitHeapGoalHeadroom;
  if (version_.memlimit_headroom_percent()) {
    headroom = goal / 100 * kMemoryLimitHeapGoalHeadroomPercent;
    if (headroom < kMemoryLimitHeapGoalHeadroom) headroom = kMemoryLimitHeapGoalHeadroom;
  }
  if (goal < headroom || goal - headroom < headroom)
    goal = headroom;
  else
    goal -= headroom;
  return goal < heap_marked_ ? heap_marked_ : goal;
}

std::uint64_t GcController::goal_internal(const PacerHeapStats& s, std::uint64_t& min_trigger) const {
  std::uint64_t goal = gc_percent_heap_goal_;
  min_trigger = 0;
  if (std::uint64_t g = memory_limit_goal(s); g < goal) return g;
  if (sweep_dist_min_trigger_ > goal) goal = sweep_dist_min_trigger_;
  min_trigger = sweep_dist_min_trigger_;
  constexpr std::uint64_t kMinRunway = 64 << 10;
  if (triggered_ != ~std::uint64_t{0} && goal < triggered_ + kMinRunway) goal = triggered_ + kMinRunway;
  return goal;
}

std::uint64_t GcController::heap_goal(const PacerHeapStats& s) const {
  std::uint64_t m;
  return goal_internal(s, m);
}

std::uint64_t GcController::trigger(const PacerHeapStats& s) const {
  std::uint64_t min_trigger;
  const std::uint64_t goal = goal_internal(s, min_trigger);
  if (heap_marked_ >= goal) return goal;
  if (min_trigger < heap_marked_) min_trigger = heap_marked_;
  const std::uint64_t lower = (goal - heap_marked_) / kTriggerRatioDen * kMinTriggerRatioNum + heap_marked_;
  if (min_trigger < lower) min_trigger = lower;
  std::uint64_t max_trigger = (goal - heap_marked_) / kTriggerRatioDen * kMaxTriggerRatioNum + heap_marked_;
  if (goal > kDefaultHeapMinimum && goal - kDefaultHeapMinimum > max_trigger) max_trigger = goal - kDefaultHeapMinimum;
  if (max_trigger < min_trigger) max_trigger = min_trigger;
  std::uint64_t t = runway_ > goal ? min_trigger : goal - runway_;
  if (t < min_trigger) t = min_trigger;
  if (t > max_trigger) t = max_trigger;
  return t;
}

// startCycle records where the cycle started: Go 1.19 the computed trigger
// (its comment calls this a mistake, #53738), later versions the actual
// heapLive (#53892).
void GcController::start_cycle(const PacerHeapStats& s) {
  triggered_ = version_.triggered_is_heap_live() ? heap_live_ : trigger(s);
}

void GcController::reset_live(std::uint64_t bytes_marked, std::uint64_t heap_scan_work, std::uint64_t stack_scan_work) {
  heap_marked_ = bytes_marked;
  heap_live_ = bytes_marked;
  heap_scan_ = heap_scan_work;
  last_heap_scan_ = heap_scan_work;
  last_stack_scan_ = stack_scan_work;
  triggered_ = ~std::uint64_t{0};
}

std::pair<double, bool> PiController::next(double input, double setpoint, double period) {
  const double prop = kp * (setpoint - input);
  const double raw = prop + err_integral;
  double output = raw;
  if (std::isinf(output) || std::isnan(output)) {
    reset();
    input_overflow = true;
    return {min, false};
  }
  if (output < min)
    output = min;
  else if (output > max)
    output = max;
  if (ti != 0 && tt != 0) {
    err_integral += (kp * period / ti) * (setpoint - input) + (period / tt) * (output - raw);
    if (std::isinf(err_integral) || std::isnan(err_integral)) {
      reset();
      err_overflow = true;
      return {min, false};
    }
  }
  return {output, true};
}

void GcController::end_cycle(const PacerHeapStats& s, const MarkCycleStats& m) {
  last_heap_goal_ = heap_goal(s);
  const std::int64_t assist_duration = m.now_ns - m.mark_start_ns;
  double utilization = kGcGoalUtilization;  // gcBackgroundUtilization
  if (assist_duration > 0)
    utilization += static_cast<double>(m.assist_time_ns) / static_cast<double>(assist_duration * m.procs);
  // Nothing allocated during mark (always so while mark completes at cycle
  // start): Go keeps the previous estimate.
  if (heap_live_ <= triggered_) return;
  double idle_utilization = 0;
  if (assist_duration > 0)
    idle_utilization = static_cast<double>(m.idle_mark_time_ns) / static_cast<double>(assist_duration * m.procs);
  const std::uint64_t scan_work = m.heap_scan_work + m.stack_scan_work + m.globals_scan_work;
  const double current = (static_cast<double>(heap_live_ - triggered_) * (utilization + idle_utilization)) /
                         (static_cast<double>(scan_work) * (1 - utilization));
  if (version_.cons_mark_history()) {
    // Go 1.21+: the max of this cycle's and the last four measurements.
    cons_mark_ = current;
    for (double x : last_cons_mark_)
      if (x > cons_mark_) cons_mark_ = x;
    for (int i = 0; i < 3; ++i) last_cons_mark_[i] = last_cons_mark_[i + 1];
    last_cons_mark_[3] = current;
  } else {
    auto [out, ok] = cons_mark_controller_.next(cons_mark_, current, 1.0);
    cons_mark_ = ok ? out : 0;
  }
}

void GcController::check_invariants(const PacerHeapStats& s) const {
  auto fail = [](const std::string& w) { throw InvariantError("pacer: " + w); };
  const std::uint64_t goal = heap_goal(s);
  const std::uint64_t t = trigger(s);
  if (t > goal) fail("trigger " + std::to_string(t) + " above the goal " + std::to_string(goal));
  if (gc_percent_ >= 0 && gc_percent_heap_goal_ < heap_minimum_) fail("GOGC goal below heapMinimum");
  if (std::isnan(cons_mark_) || std::isinf(cons_mark_)) fail("cons/mark not finite");
}

void GcController::commit(bool is_sweep_done, const PacerHeapStats&) {
  sweep_dist_min_trigger_ = is_sweep_done ? 0 : heap_live_ + kSweepMinHeapDistance;
  std::uint64_t goal = ~std::uint64_t{0};
  if (gc_percent_ >= 0)
    goal = heap_marked_ + (heap_marked_ + last_stack_scan_ + globals_scan_) * static_cast<std::uint64_t>(gc_percent_) / 100;
  if (goal < heap_minimum_) goal = heap_minimum_;
  gc_percent_heap_goal_ = goal;
  // The allocation runway the next cycle needs at the estimated cons/mark.
  // uint64(negative) wraps as on amd64 (cons/mark can be negative in Go 1.19).
  runway_ = go_f64_to_u64(cons_mark_ * (1 - kGcGoalUtilization) / kGcGoalUtilization *
                          static_cast<double>(last_heap_scan_ + last_stack_scan_ + globals_scan_));
}

ScavengeGoals pace_scavenger(GoVersion v, const GcController& c, std::uint64_t last_heap_inuse,
                             std::uint64_t last_heap_goal, std::uint64_t heap_retained, const PacerHeapStats& s) {
  ScavengeGoals g;
  // Go 1.19–1.21 multiply by 95 instead of 0.95 (golang/go#62449).
  const double factor = v.scavenger_limit_goal_fixed() ? 0.95 : 95.0;
  const double lim = static_cast<double>(c.memory_limit()) * factor;
  // Out-of-range float64→uint64 conversions yield 1<<63 on amd64 (checked with go1.19).
  const std::uint64_t limit_goal = go_f64_to_u64(lim);
  if (s.mapped_ready > limit_goal) g.memory_limit_goal = limit_goal;
  if (last_heap_goal == 0) return g;
  const double ratio = static_cast<double>(c.heap_goal(s)) / static_cast<double>(last_heap_goal);
  std::uint64_t goal = go_f64_to_u64(static_cast<double>(last_heap_inuse) * ratio);
  goal += goal / 10;  // retainExtraPercent
  goal = (goal + kPhysPageSize - 1) & ~(kPhysPageSize - 1);
  if (heap_retained <= goal || heap_retained - goal < kPhysPageSize) return g;
  g.gc_percent_goal = goal;
  return g;
}

}  // namespace bucketlab::runtime
