// Models go/src/runtime/mcentral.go and mspanset.go (go1.19): the central
// free lists, one per span class, that mcaches get spans from.
//
// Terminology
//   spanSet      a FIFO of spans (push at the tail, pop from the head).
//   partial/full spans with / without a free slot; each kept twice, as
//                swept and unswept sets, selected by sweepgen parity:
//                  swept   = set[(sg/2) % 2]      unswept = set[1 − (sg/2) % 2]
//                When sweepgen grows by 2 at mark termination, last cycle's
//                swept sets become this cycle's unswept sets in one step.
//
// Algorithm (cacheSpan)
//   1. deductSweepCredit for one span of this class (proportional sweep).
//   2. pop partial swept → use it.
//   3. with a budget of 100 spans: pop partial unswept, sweep, use it; then
//      pop full unswept, sweep, use it if a slot came free, else push it to
//      full swept.
//   4. nothing found → grow: a fresh span from mheap.alloc.
//   5. load allocCache from freeindex.
//   uncacheSpan: a span cached before this sweep began (sweepgen == sg+1) is
//   swept now; otherwise it goes back to partial or full swept.
//
// Invariants: every in-use small span is in exactly one set of its class or
// cached in the mcache (checked by MHeap::check_invariants); a set entry may
// be stale (a span freed and reused after being queued), exactly as in Go,
// and is skipped when popped.
//
// Deviations from Go: sweepLocker ownership races do not exist (one thread);
// the ownership test itself (sweepgen == sg − 2) is kept.
#pragma once
#include <cstdint>
#include <deque>

#include "core/runtime/mspan.h"
#include "core/runtime/size_classes.h"

namespace bucketlab::runtime {

struct RuntimeState;

class SpanSet {
 public:
  void push(MSpan* s) { q_.push_back(s); }
  MSpan* pop() {
    if (q_.empty()) return nullptr;
    MSpan* s = q_.front();
    q_.pop_front();
    return s;
  }
  std::size_t size() const { return q_.size(); }
  void reset() { q_.clear(); }
  const std::deque<MSpan*>& items() const { return q_; }

 private:
  std::deque<MSpan*> q_;
};

class MCentral {
 public:
  void init(RuntimeState* rt, SpanClass spc) {
    rt_ = rt;
    spanclass_ = spc;
  }
  SpanClass spanclass() const { return spanclass_; }

  SpanSet& partial_swept(std::uint32_t sg) { return partial_[(sg / 2) % 2]; }
  SpanSet& partial_unswept(std::uint32_t sg) { return partial_[1 - (sg / 2) % 2]; }
  SpanSet& full_swept(std::uint32_t sg) { return full_[(sg / 2) % 2]; }
  SpanSet& full_unswept(std::uint32_t sg) { return full_[1 - (sg / 2) % 2]; }
  const SpanSet& partial_set(int i) const { return partial_[i]; }
  const SpanSet& full_set(int i) const { return full_[i]; }

  // cacheSpan: a span with at least one free slot for the mcache.
  MSpan* cache_span();
  // uncacheSpan: take back a span from the mcache.
  void uncache_span(MSpan* s);
  // grow: a new span of this class from the heap.
  MSpan* grow();

 private:
  RuntimeState* rt_ = nullptr;
  SpanClass spanclass_ = 0;
  SpanSet partial_[2];
  SpanSet full_[2];
};

}  // namespace bucketlab::runtime
