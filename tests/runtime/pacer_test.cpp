// The GC pacer (gcControllerState, mgcpacer.go) against Go's formulas, for
// Go 1.19 and Go 1.26, and against a real modern Go process's heap goal.
#include <catch2/catch.hpp>

#include <sstream>

#include "core/runtime/pacer.h"
#include "core/runtime/runtime.h"
#include "tests/support/go_oracle.h"

using namespace bucketlab;
using namespace bucketlab::runtime;

namespace {
constexpr std::uint64_t MiB = 1 << 20;

// A controller after a cycle that marked `marked` bytes, with stacks and
// globals, committed with sweeping done.
GcController after_cycle(int minor, std::int32_t gogc, std::uint64_t marked, std::uint64_t stacks = 0,
                         std::uint64_t globals = 0, std::int64_t limit = std::numeric_limits<std::int64_t>::max()) {
  GcController c(GoVersion{minor}, gogc, limit);
  c.add_globals(globals);
  c.reset_live(marked, marked, stacks);
  c.commit(true, PacerHeapStats{0, marked, marked});
  return c;
}
}  // namespace

TEST_CASE("pacer: GOGC heap goal = heapMarked + (heapMarked + stacks + globals)·GOGC/100, floor 4 MiB·GOGC/100",
          "[runtime][pacer]") {
  for (int minor : {19, 26}) {
    const PacerHeapStats s{0, 8 * MiB, 8 * MiB};
    CHECK(after_cycle(minor, 100, 8 * MiB).heap_goal(s) == 16 * MiB);
    CHECK(after_cycle(minor, 50, 8 * MiB).heap_goal(s) == 12 * MiB);
    CHECK(after_cycle(minor, 200, 8 * MiB).heap_goal(s) == 24 * MiB);
    // Stacks and globals count toward the goal (Go 1.18+).
    CHECK(after_cycle(minor, 100, 8 * MiB, 64 << 10, 32 << 10).heap_goal(s) == 16 * MiB + (96 << 10));
    // heapMinimum = 4 MiB · GOGC/100 for a small heap.
    CHECK(after_cycle(minor, 100, 1 * MiB).heap_goal(s) == 4 * MiB);
    CHECK(after_cycle(minor, 50, 1 * MiB).heap_goal(s) == 2 * MiB);
    CHECK(after_cycle(minor, 400, 1 * MiB).heap_goal(s) == 16 * MiB);
    // GOGC=off: only the memory-limit goal, which with no limit (MaxInt64) is
    // MaxInt64 − non-heap memory − headroom.
    const std::uint64_t max = std::numeric_limits<std::int64_t>::max();
    CHECK(after_cycle(minor, -1, 8 * MiB).heap_goal(s) == (minor == 19 ? max - MiB : max - max / 100 * 3));
  }
}

TEST_CASE("pacer: trigger sits at 61/64 of the runway (or goal − 4 MiB) while cons/mark is 0", "[runtime][pacer]") {
  for (int minor : {19, 26}) {
    const PacerHeapStats s{0, 8 * MiB, 8 * MiB};
    // marked 8 MiB, goal 16 MiB: max trigger 8 MiB/64·61 + 8 MiB; goal − 4 MiB = 12 MiB is lower.
    CHECK(after_cycle(minor, 100, 8 * MiB).trigger(s) == 8 * MiB / 64 * 61 + 8 * MiB);
    // marked 100 MiB, goal 200 MiB: goal − 4 MiB = 196 MiB is above 61/64 of the way.
    const PacerHeapStats big{0, 100 * MiB, 100 * MiB};
    CHECK(after_cycle(minor, 100, 100 * MiB).trigger(big) == 196 * MiB);
    // First cycle of a small program: goal 4 MiB, heapMarked 0 → 61/64 · 4 MiB
    // (gcpacertrace printed "in 3997696 B", go-runtime-facts D.5).
    GcController fresh(GoVersion{minor}, 100);
    CHECK(fresh.trigger(PacerHeapStats{}) == 3997696);
  }
}

TEST_CASE("pacer: the memory-limit goal and its headroom (1 MiB in Go 1.19, 3 % from Go 1.21)", "[runtime][pacer]") {
  // mappedReady 40 MiB, heapFree 2 MiB, heapAlloc 30 MiB → 8 MiB non-heap;
  // limit 64 MiB → 56 MiB before headroom.
  const PacerHeapStats s{2 * MiB, 30 * MiB, 40 * MiB};
  const std::uint64_t raw = 56 * MiB;
  GcController g19 = after_cycle(19, -1, 20 * MiB, 0, 0, 64 * MiB);
  CHECK(g19.heap_goal(s) == raw - 1 * MiB);
  GcController g26 = after_cycle(26, -1, 20 * MiB, 0, 0, 64 * MiB);
  CHECK(g26.heap_goal(s) == raw - raw / 100 * 3);
  // The limit goal wins only when below the GOGC goal.
  GcController both = after_cycle(26, 100, 20 * MiB, 0, 0, 64 * MiB);
  CHECK(both.heap_goal(s) == 40 * MiB);  // GOGC goal 40 MiB < limit goal
  // Never below heapMarked.
  GcController tight = after_cycle(26, -1, 20 * MiB, 0, 0, 16 * MiB);
  CHECK(tight.heap_goal(s) == 20 * MiB);
}

TEST_CASE("pacer: cons/mark from allocation during mark (PI controller in 1.19, max of history from 1.21)",
          "[runtime][pacer]") {
  // One cycle: 1 MiB allocated during mark, 4 MiB of scan work, no assists.
  // currentConsMark = 1 MiB · 0.25 / (4 MiB · 0.75) = 1/12.
  auto run = [](int minor) {
    GcController c(GoVersion{minor}, 100);
    c.start_cycle(PacerHeapStats{});
    const std::uint64_t triggered = c.triggered();
    c.update(static_cast<std::int64_t>(triggered + MiB), 0);  // heapLive = triggered + 1 MiB
    MarkCycleStats m;
    m.mark_start_ns = 0;
    m.now_ns = 1000000;
    m.heap_scan_work = 4 * MiB;
    c.end_cycle(PacerHeapStats{}, m);
    return c;
  };
  const double current = 1.0 / 12.0;
  // Go 1.19: PI controller from 0 with kp 0.9: output = 0.9 · (current − 0).
  CHECK(run(19).cons_mark() == Approx(0.9 * current).epsilon(1e-12));
  // Go 1.26: max(current, last four) = current.
  GcController c26 = run(26);
  CHECK(c26.cons_mark() == Approx(current).epsilon(1e-12));
  // The runway for the next cycle: consMark · (1 − 0.25)/0.25 · (last heap scan + stacks + globals).
  c26.reset_live(8 * MiB, 2 * MiB, 0);
  c26.commit(true, PacerHeapStats{0, 8 * MiB, 8 * MiB});
  CHECK(c26.runway() == static_cast<std::uint64_t>(current * 3.0 * static_cast<double>(2 * MiB)));
  // No allocation since the cycle started: Go keeps the previous estimate
  // (endCycle returns early). Go 1.26 records heapLive at the start.
  GcController still(GoVersion{26}, 100);
  still.start_cycle(PacerHeapStats{});
  still.end_cycle(PacerHeapStats{}, MarkCycleStats{});
  CHECK(still.cons_mark() == 0);
}

TEST_CASE("pacer: SetGCPercent and SetMemoryLimit recompute the goal through commit", "[runtime][pacer]") {
  Runtime rt;
  rt.gc();
  const std::uint64_t g100 = rt.heap_goal();
  CHECK(g100 == 4 * MiB);  // tiny live heap: the heapMinimum floor
  CHECK(rt.set_gc_percent(200) == 100);
  CHECK(rt.heap_goal() == 8 * MiB);
  CHECK(rt.set_gc_percent(-1) == 200);
  CHECK(rt.heap_goal() > (std::uint64_t{1} << 62));  // only the (unlimited) memory-limit goal
  rt.set_memory_limit(32 * MiB);
  CHECK(rt.heap_goal() < 32 * MiB);
  rt.check_invariants();
}

// Real modern Go: after runtime.GC(), NextGC equals the GOGC formula over the
// heap-live, stack and globals scan sizes runtime/metrics reports.
TEST_CASE("pacer: GOGC goal formula matches a real Go process", "[runtime][pacer][oracle-go]") {
  testing::GoOracle go(testing::GoToolchain::Modern, "tests/oracle/pacer/goal.go");
  if (!go.available()) {
    WARN("modern Go not available: " << go.why_unavailable());
    return;
  }
  const testing::GoResult r = go.run("", {"GOMAXPROCS=1"});
  REQUIRE(r.exit_status == 0);
  std::istringstream in(r.out);
  int gogc;
  std::uint64_t live, stacks, globals, nextgc;
  int rows = 0;
  while (in >> gogc >> live >> stacks >> globals >> nextgc) {
    INFO("GOGC " << gogc << " live " << live << " stacks " << stacks << " globals " << globals);
    GcController c(GoVersion{26}, gogc);
    c.add_globals(globals);
    c.reset_live(live, live, stacks);
    c.commit(true, PacerHeapStats{0, live, live});
    CHECK(c.heap_goal(PacerHeapStats{0, live, live}) == nextgc);
    ++rows;
  }
  CHECK(rows == 5);
}
