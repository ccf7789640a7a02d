// STAND-IN: see pacer_standin.h. Formulas from go1.19 mgcpacer.go.
#include "core/runtime/pacer_standin.h"

#include "core/runtime/page_alloc.h"

namespace bucketlab::runtime {

namespace {
constexpr std::uint64_t kDefaultHeapMinimum = 4 << 20;
constexpr std::uint64_t kSweepMinHeapDistance = 1 << 20;
constexpr std::uint64_t kMemoryLimitHeapGoalHeadroom = 1 << 20;
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
  if (goal < kMemoryLimitHeapGoalHeadroom || goal - kMemoryLimitHeapGoalHeadroom < kMemoryLimitHeapGoalHeadroom)
    goal = kMemoryLimitHeapGoalHeadroom;
  else
    goal -= kMemoryLimitHeapGoalHeadroom;
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

void GcController::start_cycle(const PacerHeapStats& s) { triggered_ = trigger(s); }

void GcController::reset_live(std::uint64_t bytes_marked, std::uint64_t heap_scan_work, std::uint64_t stack_scan_work) {
  heap_marked_ = bytes_marked;
  heap_live_ = bytes_marked;
  heap_scan_ = heap_scan_work;
  last_heap_scan_ = heap_scan_work;
  last_stack_scan_ = stack_scan_work;
  triggered_ = ~std::uint64_t{0};
}

void GcController::end_cycle(const PacerHeapStats&) {}  // consMark: not modelled by the stand-in

void GcController::commit(bool is_sweep_done, const PacerHeapStats&) {
  sweep_dist_min_trigger_ = is_sweep_done ? 0 : heap_live_ + kSweepMinHeapDistance;
  std::uint64_t goal = ~std::uint64_t{0};
  if (gc_percent_ >= 0)
    goal = heap_marked_ + (heap_marked_ + last_stack_scan_ + globals_scan_) * static_cast<std::uint64_t>(gc_percent_) / 100;
  if (goal < heap_minimum_) goal = heap_minimum_;
  gc_percent_heap_goal_ = goal;
  runway_ = 0;  // consMark == 0
}

ScavengeGoals pace_scavenger(GoVersion v, const GcController& c, std::uint64_t last_heap_inuse,
                             std::uint64_t last_heap_goal, std::uint64_t heap_retained, const PacerHeapStats& s) {
  ScavengeGoals g;
  // Go 1.19–1.21 multiply by 95 instead of 0.95 (golang/go#62449).
  const double factor = v.scavenger_limit_goal_fixed() ? 0.95 : 95.0;
  const double lim = static_cast<double>(c.memory_limit()) * factor;
  // Out-of-range float64→uint64 conversions yield 1<<63 on amd64 (checked with go1.19).
  const std::uint64_t limit_goal = lim >= 18446744073709551616.0 ? std::uint64_t{1} << 63 : static_cast<std::uint64_t>(lim);
  if (s.mapped_ready > limit_goal) g.memory_limit_goal = limit_goal;
  if (last_heap_goal == 0) return g;
  const double ratio = static_cast<double>(c.heap_goal(s)) / static_cast<double>(last_heap_goal);
  std::uint64_t goal = static_cast<std::uint64_t>(static_cast<double>(last_heap_inuse) * ratio);
  goal += goal / 10;  // retainExtraPercent
  goal = (goal + kPhysPageSize - 1) & ~(kPhysPageSize - 1);
  if (heap_retained <= goal || heap_retained - goal < kPhysPageSize) return g;
  g.gc_percent_goal = goal;
  return g;
}

}  // namespace bucketlab::runtime
