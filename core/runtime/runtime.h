// The runtime façade: one simulated Go process with one P (GOMAXPROCS=1),
// as upper layers (maps, the interpreter, the simulation) see it.
//
// It owns the allocator (size classes, mspan, mcache, mcentral, mheap, page
// allocator), the GC (mark, sweep, pacer), the scavenger and MemStats, and
// the simulated heap bytes. Upper layers allocate through mallocgc /
// newobject / newarray, read and write simulated memory through ptr() and
// the typed helpers, store every pointer through store_pointer (the write
// barrier hook), and tell the GC what they hold through RootSource and
// LocalRoot. Every mutating operation leaves all invariants true; builds
// with BUCKETLAB_CHECK_INVARIANTS check them after each one.
//
// The behaviour follows the chosen Go version (go_version.h); see
// docs/deviations.md for what is simplified.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "core/runtime/fragmentation.h"
#include "core/runtime/heap_snapshot.h"
#include "core/runtime/malloc.h"
#include "core/runtime/memstats.h"
#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

// What background_work did while the P was idle.
struct BackgroundReport {
  std::uint64_t spans_swept = 0;
  std::uint64_t bytes_released = 0;
  std::uint32_t gcs_started = 0;  // forced (time-triggered) cycles
};

class Runtime {
 public:
  explicit Runtime(RuntimeConfig config = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  GoVersion version() const { return s_->version; }
  // Set once the program's imports are known, before it runs (RuntimeConfig).
  void set_os_initialized(bool v) { s_->config.os_initialized = v; }
  bool os_initialized() const { return s_->config.os_initialized; }
  TypeTable& types() { return s_->types; }
  Rng& rng() { return s_->rng; }
  EventLog& events() { return s_->events; }

  // Names what an allocation is for ("bucket array", "overflow bucket", ...)
  // so inspection can say it. Registering a name twice returns the same id.
  std::uint16_t register_alloc_role(const std::string& name);
  const std::string& role_name(std::uint16_t role) const { return s_->roles.at(role); }

  // --- allocation (malloc.go) ---
  // typ == nullptr: raw pointer-free bytes.
  Addr mallocgc(std::uint64_t size, const Type* typ, bool needzero = true, std::uint16_t role = 0);
  Addr newobject(const Type* typ, std::uint16_t role = 0);
  Addr newarray(const Type* typ, std::int64_t n, std::uint16_t role = 0);
  std::uint64_t roundupsize(std::uint64_t size, bool noscan) const {
    return bucketlab::runtime::roundupsize(size, noscan, s_->version);
  }

  // --- simulated memory ---
  // Host address of byte `a`, valid up to the end of its 4 MiB chunk
  // (HeapArena::contiguous_bytes); aligned words never cross a chunk.
  std::uint8_t* ptr(Addr a) { return s_->arena.ptr(a); }
  const std::uint8_t* ptr(Addr a) const { return s_->arena.ptr(a); }
  std::uint8_t load_u8(Addr a) const { return load<std::uint8_t>(a); }
  std::uint16_t load_u16(Addr a) const { return load<std::uint16_t>(a); }
  std::uint32_t load_u32(Addr a) const { return load<std::uint32_t>(a); }
  std::uint64_t load_u64(Addr a) const { return load<std::uint64_t>(a); }
  void store_u8(Addr a, std::uint8_t v) { store(a, v); }
  void store_u16(Addr a, std::uint16_t v) { store(a, v); }
  void store_u32(Addr a, std::uint32_t v) { store(a, v); }
  void store_u64(Addr a, std::uint64_t v) { store(a, v); }
  Addr load_pointer(Addr slot) const { return load<std::uint64_t>(slot); }
  // Every pointer store goes through here: the write barrier shades the old
  // and the new target while the GC is marking.
  void store_pointer(Addr slot, Addr value) {
    if (s_->gc.write_barrier_enabled()) {
      s_->gc.shade(load<std::uint64_t>(slot));
      s_->gc.shade(value);
    }
    store<std::uint64_t>(slot, value);
  }
  // typedmemmove from host bytes laid out as t: pointer words through the
  // write barrier, the rest as plain bytes (mbarrier.go typedmemmove).
  void typedmemmove_from_host(const Type* t, Addr dst, const std::uint8_t* src);
  // typedmemmove between simulated addresses, pointer words through the write barrier.
  // Inline for its hot case, one aligned pointer-free word (int64 keys and
  // elems): the same bytes and page touch as memmove, without the ranged copy.
  void typedmemmove(const Type* t, Addr dst, Addr src) {
    if (t->size == 8 && ((dst | src) & 7) == 0 && !t->has_pointers() && is_heap_addr(dst) && is_heap_addr(src)) {
      store_u64(dst, load_u64(src));
      return;
    }
    typedmemmove_slow(t, dst, src);
  }
  void typedmemmove_slow(const Type* t, Addr dst, Addr src);
  void memclr(Addr a, std::uint64_t n) {
    s_->arena.memclr(a, n);
    s_->clock.charge(CostKind::ZeroByte, n);
    touched(a, n);
  }
  void memmove(Addr dst, Addr src, std::uint64_t n) {
    s_->arena.memmove(dst, src, n);
    touched(dst, n);
  }
  // Reads heap or rodata bytes (string keys may point at either).
  void read_bytes(Addr a, void* out, std::uint64_t n) const {
    if (n != 0 && s_->rodata.contains(a))
      s_->rodata.read(a, out, n);
    else if (n != 0 && s_->stack_tmp.contains(a))
      s_->stack_tmp.read(a, out, n);
    else
      s_->arena.read(a, out, n);
  }
  // Address of a string literal's bytes in the binary's read-only data.
  Addr intern_literal(std::string_view bytes) { return s_->rodata.intern(bytes); }
  // A non-escaping string's bytes in a stack tmpBuf (≤ 32 bytes, short-lived).
  Addr stack_tmp_string(std::string_view bytes) { return s_->stack_tmp.put(bytes); }
  bool is_heap_addr(Addr a) const { return s_->arena.in_heap(a); }
  void write_bytes(Addr a, const void* in, std::uint64_t n) {
    s_->arena.write(a, in, n);
    touched(a, n);
  }

  // --- roots ---
  void add_root_source(RootSource* r) { s_->gc.add_root_source(r); }
  void remove_root_source(RootSource* r) { s_->gc.remove_root_source(r); }
  // Keeps `a` alive while a C++ local holds it (Go: a live stack slot).
  class LocalRoot {
   public:
    LocalRoot(Runtime& rt, Addr a) : rt_(rt) { rt_.s_->gc.push_local_root(a); }
    ~LocalRoot() { rt_.s_->gc.pop_local_root(); }
    LocalRoot(const LocalRoot&) = delete;
    LocalRoot& operator=(const LocalRoot&) = delete;

   private:
    Runtime& rt_;
  };

  // --- GC and memory control (runtime, runtime/debug) ---
  void gc();                                      // runtime.GC
  void free_os_memory();                          // debug.FreeOSMemory
  std::int32_t set_gc_percent(std::int32_t pct);  // debug.SetGCPercent: returns previous
  std::int64_t set_memory_limit(std::int64_t limit);  // debug.SetMemoryLimit: < 0 queries
  // The P would be idle for idle_ns (e.g. time.Sleep): the background
  // sweeper finishes sweeping, the scavenger runs at its 1 % pace, and a
  // forced GC starts if 2 minutes pass without one.
  BackgroundReport background_work(std::uint64_t idle_ns);
  // ns of simulated time pass while the mutator runs (a cost the model
  // does not itemise); sysmon may start a time-triggered GC.
  void advance_clock(std::uint64_t ns);
  // sysmon's check while the mutator runs (proc.go sysmon → forcegchelper):
  // a time-triggered GC starts once forcegcperiod has passed since the last
  // GC. The interpreter calls it at statement boundaries.
  void sysmon();

  // --- simulated time (cost_model.h) ---
  // nanotime(): the simulated monotonic clock, ns (1 at main's start).
  std::uint64_t nanotime() { return s_->clock.now(); }
  // Charge n units of a cost kind (upper layers: map operations, library calls).
  void charge(CostKind k, std::uint64_t n = 1) { s_->clock.charge(k, n); }
  CostClock& clock() { return s_->clock; }
  const CostClock& clock() const { return s_->clock; }
  const GcTimes& gc_times() const { return s_->gc.times(); }

  // --- observation ---
  MemStats read_mem_stats();  // runtime.ReadMemStats (flushes the mcache, as Go does)
  MemStats peek_mem_stats() const { return bucketlab::runtime::peek_mem_stats(*s_); }
  MemStats observe_mem_stats() const { return bucketlab::runtime::observe_mem_stats(*s_); }
  Fragmentation fragmentation() const { return measure_fragmentation(*s_); }
  HeapSnapshot heap_snapshot(bool with_roles = true) const { return take_heap_snapshot(*s_, with_roles); }
  GcPhase gc_phase() const { return s_->gc.phase(); }
  std::uint32_t num_gc() const { return s_->gc.num_gc(); }
  std::uint64_t heap_live() const { return s_->pacer.heap_live(); }
  std::uint64_t heap_goal() const { return s_->pacer.heap_goal(s_->heap.pacer_stats()); }
  std::uint64_t gc_trigger() const { return s_->pacer.trigger(s_->heap.pacer_stats()); }
  const RuntimeState& state() const { return *s_; }

  void check_invariants() const { s_->check_invariants(); }

 private:
  // BUCKETLAB_DEBUG_CHECK after a mutating operation. Invariants hold between
  // operations; an allocation made while the GC is marking (a mutator running
  // during mark) is checked when the cycle ends.
  void debug_check() const {
    if constexpr (kBucketlabCheckInvariants)
      if (s_->gc.phase() == GcPhase::Off) BUCKETLAB_DEBUG_CHECK(*this);
  }
  template <typename T>
  T load(Addr a) const {
    T v;
    if (((a - kArenaBaseAddr) & (kPallocChunkBytes - 1)) + sizeof(T) <= kPallocChunkBytes)
      std::memcpy(&v, s_->arena.ptr(a), sizeof(T));
    else
      s_->arena.read(a, &v, sizeof(T));
    return v;
  }
  template <typename T>
  void store(Addr a, T v) {
    if (((a - kArenaBaseAddr) & (kPallocChunkBytes - 1)) + sizeof(T) <= kPallocChunkBytes)
      std::memcpy(s_->arena.ptr(a), &v, sizeof(T));
    else
      s_->arena.write(a, &v, sizeof(T));
    touched(a, sizeof(T));
  }
  // The first write to a fresh or released page faults it in (cost model).
  void touched(Addr a, std::uint64_t n) {
    if (n != 0)
      if (const std::uint64_t k = s_->arena.touch(a, n)) s_->clock.charge(CostKind::PageFault, k);
  }

  std::unique_ptr<RuntimeState> s_;
};

}  // namespace bucketlab::runtime
