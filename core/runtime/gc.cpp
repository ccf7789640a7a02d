#include "core/runtime/gc.h"

#include "core/runtime/malloc.h"

#include <algorithm>

#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

const char* gc_phase_name(GcPhase p) {
  switch (p) {
    case GcPhase::Off: return "_GCoff";
    case GcPhase::Mark: return "_GCmark";
    case GcPhase::MarkTermination: return "_GCmarktermination";
  }
  return "?";
}

const char* gc_trigger_name(GcTriggerKind k) {
  switch (k) {
    case GcTriggerKind::Heap: return "heap";
    case GcTriggerKind::Time: return "time";
    case GcTriggerKind::Cycle: return "cycle";
  }
  return "?";
}

void RootVisitor::pointer(Addr value) {
  if (value != 0) gc_.mark_pointer(value);
}

void Gc::add_root_source(RootSource* r) { roots_.push_back(r); }
void Gc::remove_root_source(RootSource* r) { roots_.erase(std::remove(roots_.begin(), roots_.end(), r), roots_.end()); }

bool Gc::trigger_test(GcTriggerKind kind, std::uint32_t n) const {
  if (phase_ != GcPhase::Off) return false;
  switch (kind) {
    case GcTriggerKind::Heap: return rt_.pacer.heap_trigger_test(rt_.heap.pacer_stats());
    case GcTriggerKind::Time:
      if (rt_.pacer.gc_percent() < 0) return false;
      return last_gc_nanotime_ != 0 && rt_.clock.now() - last_gc_nanotime_ > kForceGcPeriodNs;
    case GcTriggerKind::Cycle: return static_cast<std::int32_t>(n - cycles_) > 0;
  }
  return false;
}

void Gc::start(GcTriggerKind kind, std::uint32_t n, bool mutator_blocked) {
  if (starting_workers_) return;  // an allocation of the workers themselves (system stack: gcStart returns)
  // Sweep leftovers while the trigger still holds (sweepone does not lower heapLive).
  while (trigger_test(kind, n) && rt_.sweeper.sweepone() != kNoMoreSweepWork) rt_.sweeper.nbgsweep++;
  if (!trigger_test(kind, n)) return;
  if (!workers_started_ && rt_.config.gc_worker_objects) start_bg_mark_workers();
  user_forced_ = kind == GcTriggerKind::Cycle;
  BUCKETLAB_ASSERT(rt_.mcache.flush_gen == rt_.heap.sweepgen, "p mcache not flushed");

  // gcResetMarkState.
  rt_.arena.clear_page_marks();
  bytes_marked_ = objects_marked_ = heap_scan_work_ = stack_scan_work_ = pointers_found_ = words_scanned_ = 0;
  heap0_ = rt_.pacer.heap_live();

  // Stop the world: sweep termination (work.tSweepTerm = work.pauseStart = now).
  CostClock& clock = rt_.clock;
  times_.t_sweep_term = clock.now();
  times_.pause_ns = 0;
  clock.charge(CostKind::GcSweepTermination);
  rt_.sweeper.finish();  // finishsweep_m (its sweeping is charged inside the pause)
  cycles_++;
  const PacerHeapStats stats = rt_.heap.pacer_stats();
  rt_.pacer.start_cycle(stats);
  phase_ = GcPhase::Mark;  // write barrier on; allocate black
  rt_.events.emit(EventKind::GcStart, cycles_, static_cast<std::uint64_t>(kind), rt_.pacer.heap_live(),
                  rt_.pacer.heap_goal(stats));
  // startTheWorldWithSema: work.pauseNS += now - pauseStart; work.tMark = now.
  times_.t_mark = clock.now();
  times_.pause_ns += times_.t_mark - times_.t_sweep_term;
  mark_roots();  // gcMarkRootPrepare + gcMarkTinyAllocs; (Deviation) roots are scanned right away

  // Deviation: the concurrent mark phase runs to completion here, before
  // the world "restarts"; its CPU time is charged at once.
  drain();
  clock.charge(CostKind::GcMarkCycle);
  clock.charge(CostKind::GcMarkObject, objects_marked_);
  clock.charge(CostKind::GcScanWord, words_scanned_);
  clock.charge(CostKind::GcScanPointer, pointers_found_);
  clock.charge(CostKind::GcRootByte, stack_scan_work_);
  const std::uint64_t mark_ns = clock.now() - times_.t_mark;
  // Who marked (cost_model.h): assists while the mutator runs; with the
  // mutator blocked, the fractional worker until its first poll, after
  // drainCheckThreshold units of scan work, then an idle worker.
  const std::uint64_t work = heap_scan_work_ + stack_scan_work_;
  times_.mark_cpu_ns = mark_ns;
  if (mutator_blocked && work > kDrainCheckThreshold)
    times_.mark_cpu_ns = mark_ns * kDrainCheckThreshold / work;  // < 2^64 for any mark under 50 h
  times_.idle_mark_ns = mark_ns - times_.mark_cpu_ns;
  mark_done();
}

// gcBgMarkStartWorkers (mgc.go), before the world stops, at the first
// cycle: one worker goroutine per P (the model has one P). Its allocations,
// from the sources and checked with GOMAXPROCS=1 as the first runtime.GC()'s
// Mallocs/TotalAlloc and MemStats.BySize (tests/runtime: gc worker objects):
//   go1.19: `go gcBgMarkWorker()`: new(g) (392 B); the worker's
//           new(gcBgMarkWorkerNode) (32 B): 2 objects, 448 B.
//   go1.26: ready := make(chan struct{}, 1) (an hchan, 112 B, allocated
//           noscan: zero-size elements); `go gcBgMarkWorker(ready)`: its
//           closure (funcval + ready, 16 B) and new(g) (456 B); the worker's
//           new(gcBgMarkWorkerNodePadded) (tagAlign: 512 B): 4 objects, 1120 B.
// newproc's allgadd appends the g to allgs. A process whose package os was
// initialised (RuntimeConfig::os_initialized) already has 5 goroutines
// (main, forcegc, bgsweep, bgscavenge and the finalizer goroutine that os's
// stdio files start): allgs has cap 8 and does not grow. Without it there
// are 4 and the append grows []*g from cap 4 to 8 (64 B more, one object).
// The nodes hold only uintptrs (noscan); the g's pointer words are those of
// runtime2.go g (go1.19 offsets; go1.26 modelled with the same words).
// Every object stays reachable (allgs, the parked worker's frame).
// Allocating here cannot start another cycle: Go allocates them on the
// system stack, where gcStart returns at once.
void Gc::start_bg_mark_workers() {
  workers_started_ = true;
  starting_workers_ = true;
  TypeTable& T = rt_.types;
  const bool modern = rt_.version.minor >= 26;
  const std::uint16_t role = 0;
  const std::size_t depth = local_roots_.size();
  const Addr inflight = inflight_;  // the allocation that triggered this cycle stays a root
  auto keep = [&](Addr a) {
    worker_objects_.push_back(a);
    local_roots_.push_back(a);
  };
  if (modern) {
    keep(mallocgc(rt_, 112, nullptr, true, role));  // chan.go makechan: mem == 0, mallocgc(hchanSize, nil, true)
    const Type* closure = T.internal("runtime.gcBgMarkStartWorkers.func1", 16, 8, {8});
    keep(newobject(rt_, closure, role));
  }
  const Type* g = T.internal(modern ? "runtime.g/1.26" : "runtime.g", modern ? 456 : 392, 8,
                             {32, 40, 48, 80, 136, 248, 304, 328, 336, 360, 368});
  keep(newobject(rt_, g, role));
  if (!rt_.config.os_initialized) keep(newarray(rt_, T.internal("*runtime.g", 8, 8, {0}), 8, role));
  const Type* node = modern ? T.internal("runtime.gcBgMarkWorkerNodePadded", 512, 8, {})
                            : T.internal("runtime.gcBgMarkWorkerNode", 32, 8, {});
  keep(newobject(rt_, node, role));
  local_roots_.resize(depth);
  inflight_ = inflight;
  starting_workers_ = false;
}

void Gc::mark_roots() {
  RootVisitor v(*this);
  for (Addr a : worker_objects_) v.pointer(a);
  for (RootSource* r : roots_) r->scan_roots(v);
  for (Addr a : local_roots_) v.pointer(a);
  v.pointer(inflight_);
  stack_scan_work_ = v.stack_bytes_total();
  // gcMarkTinyAllocs: the current tiny block survives (it is referenced only
  // by the mcache, which the GC does not scan).
  if (rt_.mcache.tiny != 0) {
    MSpan* s;
    std::uint32_t i;
    if (rt_.heap.find_object(rt_.mcache.tiny, s, i)) grey(s, i);
  }
}

void Gc::mark_pointer(Addr p) {
  MSpan* s;
  std::uint32_t i;
  if (rt_.heap.find_object(p, s, i)) grey(s, i);
}

void Gc::shade(Addr p) {
  if (p == 0 || phase_ != GcPhase::Mark) return;
  mark_pointer(p);
}

void Gc::grey(MSpan* s, std::uint32_t index) {
  if (s->is_marked(index)) return;
  s->set_marked(index);
  rt_.arena.set_page_marked(HeapArena::page_index(s->base()));
  objects_marked_++;
  if (s->noscan()) {  // nothing to scan: straight to black
    bytes_marked_ += s->elemsize;
    return;
  }
  work_spans_.push_back(s);
  work_index_.push_back(index);
}

void Gc::drain() {
  while (!work_spans_.empty()) {
    MSpan* s = work_spans_.back();
    const std::uint32_t i = work_index_.back();
    work_spans_.pop_back();
    work_index_.pop_back();
    scan_object(s, i);
  }
}

void Gc::scan_object(MSpan* s, std::uint32_t index) {
  const SlotInfo& slot = s->slots[index];
  const Addr b = s->base() + static_cast<std::uint64_t>(index) * s->elemsize;
  bytes_marked_ += s->elemsize;
  if (slot.type == kNoType) return;
  const Type* t = rt_.types.by_id(slot.type);
  if (!t->has_pointers()) return;
  // Go 1.22+ objects > 512 B in small scan spans start with an 8-byte header.
  const std::uint64_t hdr =
      (rt_.version.alloc_headers() && s->sizeclass() != 0 && !heap_bits_in_span(s->elemsize)) ? kMallocHeaderSize : 0;
  const std::uint64_t count = s->sizeclass() == 0 ? s->large_count : slot.count;
  if (count == 0) return;
  const std::uint64_t words = t->ptrdata / kPtrSize;
  for (std::uint64_t e = 0; e < count; ++e) {
    const Addr elem = b + hdr + e * t->size;
    for (std::size_t mw = 0; mw < t->ptrmask.size(); ++mw) {
      for (std::uint64_t bits = t->ptrmask[mw]; bits != 0; bits &= bits - 1) {
        const std::uint64_t w = mw * 64 + static_cast<std::uint64_t>(__builtin_ctzll(bits));
        if (w >= words) break;
        std::uint64_t v;
        words_scanned_++;
        std::memcpy(&v, rt_.arena.ptr(elem + w * kPtrSize), sizeof v);
        if (v != 0) {
          pointers_found_++;
          mark_pointer(v);
        }
      }
    }
  }
  heap_scan_work_ += hdr + (count - 1) * t->size + t->ptrdata;
}

void Gc::mark_new_object(MSpan* span, std::uint32_t index, std::uint64_t size, std::uint64_t scan_size) {
  span->set_marked(index);
  rt_.arena.set_page_marked(HeapArena::page_index(span->base()));
  objects_marked_++;
  bytes_marked_ += size;
  heap_scan_work_ += scan_size;
}

void Gc::mark_done() {
  // gcMarkDone: the pacer's end-of-cycle bookkeeping (endCycle).
  const PacerHeapStats stats = rt_.heap.pacer_stats();
  last_heap_goal_ = rt_.pacer.heap_goal(stats);
  // gcMarkDone stops the world: work.tMarkTerm = work.pauseStart = now.
  times_.t_mark_term = rt_.clock.now();
  MarkCycleStats m;
  // The mark phase's modelled times. Assist and idle time are left 0: the
  // model's mark did not run concurrently with allocation (R1), so the
  // pacer's cons/mark inputs stay those of a mark at one instant (R18).
  m.mark_start_ns = static_cast<std::int64_t>(times_.t_mark);
  m.now_ns = static_cast<std::int64_t>(times_.t_mark_term);
  m.heap_scan_work = heap_scan_work_;
  m.stack_scan_work = stack_scan_work_;
  rt_.pacer.end_cycle(stats, m);
  mark_termination();
}

void Gc::mark_termination() {
  phase_ = GcPhase::MarkTermination;
  // gcMark.
  BUCKETLAB_ASSERT(work_spans_.empty(), "non-empty mark queue after concurrent mark");
  rt_.mcache.scan_alloc = 0;
  rt_.pacer.reset_live(bytes_marked_, heap_scan_work_, stack_scan_work_);
  phase_ = GcPhase::Off;

  // gcSweep: every in-use span now needs sweeping.
  rt_.heap.sweepgen += 2;
  rt_.sweeper.begin_cycle();

  last_heap_in_use_ = rt_.heap.acct.heap_in_use;
  controller_commit();
  rt_.clock.charge(CostKind::GcMarkTermination);
  record_times();
  if (user_forced_) num_forced_gc_++;
  num_gc_++;
  rt_.heap.pages.next_gen();  // peak in-use: about to start sweeping
  rt_.events.emit(EventKind::GcEnd, num_gc_, bytes_marked_, objects_marked_,
                  rt_.pacer.heap_goal(rt_.heap.pacer_stats()));
  // Restart the world; each P flushes its mcache before allocating again.
  rt_.mcache.prepare_for_sweep();
}

// gcMarkTermination's "Update timing memstats" (mgc.go, go1.19).
void Gc::record_times() {
  GcTimes& t = times_;
  t.t_end = rt_.clock.now();
  t.pause_ns += t.t_end - t.t_mark_term;
  last_gc_nanotime_ = t.t_end;
  const std::uint64_t unix_now = static_cast<std::uint64_t>(kUnixEpochNs) + t.t_end;
  t.last_gc_unix = unix_now;
  t.pause_ns_ring[num_gc_ % t.pause_ns_ring.size()] = t.pause_ns;
  t.pause_end_ring[num_gc_ % t.pause_end_ring.size()] = unix_now;
  t.pause_total_ns += t.pause_ns;
  // work.totaltime: both STW phases (· stwprocs = 1) and assist + fractional
  // mark time; idle marking is "free".
  const std::uint64_t sweep_term_cpu = t.t_mark - t.t_sweep_term;
  const std::uint64_t mark_term_cpu = t.t_end - t.t_mark_term;
  t.total_gc_cpu_ns += sweep_term_cpu + t.mark_cpu_ns + mark_term_cpu;
  t.total_idle_mark_ns += t.idle_mark_ns;
  // totalCpu = sched.totaltime + (now - sched.procresizetime) · gomaxprocs:
  // the process has run premain_ns before nanotime 1 (main's start).
  const std::uint64_t total_cpu = t.t_end - 1 + rt_.clock.table().premain_ns;
  t.gc_cpu_fraction = total_cpu ? static_cast<double>(t.total_gc_cpu_ns) / static_cast<double>(total_cpu) : 0;
}

void Gc::controller_commit() {
  const PacerHeapStats stats = rt_.heap.pacer_stats();
  rt_.pacer.commit(rt_.sweeper.is_done(), stats);
  const std::uint64_t trigger = rt_.pacer.trigger(stats);
  rt_.sweeper.pace(trigger);
  rt_.scavenger.pace(last_heap_goal_);
}

void Gc::run_gc() {
  rt_.clock.charge(CostKind::RuntimeGC);
  const std::uint32_t n = cycles_;
  // (gcWaitOnMark(n): no cycle can be in progress between operations.)
  start(GcTriggerKind::Cycle, n + 1, /*mutator_blocked=*/true);
  // Sweep everything on this goroutine.
  while (cycles_ == n + 1 && rt_.sweeper.sweepone() != kNoMoreSweepWork) rt_.sweeper.nbgsweep++;
}

void Gc::check_invariants() const {
  BUCKETLAB_INVARIANT(phase_ == GcPhase::Off, "gc: gcphase is _GCoff between operations");
  BUCKETLAB_INVARIANT(work_spans_.empty() && work_index_.empty(), "gc: no grey objects while the GC is off");
  BUCKETLAB_INVARIANT(num_gc_ <= cycles_ && num_forced_gc_ <= num_gc_, "gc: NumForcedGC ≤ NumGC ≤ cycles");
  BUCKETLAB_INVARIANT(rt_.heap.sweepgen == 2 * num_gc_, "gc: sweepgen == 2·NumGC");
}

}  // namespace bucketlab::runtime
