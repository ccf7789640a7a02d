// Models go/src/runtime/mgcsweep.go (go1.19): sweeping spans after each
// mark phase, by whoever needs it first.
//
// Terminology
//   sweep        turn one span's mark bits into its allocation bits: the
//                unmarked objects become free slots; an emptied span goes
//                back to the page heap.
//   drained      no unswept span is left in any mcentral set
//                (sweep.active.markDrained); from then on isSweepDone.
//   sweep class  the order of the sweeper's walk: for span class 0..135,
//                first its full unswept set, then its partial unswept set.
//
// Algorithm (sweeping one span, sweepLocked.sweep)
//   nalloc = popcount(gcmarkBits); nfreed = allocCount − nalloc;
//   allocCount = nalloc; freeindex = 0; allocBits = gcmarkBits;
//   gcmarkBits = zeroed; allocCache reloaded from slot 0; sweepgen = sg.
//   small span: nfreed > 0 → needzero, Frees/TotalFree counted;
//     nalloc == 0 → freed to the heap (unless the caller will use it,
//     "preserve"); else pushed to full or partial swept.
//   large span: unmarked → freed to the heap; marked → full swept.
//   Who sweeps: the background sweeper (background_work), mcentral
//   cacheSpan (its own class, budget 100), proportional sweeping
//   (deductSweepCredit: sweepPagesPerByte pages per byte allocated),
//   mheap.reclaim before page allocations, gcStart before the next cycle,
//   runtime.GC.
//
// Invariants: after sweeping, no span has sweepgen sg−2; every swept span
//   has zero mark bits until the next mark phase.
//
// Deviations from Go: specials (finalizers, profiling records) are not
//   modelled; the background sweeper runs only when the simulation says the
//   P is idle (Go also lets it run when the scheduler preempts the mutator).
#pragma once
#include <cstdint>

#include "core/runtime/mspan.h"

namespace bucketlab::runtime {

struct RuntimeState;

inline constexpr std::uint64_t kNoMoreSweepWork = ~std::uint64_t{0};  // sweepone's ^uintptr(0)

class Sweeper {
 public:
  explicit Sweeper(RuntimeState& rt) : rt_(rt) {}

  // sweepone: sweep one unswept span; returns pages freed to the heap (0 if
  // it survived), or kNoMoreSweepWork when nothing is left.
  std::uint64_t sweepone();
  // sweepLocked.sweep; s must be acquired (sweepgen == sg−1). Returns true
  // when the span was freed to the heap.
  bool sweep_span(MSpan* s, bool preserve);
  // sweepLocker.tryAcquire: true (and sweepgen = sg−1) if s needs sweeping.
  bool try_acquire(MSpan* s) const;
  // deductSweepCredit: proportional sweeping before allocating span bytes.
  void deduct_sweep_credit(std::uint64_t span_bytes, std::uint64_t caller_sweep_pages);
  // gcPaceSweeper: set sweepPagesPerByte for the distance to the trigger.
  void pace(std::uint64_t trigger);
  // gcSweep's reset for a new sweep generation (sweep.active.reset etc.).
  void begin_cycle();
  // finishsweep_m: sweep everything left, drop stale set entries.
  void finish();

  bool is_done() const { return drained_; }  // isSweepDone
  std::uint64_t nbgsweep = 0, npausesweep = 0;
  // What this sweep generation freed (for the SweepDone event).
  std::uint64_t freed_objects = 0, freed_bytes = 0;

 private:
  MSpan* next_span_for_sweep();
  RuntimeState& rt_;
  bool drained_ = true;   // "No sweep on the first cycle" (gcinit)
  int central_index_ = 0; // sweep.centralIndex
};

}  // namespace bucketlab::runtime
