// Models go/src/runtime/mgc.go and mgcmark.go (go1.19): the GC cycle as an
// explicit state machine, marking by tracing simulated memory, and the
// runtime.GC entry point.
//
// Terminology
//   gcphase      _GCoff (allocating, sweeping) → _GCmark (marking, write
//                barrier on, new objects allocated black) → _GCmarktermination
//                → _GCoff.
//   roots        pointer values the workload holds outside the heap (its
//                variables = Go's stacks and globals), supplied through
//                RootSource; plus the runtime's own: the current tiny block,
//                the object an allocation is returning, and "local roots"
//                upper layers push while they hold an address in a C++ local.
//   grey / black an object whose mark bit is set and that is queued for
//                scanning / already scanned (noscan objects go straight to
//                black).
//   cycles       work.cycles: cycles started; NumGC: cycles finished;
//                NumForcedGC: of those, started by runtime.GC.
//
// Algorithm (one cycle)
//   gcStart: sweep what is left while the trigger holds; stop the world;
//     finishsweep_m; cycles++; pacer startCycle; gcphase = _GCmark; mark
//     the roots and the tiny block.
//   mark: pop a grey object, read each pointer word its Type's mask names
//     (from the object's base; Go 1.22+ header objects from base+8),
//     resolve each non-nil heap pointer to its object (interior pointers
//     included) and grey it.
//   gcMarkDone → endCycle; gcMarkTermination: heapLive = heapMarked = bytes
//     marked; gcphase = _GCoff; sweepgen += 2 (every span now needs
//     sweeping); pacer commit (next goal, sweep pacing, scavenger goals);
//     NumGC++ (NumForcedGC++ if forced); the mcache is flushed.
//   Triggers: heap (heapLive ≥ trigger, tested after heavy allocations),
//   time (GOGC ≥ 0 and no GC for forcegcperiod = 2 min), cycle (runtime.GC).
//
// Invariants: gcphase == _GCoff between public operations; while off, the
//   mark queue is empty.
//
// Deviations from Go
//   - Mark runs to completion inside gcStart, so the mark phase is never
//     observed from outside and objects allocated "during mark" only arise
//     from allocations the marker itself would make (none). Its CPU time is
//     charged to the simulated clock at once (cost_model.h): the mutator
//     does not interleave with it. The write barrier and gcmarknewobject
//     are implemented for when marking becomes incremental.
//   - Assists and the fractional/idle workers exist only in the time
//     accounting (cost_model.h), not as work; no CPU limiter; no
//     finalizers/specials, no stack shrinking, no sync.Pool clearing.
#pragma once
#include <cstdint>
#include <vector>

#include "core/common/types.h"
#include "core/runtime/cost_model.h"
#include "core/runtime/mspan.h"

namespace bucketlab::runtime {

struct RuntimeState;

enum class GcPhase : std::uint8_t { Off, Mark, MarkTermination };  // _GCoff, _GCmark, _GCmarktermination
enum class GcTriggerKind : std::uint8_t { Heap, Time, Cycle };   // gcTriggerHeap/Time/Cycle
static_assert(static_cast<int>(GcTriggerKind::Heap) == 0 && static_cast<int>(GcTriggerKind::Cycle) == 2,
              "event.h documents GcStart's a1 with these values");

const char* gc_phase_name(GcPhase p);
const char* gc_trigger_name(GcTriggerKind k);

inline constexpr std::uint64_t kForceGcPeriodNs = 2 * 60 * 1000000000ull;  // forcegcperiod (proc.go)

class Gc;

// What a root source reports: pointer values (any value; non-heap ones are
// ignored) and how many bytes of stack/global memory it stands for (the
// pacer's stack scan work).
class RootVisitor {
 public:
  void pointer(Addr value);
  void stack_bytes(std::uint64_t n) { stack_bytes_ += n; }
  std::uint64_t stack_bytes_total() const { return stack_bytes_; }

 private:
  friend class Gc;
  explicit RootVisitor(Gc& gc) : gc_(gc) {}
  Gc& gc_;
  std::uint64_t stack_bytes_ = 0;
};

// Implemented by upper layers (the interpreter's variables, test fixtures).
struct RootSource {
  virtual ~RootSource() = default;
  virtual void scan_roots(RootVisitor& v) = 0;
};

class Gc {
 public:
  explicit Gc(RuntimeState& rt) : rt_(rt) {}
  Gc(const Gc&) = delete;
  Gc& operator=(const Gc&) = delete;

  GcPhase phase() const { return phase_; }
  bool write_barrier_enabled() const { return phase_ == GcPhase::Mark; }

  // gcTrigger.test.
  bool trigger_test(GcTriggerKind kind, std::uint32_t n = 0) const;
  // gcStart: start (and, in the model, complete) a cycle if the trigger holds.
  // mutator_blocked: the goroutine cannot run during mark (runtime.GC waits
  // in gcWaitOnMark; the P is idle in time.Sleep), so idle workers mark
  // after the fractional worker's first poll (cost_model.h).
  void start(GcTriggerKind kind, std::uint32_t n = 0, bool mutator_blocked = false);
  // runtime.GC: a full cycle, then sweep everything.
  void run_gc();
  // gcControllerCommit: recompute the pacer's goal, sweep pacing and the
  // scavenger's goals (after mark termination, SetGCPercent, SetMemoryLimit).
  void controller_commit();

  // The write barrier's shade(): grey the object p points into, if any.
  void shade(Addr p);
  // gcmarknewobject: allocate black during mark.
  void mark_new_object(MSpan* span, std::uint32_t index, std::uint64_t size, std::uint64_t scan_size);

  void add_root_source(RootSource* r);
  void remove_root_source(RootSource* r);
  void push_local_root(Addr a) { local_roots_.push_back(a); }
  void pop_local_root() { local_roots_.pop_back(); }
  std::size_t local_root_depth() const { return local_roots_.size(); }
  void set_inflight(Addr a) { inflight_ = a; }

  std::uint32_t cycles() const { return cycles_; }
  std::uint32_t num_gc() const { return num_gc_; }
  std::uint32_t num_forced_gc() const { return num_forced_gc_; }
  std::uint64_t last_gc_nanotime() const { return last_gc_nanotime_; }
  std::uint64_t last_heap_goal() const { return last_heap_goal_; }
  std::uint64_t last_heap_in_use() const { return last_heap_in_use_; }
  std::uint64_t bytes_marked() const { return bytes_marked_; }
  std::uint64_t objects_marked() const { return objects_marked_; }
  std::uint64_t pointers_found() const { return pointers_found_; }
  // The last cycle's scan work: heap bytes scanned + stack/global root bytes.
  std::uint64_t scan_work() const { return heap_scan_work_ + stack_scan_work_; }
  // Pause and GC CPU accounting on the simulated clock (cost_model.h).
  const GcTimes& times() const { return times_; }

  void check_invariants() const;

 private:
  friend class RootVisitor;
  void mark_pointer(Addr p);
  void grey(MSpan* s, std::uint32_t index);
  void scan_object(MSpan* s, std::uint32_t index);
  void mark_roots();
  void start_bg_mark_workers();
  void drain();
  void mark_done();
  void mark_termination();
  void record_times();

  RuntimeState& rt_;
  GcPhase phase_ = GcPhase::Off;
  bool user_forced_ = false;
  std::uint32_t cycles_ = 0, num_gc_ = 0, num_forced_gc_ = 0;
  std::uint64_t last_gc_nanotime_ = 0;
  std::uint64_t last_heap_goal_ = 0;    // gcController.lastHeapGoal (set at endCycle)
  std::uint64_t last_heap_in_use_ = 0;  // memstats.lastHeapInUse
  std::uint64_t bytes_marked_ = 0, objects_marked_ = 0, heap_scan_work_ = 0, stack_scan_work_ = 0;
  std::uint64_t pointers_found_ = 0;  // non-nil pointer words met while scanning (cost model)
  std::uint64_t words_scanned_ = 0;   // pointer words examined, nil or not (cost model)
  GcTimes times_;
  std::uint64_t heap0_ = 0;
  std::vector<MSpan*> work_spans_;       // grey objects: (span, index)
  std::vector<std::uint32_t> work_index_;
  std::vector<RootSource*> roots_;
  std::vector<Addr> local_roots_;
  Addr inflight_ = 0;
  // gcBgMarkStartWorkers: the worker goroutine's heap objects (its g, the
  // grown allgs array, its gcBgMarkWorkerNode), roots from then on.
  bool workers_started_ = false, starting_workers_ = false;
  std::vector<Addr> worker_objects_;
};

}  // namespace bucketlab::runtime
