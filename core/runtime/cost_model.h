// The cost model: simulated time for one Go process with one P.
//
// Go measures time with nanotime(); the model has no clock to read, so it
// charges every operation a modelled CPU cost and lets the clock be the sum
// (one P: mutator and GC never run at the same instant). The clock drives
// time.Now/time.Since/time.Sleep in workloads, the samples' time axis, the
// GC's pause and CPU accounting (PauseNs, PauseEnd, PauseTotalNs, LastGC,
// GCCPUFraction), the 2-minute forced GC and the scavenger's pacing.
//
// Terminology
//   cost kind    one priced event: an interpreter instruction, a map
//                operation of a given path, a malloc of a given path, a
//                byte zeroed, an object marked, a span swept, a STW phase...
//                Each has a cost in ns (cost_constants.h, fitted by
//                bench/calibrate against real Go 1.19 on a real machine).
//   fx           the clock's unit: 1/1024 ns, so fractional per-instruction
//                costs add up exactly and the clock stays an integer
//                (deterministic natively and in wasm).
//   mutator time what the workload's own code costs: the interpreter, map
//                operations, allocation, sweeping on the allocation path.
//   GC CPU       what Go 1.19 counts in work.totaltime (mgc.go
//                gcMarkTermination): both STW phases plus assist, dedicated
//                and fractional mark time. Idle mark time is "free" and
//                excluded; sweeping and scavenging are not GC CPU.
//   idle         the P has nothing to run (time.Sleep): the clock jumps;
//                background work done meanwhile is absorbed in the idle time.
//
// Accounting rules (GOMAXPROCS = 1; mgcpacer.go startCycle gives
// fractionalUtilizationGoal = 0.25 and no dedicated worker)
//   - A cycle charges: sweep termination STW (fixed + the spans
//     finishsweep_m sweeps), mark (per object, per byte of scan work, per
//     pointer found, per byte of roots), mark termination STW (fixed).
//     PauseNs of the cycle = the two STW phases, exactly.
//   - Who pays for mark: a heap- or time-triggered cycle started while the
//     mutator runs is marked by assists (the fractional worker only runs
//     when the scheduler preempts the mutator; gctrace shows assist time
//     only): all of it is GC CPU. A cycle whose mutator is blocked
//     (runtime.GC waits in gcWaitOnMark; a forced GC while the goroutine
//     sleeps) is marked by the fractional worker until its first
//     pollFractionalWorkerExit (after drainCheckThreshold = 100000 units of
//     scan work, mgcmark.go gcDrain), then by an idle worker: only the
//     fractional share is GC CPU.
//   - GCCPUFraction = GC CPU / (nanotime since process start · GOMAXPROCS),
//     computed at each mark termination (mgc.go), so it is stale between
//     cycles exactly as in Go.
//
// Hooks: the runtime charges itself (malloc.cpp, mcache.cpp, mheap.cpp,
// sweep.cpp, gc.cpp, memstats.cpp); upper layers charge through
// Runtime::charge, and the interpreter attaches its instruction and
// statement counters, which are folded into the clock (one multiply) when
// time is read, not once per instruction.
//
// Deviations from Go (docs/deviations.md R1, R18, R44-R51): costs are averages per
// operation and path (plus a two-level cache term for maps), not measured
// time; marking still completes at cycle start (R1), so its CPU is charged
// at once and the mutator does not interleave with it.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace bucketlab::runtime {

enum class CostKind : std::uint8_t {
  // interpreter (charged lazily from the interpreter's counters)
  Instr,        // one bytecode instruction
  Stmt,         // one statement boundary
  LibCall,      // a library call (strconv, math/rand, time, ...): its own work, not its allocations
  FmtPrint,     // fmt.Print*/print: formatting and the write(2) of its output
  FmtSprint,    // fmt.Sprint*/Errorf: formatting into a new string
  Concat,       // concatstrings: per concatenation (allocation charged apart)
  CopyByte,     // bytes copied by copy/append/string conversions
  // maps (charged per operation by the interpreter; key classes as the
  // compiler picks mapaccess1_fast64 / _faststr / the generic mapaccess1)
  MapAccess64, MapAccessStr, MapAccessGeneric,
  MapAssign64, MapAssignStr, MapAssignGeneric,
  MapDelete64, MapDeleteStr, MapDeleteGeneric,
  MapInsert,    // an assignment that adds a key (on top of its MapAssign*): the
                // whole chain is searched before the first free slot is taken
  MapIterNext,  // mapiternext, per element
  MapClear,     // mapclear / clear(m) (its zeroing is ZeroByte)
  MapMake,      // makemap (allocation charged apart)
  // cache misses of map operations, in units of 1/1024 of a miss: the
  // probability that the op's bucket is not in L1 / L2 (working set vs size);
  // cost_constants.h prices them per whole miss
  MapMissL1, MapMissL2,
  MapMissL1Str, MapMissL2Str,  // string keys: the key's bytes live elsewhere
  MapGrow,          // hashGrow / a Swiss table rehash start
  MapEvacuate,      // evacuate(): one old bucket (classic) or 8 slots rehashed (Swiss)
  MapOverflow,      // newoverflow: linking a new overflow bucket (its allocation apart)
  // allocation (malloc.go)
  MallocTiny,   // a tiny allocation that fits the current 16-byte block
  MallocSmall,  // a small object from the cached span (nextFreeFast / nextFree)
  MallocRefill, // mcache.refill: uncache the full span, cacheSpan from mcentral
  MallocSpan,   // mheap.allocSpan: a fresh span from the page heap
  MallocLarge,  // a large object (> 32 KiB), beyond its span
  HeapGrow,     // mheap.grow: per 4 MiB of heap mapped (sysMap, arena metadata)
  ZeroByte,     // bytes zeroed (needzero memclr, mapclear, ...)
  PageFault,    // the first write to a cold 4 KiB page (fresh from the OS, or released)
  SweepSpan,    // sweeping one span (any sweeper)
  SweepObject,  // an object freed by a sweep
  // GC
  GcSweepTermination,  // the first STW phase (fixed part)
  GcMarkTermination,   // the second STW phase (fixed part)
  GcMarkCycle,         // a cycle's fixed mark work (root jobs, the binary's data/bss, stacks)
  GcMarkObject,        // an object greyed/marked
  GcScanWord,          // a pointer slot the pointer mask names, examined (nil or not)
  GcScanPointer,       // a non-nil pointer found while scanning
  GcRootByte,          // a byte of stack/global roots
  RuntimeGC,           // runtime.GC's own work beyond the cycle: parking the caller
                       // until mark ends, waking the workers, its sweep loop
  ReadMemStats,        // runtime.ReadMemStats (stops the world; not a GC pause)
  ScavengePage,        // a backed 4 KiB page returned to the OS (madvise)
  Count
};

inline constexpr std::size_t kNumCostKinds = static_cast<std::size_t>(CostKind::Count);

const char* cost_kind_name(CostKind k);

// Groups of kinds for breakdowns ("where did the time go").
enum class CostGroup : std::uint8_t { Interp, Maps, Malloc, Sweep, GcStw, GcMark, Runtime, Scavenge, Count };
CostGroup cost_group(CostKind k);
const char* cost_group_name(CostGroup g);

// The clock's unit: 1/1024 ns.
inline constexpr int kFxShift = 10;
inline constexpr std::uint64_t kFxPerNs = std::uint64_t{1} << kFxShift;
// The clock saturates here (about 208 days): a longer time.Sleep ends there.
inline constexpr std::uint64_t kMaxIdleNs = (~std::uint64_t{0} >> kFxShift) / 2;

// The modelled process's wall clock at nanotime 0 (Unix ns): the Go
// playground's 2009-11-10 23:00:00 UTC. time.Now().UnixNano(), LastGC and
// PauseEnd are this plus nanotime.
inline constexpr std::int64_t kUnixEpochNs = 1257894000ll * 1000000000ll;

// drainCheckThreshold (mgcmark.go): scan work between a fractional worker's
// polls of pollFractionalWorkerExit.
inline constexpr std::uint64_t kDrainCheckThreshold = 100000;

// The machine the constants were measured on: cache sizes for the map miss
// terms.
struct CostMachine {
  std::uint64_t l1_bytes = 48 << 10;
  std::uint64_t l2_bytes = 2 << 20;
};

// The per-kind prices in fx (1/1024 ns) per unit.
struct CostTable {
  std::array<std::uint64_t, kNumCostKinds> fx{};
  CostMachine machine;
  std::uint64_t premain_ns = 0;  // process start → main (runtime init), for GCCPUFraction's denominator
  // The calibrated table (cost_constants.h).
  static const CostTable& calibrated();
  // All zero: nothing costs time (component tests that count on a still clock).
  static const CostTable& zero();
};

class CostClock {
 public:
  explicit CostClock(const CostTable& t = CostTable::calibrated());

  const CostTable& table() const { return *t_; }
  void set_table(const CostTable& t) { t_ = &t; }

  // The current time (ns), with attached counters folded in.
  std::uint64_t now() {
    fold();
    return fx_ >> kFxShift;
  }
  // Without folding the attached counters (const readers, dumps).
  std::uint64_t now_unfolded() const { return fx_ >> kFxShift; }
  std::uint64_t now_fx() {
    fold();
    return fx_;
  }
  // Charge n units of k.
  void charge(CostKind k, std::uint64_t n = 1) {
    const std::size_t i = static_cast<std::size_t>(k);
    fx_ += t_->fx[i] * n;
    count_[i] += n;
  }
  // Jump to time t (ns) if it is later: the P idles until then.
  void idle_until(std::uint64_t t_ns);
  // ns of time the model does not itemise (Runtime::advance_clock).
  void busy(std::uint64_t ns) {
    fold();
    fx_ += ns << kFxShift;
    busy_ns_ += ns;
  }

  // The interpreter's instruction/statement counters, folded lazily.
  void attach_counters(const std::uint64_t* instrs, const std::uint64_t* stmts);
  void detach_counters();
  void fold() {
    if (instrs_ != nullptr) fold_counters();
  }

  std::uint64_t count(CostKind k) const { return count_[static_cast<std::size_t>(k)]; }
  // ns charged for kind k so far (count · price).
  std::uint64_t spent_ns(CostKind k) const {
    return (count_[static_cast<std::size_t>(k)] * t_->fx[static_cast<std::size_t>(k)]) >> kFxShift;
  }
  std::uint64_t idle_ns() const { return idle_ns_; }
  std::uint64_t busy_ns() const { return busy_ns_; }

  // Checkpoints (calibration, bench/calibrate): the counts of every kind,
  // and the clock, each time the workload reads the time (time.Now,
  // time.Since), so a phase's counts are the difference of two of them.
  struct Checkpoint {
    std::uint64_t ns = 0;
    std::array<std::uint64_t, kNumCostKinds> count{};
  };
  void enable_checkpoints() { checkpoints_on_ = true; }
  void checkpoint() {
    if (!checkpoints_on_) return;
    fold();
    checkpoints_.push_back(Checkpoint{fx_ >> kFxShift, count_});
  }
  const std::vector<Checkpoint>& checkpoints() const { return checkpoints_; }

 private:
  void fold_counters();
  const CostTable* t_;
  std::uint64_t fx_ = kFxPerNs;  // nanotime starts at 1: 0 reads as "never" for lastgc
  std::array<std::uint64_t, kNumCostKinds> count_{};
  std::uint64_t idle_ns_ = 0, busy_ns_ = 0;
  const std::uint64_t* instrs_ = nullptr;
  const std::uint64_t* stmts_ = nullptr;
  std::uint64_t instrs_seen_ = 0, stmts_seen_ = 0;
  bool checkpoints_on_ = false;
  std::vector<Checkpoint> checkpoints_;
};

// The per-cycle and cumulative GC time accounting Go keeps in work and
// memstats (mgc.go gcStart / gcMarkDone / gcMarkTermination).
struct GcTimes {
  // this cycle (work.tSweepTerm, tMark, tMarkTerm, tEnd; work.pauseNS)
  std::uint64_t t_sweep_term = 0, t_mark = 0, t_mark_term = 0, t_end = 0, pause_ns = 0;
  std::uint64_t mark_cpu_ns = 0;       // assist + fractional (counted)
  std::uint64_t idle_mark_ns = 0;      // idle worker (free)
  // cumulative (memstats)
  std::uint64_t pause_total_ns = 0;
  std::array<std::uint64_t, 256> pause_ns_ring{};   // memstats.pause_ns
  std::array<std::uint64_t, 256> pause_end_ring{};  // memstats.pause_end (Unix ns)
  std::uint64_t last_gc_unix = 0;
  std::uint64_t total_gc_cpu_ns = 0;   // work.totaltime
  double gc_cpu_fraction = 0;          // memstats.gc_cpu_fraction
  std::uint64_t total_idle_mark_ns = 0;
};

}  // namespace bucketlab::runtime
