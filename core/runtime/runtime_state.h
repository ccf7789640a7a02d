// The runtime package's global state for one simulated Go process with one
// P: what Go keeps in mheap_, gcController, work, sweep, scavenge, memstats
// and the P's mcache. Every subsystem holds a reference to its
// RuntimeState the way Go code refers to those globals. Upper layers use the
// Runtime façade (runtime.h), not this.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/common/event.h"
#include "core/common/rng.h"
#include "core/runtime/gc.h"
#include "core/runtime/cost_model.h"
#include "core/runtime/gc_controller.h"
#include "core/runtime/go_version.h"
#include "core/runtime/heap_arena.h"
#include "core/runtime/mcache.h"
#include "core/runtime/memstats.h"
#include "core/runtime/mheap.h"
#include "core/runtime/rodata.h"
#include "core/runtime/stack.h"
#include "core/runtime/scavenger.h"
#include "core/runtime/sweep.h"
#include "core/runtime/type.h"

namespace bucketlab::runtime {

struct RuntimeConfig {
  GoVersion version = GoVersion::go1_19();
  std::int32_t gogc = 100;                                             // GOGC (negative = off)
  std::int64_t memory_limit = std::numeric_limits<std::int64_t>::max();  // GOMEMLIMIT
  std::uint64_t seed = 0;                                               // the simulation's RNG seed
  // Hard cap on mapped heap bytes (HeapSys); growing past it throws
  // OutOfMemoryError. A safety limit of the simulator, not a Go setting.
  std::uint64_t heap_budget_bytes = 1ull << 30;
  // Allocate the GC's background worker goroutine objects at the first
  // cycle, as a real process does (gc.cpp start_bg_mark_workers). The
  // Simulation turns this on; the bare runtime leaves it off so that
  // component tests count only their own objects.
  bool gc_worker_objects = false;
  // Package os is initialised in the process (a program importing fmt or
  // runtime/debug links it): its stdio files start the finalizer goroutine,
  // one more goroutine in allgs when the GC starts its workers.
  bool os_initialized = false;
  // The cost model's prices (cost_model.h); null: the calibrated table.
  // CostTable::zero() keeps the clock still except for idle time.
  const CostTable* costs = nullptr;
};

struct RuntimeState {
  explicit RuntimeState(const RuntimeConfig& c);
  RuntimeState(const RuntimeState&) = delete;
  RuntimeState& operator=(const RuntimeState&) = delete;

  RuntimeConfig config;
  GoVersion version;
  TypeTable types;
  Rng rng;
  EventLog events;
  std::vector<std::string> roles;  // alloc roles; 0 = "object"
  std::vector<bool> role_written;  // per role: the allocation counts as written when made (cost model)

  HeapArena arena;
  Rodata rodata;          // string literals (not heap)
  StackTmp stack_tmp;     // tmpBuf string buffers on the goroutine stack (not heap)
  HeapStats stats;        // memstats.heapStats
  GcController pacer;     // gcController
  MHeap heap;             // mheap_
  MCache mcache;          // the P's mcache
  Sweeper sweeper;        // sweep
  Gc gc;                  // work, gcphase
  Scavenger scavenger;    // scavenger + scavenge goals
  CostClock clock;        // nanotime(): the simulated monotonic clock (cost_model.h)

  // Throws InvariantError("invariant failed: ...") with dump() appended.
  void check_invariants() const;
  // A bounded, human-readable summary of the runtime's state.
  std::string dump() const;

 private:
  void check_invariants_unwrapped() const;
};

}  // namespace bucketlab::runtime
