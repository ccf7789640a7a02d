// The event stream the UI, CLI and tests read: what happened, in order.
// Lower layers emit; nothing here knows who listens. Each kind documents
// the meaning of its arguments; the log keeps the newest `capacity` events
// and counts every event ever emitted (so a reader can tell it lost some).
#pragma once
#include <cstdint>
#include <deque>

namespace bucketlab {

enum class EventKind : std::uint16_t {
  // runtime (core/runtime)
  SpanAlloc,      // a0 span base, a1 npages, a2 span class, a3 nelems
  SpanFree,       // a0 span base, a1 npages, a2 span class
  HeapGrow,       // a0 bytes added to HeapSys (a multiple of 4 MiB), a1 new HeapSys
  GcStart,        // a0 cycle number (1-based), a1 trigger (GcTriggerKind: 0 heap, 1 time, 2 cycle = runtime.GC), a2 heapLive at start, a3 heap goal
  GcEnd,          // a0 cycle number, a1 bytes marked, a2 objects marked, a3 next goal
  SweepDone,      // a0 cycle number whose sweep finished, a1 objects freed by that sweep, a2 bytes freed
  Scavenge,       // a0 bytes released to the OS by one scavenge call, a1 new HeapReleased
  // classic map (core/maps)
  MapGrowStart,   // a0 map id, a1 old B, a2 new B, a3 1 if same-size grow
  MapEvacuate,    // a0 map id, a1 old bucket index, a2 entries to X, a3 entries to Y
  MapGrowEnd,     // a0 map id, a1 B
  MapOverflowAlloc,  // a0 map id, a1 bucket address, a2 1 if taken from the preallocated spares
  MapOldFree,     // a0 map id, a1 address of the old bucket array now unreferenced
  // swiss map (core/maps)
  SwissTableGrow,    // a0 map id, a1 table index, a2 old capacity, a3 new capacity
  SwissTableSplit,   // a0 map id, a1 table index, a2 new local depth
  SwissDirGrow,      // a0 map id, a1 new global depth
  SwissTombstonesCleared,  // a0 map id, a1 table index, a2 tombstones removed
  // the workload (core/lang), only for "step map op": one per step, not per operation
  MapOp,          // a0 map id, a1 0 read m[k] / 1 assign / 2 delete, a2 the key's hash >> 32, a3 its low 32 bits
};

struct Event {
  EventKind kind;
  std::uint64_t seq = 0;  // position in the stream, from 0
  std::uint64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
};

class EventLog {
 public:
  explicit EventLog(std::size_t capacity = 1 << 16) : capacity_(capacity) {}
  void emit(EventKind k, std::uint64_t a0 = 0, std::uint64_t a1 = 0, std::uint64_t a2 = 0, std::uint64_t a3 = 0) {
    if (events_.size() == capacity_) events_.pop_front();
    events_.push_back(Event{k, total_++, a0, a1, a2, a3});
    if (listener_) listener_(listener_ctx_, events_.back());
  }
  // One observer called after each emit, at the emitting site (the
  // simulation keeps heap snapshots there: core/sim/snapshots.h). It must
  // only read the runtime, never change it, so runs stay identical.
  using Listener = void (*)(void* ctx, const Event& e);
  void set_listener(Listener fn, void* ctx) { listener_ = fn; listener_ctx_ = ctx; }
  // The one installed (a test chains another observer after it).
  Listener listener() const { return listener_; }
  void* listener_ctx() const { return listener_ctx_; }
  const std::deque<Event>& events() const { return events_; }
  std::uint64_t total() const { return total_; }  // events ever emitted
  void clear() { events_.clear(); }

 private:
  std::size_t capacity_;
  std::deque<Event> events_;
  std::uint64_t total_ = 0;
  Listener listener_ = nullptr;
  void* listener_ctx_ = nullptr;
};

}  // namespace bucketlab
