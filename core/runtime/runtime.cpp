#include "core/runtime/runtime.h"

#include <cstring>

#include "core/runtime/malloc.h"

namespace bucketlab::runtime {

Runtime::Runtime(RuntimeConfig config) : s_(std::make_unique<RuntimeState>(config)) { debug_check(); }

Runtime::~Runtime() = default;


std::uint16_t Runtime::register_alloc_role(const std::string& name) {
  for (std::size_t i = 0; i < s_->roles.size(); ++i)
    if (s_->roles[i] == name) return static_cast<std::uint16_t>(i);
  BUCKETLAB_ASSERT(s_->roles.size() < 0xffff, "too many allocation roles");
  s_->roles.push_back(name);
  // Maps write their memory through raw pointers (Runtime::ptr), which the
  // cost model does not see: their allocations count as written at once.
  s_->role_written.push_back(name.rfind("map ", 0) == 0);
  return static_cast<std::uint16_t>(s_->roles.size() - 1);
}

Addr Runtime::mallocgc(std::uint64_t size, const Type* typ, bool needzero, std::uint16_t role) {
  BUCKETLAB_ASSERT(role < s_->roles.size(), "unregistered allocation role");
  Addr x = bucketlab::runtime::mallocgc(*s_, size, typ, needzero, role);
  debug_check();
  return x;
}

Addr Runtime::newobject(const Type* typ, std::uint16_t role) {
  BUCKETLAB_ASSERT(role < s_->roles.size(), "unregistered allocation role");
  Addr x = bucketlab::runtime::newobject(*s_, typ, role);
  debug_check();
  return x;
}

Addr Runtime::newarray(const Type* typ, std::int64_t n, std::uint16_t role) {
  BUCKETLAB_ASSERT(role < s_->roles.size(), "unregistered allocation role");
  Addr x = bucketlab::runtime::newarray(*s_, typ, n, role);
  debug_check();
  return x;
}

void Runtime::gc() {
  s_->gc.run_gc();
  debug_check();
}

void Runtime::free_os_memory() {
  s_->gc.run_gc();
  s_->scavenger.scavenge_all();
  debug_check();
}

std::int32_t Runtime::set_gc_percent(std::int32_t pct) {
  const std::int32_t out = s_->pacer.set_gc_percent(pct);
  s_->gc.controller_commit();
  debug_check();
  return out;
}

std::int64_t Runtime::set_memory_limit(std::int64_t limit) {
  const std::int64_t out = s_->pacer.set_memory_limit(limit);
  if (limit < 0 || out == limit) return out;  // just reading, or no change
  s_->gc.controller_commit();
  debug_check();
  return out;
}

BackgroundReport Runtime::background_work(std::uint64_t idle_ns) {
  BackgroundReport rep;
  RuntimeState& s = *s_;
  CostClock& clock = s.clock;
  // The P idles until `end`; what the background goroutines do meanwhile is
  // absorbed in the idle time (unless it takes longer: a long forced GC).
  const std::uint64_t start = clock.now();
  const std::uint64_t end = idle_ns > kMaxIdleNs - start ? kMaxIdleNs : start + idle_ns;
  for (;;) {
    // The idle P runs the background sweeper first (runnable since the last
    // mark termination), then the scavenger while it is awake.
    while (s.sweeper.sweepone() != kNoMoreSweepWork) {
      s.sweeper.nbgsweep++;
      rep.spans_swept++;
    }
    // sysmon starts a forced GC once forcegcperiod has passed since the last one.
    std::uint64_t seg_end = end;
    if (s.pacer.gc_percent() >= 0 && s.gc.last_gc_nanotime() != 0) {
      const std::uint64_t force_at = s.gc.last_gc_nanotime() + kForceGcPeriodNs + 1;
      if (force_at <= clock.now() && s.gc.trigger_test(GcTriggerKind::Time)) {
        const std::uint32_t before = s.gc.num_gc();
        s.gc.start(GcTriggerKind::Time, 0, /*mutator_blocked=*/true);
        rep.gcs_started += s.gc.num_gc() - before;
        continue;
      }
      if (force_at > clock.now() && force_at < seg_end) seg_end = force_at;
    }
    if (clock.now() < seg_end) rep.bytes_released += s.scavenger.run_background(clock.now(), seg_end);
    clock.idle_until(seg_end);
    if (clock.now() >= end) {
      // A forced GC due exactly at the end of the idle time still starts.
      if (s.gc.trigger_test(GcTriggerKind::Time)) {
        const std::uint32_t before = s.gc.num_gc();
        s.gc.start(GcTriggerKind::Time, 0, /*mutator_blocked=*/true);
        rep.gcs_started += s.gc.num_gc() - before;
      }
      break;
    }
  }
  debug_check();
  return rep;
}

void Runtime::advance_clock(std::uint64_t ns) {
  s_->clock.busy(ns);
  sysmon();
}

void Runtime::sysmon() {
  if (s_->gc.trigger_test(GcTriggerKind::Time)) {
    s_->gc.start(GcTriggerKind::Time);
    debug_check();
  }
}

MemStats Runtime::read_mem_stats() {
  MemStats m = bucketlab::runtime::read_mem_stats(*s_);
  debug_check();
  return m;
}

void Runtime::typedmemmove_slow(const Type* t, Addr dst, Addr src) {
  if (!t->has_pointers()) {
    memmove(dst, src, t->size);
    return;
  }
  for (std::uint64_t w = 0; w < t->size / 8; ++w) {
    if (t->is_pointer_word(w))
      store_pointer(dst + 8 * w, load_pointer(src + 8 * w));
    else
      store_u64(dst + 8 * w, load_u64(src + 8 * w));
  }
  if (t->size % 8) memmove(dst + t->size / 8 * 8, src + t->size / 8 * 8, t->size % 8);
}

void Runtime::typedmemmove_from_host(const Type* t, Addr dst, const std::uint8_t* src) {
  if (!t->has_pointers()) {
    if (t->size == 8 && (dst & 7) == 0 && is_heap_addr(dst)) {  // one aligned word, as write_bytes would
      std::uint64_t v;
      std::memcpy(&v, src, 8);
      store_u64(dst, v);
      return;
    }
    write_bytes(dst, src, t->size);
    return;
  }
  for (std::uint64_t w = 0; w < t->size / 8; ++w) {
    std::uint64_t v;
    std::memcpy(&v, src + 8 * w, 8);
    if (t->is_pointer_word(w))
      store_pointer(dst + 8 * w, v);
    else
      store_u64(dst + 8 * w, v);
  }
  if (t->size % 8) write_bytes(dst + t->size / 8 * 8, src + t->size / 8 * 8, t->size % 8);
}

}  // namespace bucketlab::runtime
