#include "core/runtime/sweep.h"

#include "core/common/go_convert.h"
#include "core/common/text_out.h"
#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

bool Sweeper::try_acquire(MSpan* s) const {
  const std::uint32_t sg = rt_.heap.sweepgen;
  if (s->state != SpanState::InUse || s->sweepgen != sg - 2) return false;
  s->sweepgen = sg - 1;
  return true;
}

MSpan* Sweeper::next_span_for_sweep() {
  const std::uint32_t sg = rt_.heap.sweepgen;
  for (int sc = central_index_; sc < 2 * kNumSpanClasses; ++sc) {
    MCentral& c = rt_.heap.central[sc >> 1];
    const bool full = (sc & 1) == 0;  // sweepClass.split: full first
    MSpan* s = full ? c.full_unswept(sg).pop() : c.partial_unswept(sg).pop();
    if (s != nullptr) {
      central_index_ = sc;
      return s;
    }
  }
  central_index_ = 2 * kNumSpanClasses;  // sweepClassDone
  return nullptr;
}

std::uint64_t Sweeper::sweepone() {
  if (drained_) return kNoMoreSweepWork;  // sweep.active.begin() invalid
  std::uint64_t npages = kNoMoreSweepWork;
  bool no_more_work = false;
  for (;;) {
    MSpan* s = next_span_for_sweep();
    if (s == nullptr) {
      no_more_work = !drained_;  // markDrained
      drained_ = true;
      break;
    }
    if (s->state != SpanState::InUse) continue;  // stale entry for a freed span
    if (try_acquire(s)) {
      npages = s->npages;
      if (sweep_span(s, false))
        rt_.heap.reclaim_credit += npages;  // freed pages count toward reclaim
      else
        npages = 0;
      break;
    }
  }
  if (no_more_work) {
    rt_.scavenger.ready();
    rt_.events.emit(EventKind::SweepDone, rt_.gc.cycles(), freed_objects, freed_bytes);
  }
  return npages;
}

bool Sweeper::sweep_span(MSpan* s, bool preserve) {
  MHeap& h = rt_.heap;
  const std::uint32_t sg = h.sweepgen;
  BUCKETLAB_ASSERT(s->state == SpanState::InUse && s->sweepgen == sg - 1, "mspan.sweep: bad span state");
  h.pages_swept += s->npages;

  // A marked slot that was never allocated is a zombie: something kept a
  // pointer to a freed object.
  for (std::uint32_t w = s->freeindex / 64; w < s->gcmark_bits.size(); ++w) {
    std::uint64_t zombies = s->gcmark_bits[w] & ~s->alloc_bits[w];
    if (w == s->freeindex / 64) zombies &= ~std::uint64_t{0} << (s->freeindex % 64);
    if (zombies) {
      TextOut os;
      os << "runtime: marked free object in span 0x" << hex << s->base()
         << "\nfatal error: found pointer to free object";
      throw ModelError(os.str());
    }
  }

  const std::uint32_t nalloc = s->count_alloc();
  BUCKETLAB_ASSERT(nalloc <= s->alloc_count, "sweep increased allocation count");
  const std::uint32_t nfreed = s->alloc_count - nalloc;
  rt_.clock.charge(CostKind::SweepSpan);
  rt_.clock.charge(CostKind::SweepObject, nfreed);
  s->alloc_count = nalloc;
  s->freeindex = 0;  // reset allocation index to the start of the span
  // allocBits = gcmarkBits; gcmarkBits = fresh zeroed bits (reusing the old allocBits' storage).
  s->alloc_bits.swap(s->gcmark_bits);
  std::fill(s->gcmark_bits.begin(), s->gcmark_bits.end(), 0);
  s->refill_alloc_cache(0);
  s->sweepgen = sg;

  const int sizeclass = s->sizeclass();
  if (sizeclass != 0) {
    if (nfreed > 0) {
      s->needzero = true;
      rt_.stats.small_free_count[sizeclass] += nfreed;
      h.acct.total_free += static_cast<std::uint64_t>(nfreed) * s->elemsize;
      freed_objects += nfreed;
      freed_bytes += static_cast<std::uint64_t>(nfreed) * s->elemsize;
    }
    if (!preserve) {
      if (nalloc == 0) {
        h.free_span(s);
        return true;
      }
      if (nalloc == s->nelems)
        h.central[s->spanclass].full_swept(sg).push(s);
      else
        h.central[s->spanclass].partial_swept(sg).push(s);
    }
  } else if (!preserve) {
    if (nfreed != 0) {
      const std::uint64_t size = s->elemsize;
      h.free_span(s);
      rt_.stats.large_free_count++;
      rt_.stats.large_free += size;
      h.acct.total_free += size;
      freed_objects++;
      freed_bytes += size;
      return true;
    }
    h.central[s->spanclass].full_swept(sg).push(s);
  }
  return false;
}

void Sweeper::deduct_sweep_credit(std::uint64_t span_bytes, std::uint64_t caller_sweep_pages) {
  MHeap& h = rt_.heap;
  if (h.sweep_pages_per_byte == 0) return;  // proportional sweep is done
  const std::uint64_t swept_basis = h.pages_swept_basis;
  const std::uint64_t live = rt_.pacer.heap_live();
  const std::uint64_t live_basis = h.sweep_heap_live_basis;
  std::uint64_t new_heap_live = span_bytes;
  if (live_basis < live) new_heap_live += live - live_basis;
  const std::int64_t pages_target = go_f64_to_i64(h.sweep_pages_per_byte * static_cast<double>(new_heap_live)) -
                                    static_cast<std::int64_t>(caller_sweep_pages);
  while (pages_target > static_cast<std::int64_t>(h.pages_swept - swept_basis)) {
    if (sweepone() == kNoMoreSweepWork) {
      h.sweep_pages_per_byte = 0;
      break;
    }
  }
}

void Sweeper::pace(std::uint64_t trigger) {
  MHeap& h = rt_.heap;
  if (is_done()) {
    h.sweep_pages_per_byte = 0;
    return;
  }
  // Sweep the in-use pages before heapLive reaches the trigger (minus a 1 MiB margin).
  const std::uint64_t heap_live_basis = rt_.pacer.heap_live();
  std::int64_t heap_distance = static_cast<std::int64_t>(trigger) - static_cast<std::int64_t>(heap_live_basis);
  heap_distance -= 1024 * 1024;
  if (heap_distance < static_cast<std::int64_t>(kPageSize)) heap_distance = static_cast<std::int64_t>(kPageSize);
  const std::int64_t sweep_distance_pages = static_cast<std::int64_t>(h.pages_in_use) - static_cast<std::int64_t>(h.pages_swept);
  if (sweep_distance_pages <= 0) {
    h.sweep_pages_per_byte = 0;
  } else {
    h.sweep_pages_per_byte = static_cast<double>(sweep_distance_pages) / static_cast<double>(heap_distance);
    h.sweep_heap_live_basis = heap_live_basis;
    h.pages_swept_basis = h.pages_swept;
  }
}

void Sweeper::begin_cycle() {
  MHeap& h = rt_.heap;
  drained_ = false;  // sweep.active.reset()
  h.pages_swept = 0;
  h.sweep_arena_pages = rt_.arena.reserved_bytes() / kPageSize;
  h.reclaim_index = 0;
  h.reclaim_credit = 0;
  central_index_ = 0;
  freed_objects = 0;
  freed_bytes = 0;
}

void Sweeper::finish() {
  while (sweepone() != kNoMoreSweepWork) npausesweep++;
  const std::uint32_t sg = rt_.heap.sweepgen;
  for (auto& c : rt_.heap.central) {  // only stale entries can be left
    c.partial_unswept(sg).reset();
    c.full_unswept(sg).reset();
  }
  rt_.scavenger.ready();  // scavenger.wake()
}

}  // namespace bucketlab::runtime
