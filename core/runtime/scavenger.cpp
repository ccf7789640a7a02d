#include "core/runtime/scavenger.h"

#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

void Scavenger::pace(std::uint64_t last_heap_goal) {
  goals_ = pace_scavenger(rt_.version, rt_.pacer, rt_.gc.last_heap_in_use(), last_heap_goal, rt_.heap.heap_retained(),
                          rt_.heap.pacer_stats());
}

bool Scavenger::should_stop() const {
  return rt_.heap.heap_retained() <= goals_.gc_percent_goal && rt_.heap.mapped_ready() <= goals_.memory_limit_goal;
}

std::uint64_t Scavenger::run_once(std::uint64_t& worked_ns) {
  std::uint64_t released = 0;
  worked_ns = 0;
  while (worked_ns < kMinScavWorkTimeNs) {
    if (should_stop()) break;
    // scavengerState.run (mgcscavenge.go): the work's duration on the
    // clock (the cost model's ScavengePage charges); Go's 10 µs per page
    // when the clock did not move.
    const std::uint64_t t0 = rt_.clock.now();
    const std::uint64_t r = rt_.heap.scavenge(kScavengeQuantum, false);
    const std::uint64_t duration = rt_.clock.now() - t0;
    worked_ns += duration != 0 ? duration : kApproxWorkedNsPerPhysPage * (r / kPhysPageSize);
    released += r;
    if (r < kScavengeQuantum) break;  // the heap is exhausted for now
  }
  return released;
}

std::uint64_t Scavenger::run_background(std::uint64_t from_ns, std::uint64_t to_ns) {
  std::uint64_t t = std::max(from_ns, asleep_until_ns_);
  std::uint64_t total = 0;
  while (!parked_ && t < to_ns) {
    std::uint64_t worked = 0;
    const std::uint64_t released = run_once(worked);
    if (released == 0) {
      parked_ = true;
      break;
    }
    total += released;
    // Sleep so that scavenging uses scavengePercent of one CPU.
    t += worked + worked * (100 - kScavengePercent) / kScavengePercent;
  }
  asleep_until_ns_ = t;
  released_bg_ += total;
  return total;
}

std::uint64_t Scavenger::scavenge_all() { return rt_.heap.scavenge(~std::uint64_t{0}, true); }

}  // namespace bucketlab::runtime
