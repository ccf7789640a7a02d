// fmt's printer cache: the sync.Pool `ppFree` of fmt/print.go (Go 1.19) and
// the heap objects it keeps, on one P with one goroutine.
//
// Every fmt.Print*/Sprint*/Errorf call does p := newPrinter() (ppFree.Get),
// appends the text to p.buf (type buffer []byte, growing by growslice), and
// p.free() (p.buf = p.buf[:0], dropped if cap > 64 KiB; ppFree.Put). With
// GOMAXPROCS=1 the objects are (sync/pool.go):
//   - the pp itself (New: new(pp), 200 bytes, size class 208) and its buf;
//   - the per-P poolLocal array (pinSlow: make([]poolLocal, 1), 128 bytes),
//     allocated whenever the pool has no local array (first use, and after
//     every GC: poolCleanup moves local to victim);
//   - allPools = append(allPools, p) in pinSlow: a new 1-element []*Pool
//     (8 bytes) each time, since poolCleanup sets allPools = nil.
// poolCleanup runs at the start of every GC: local → victim, the old victim
// (and oldPools) dropped. So an object the pool held when GC g starts
// survives g and dies in g+1; Get after one GC takes the pp back from the
// victim (getSlow), after two it calls New.
//
// The pool's state is kept as "GC count when it was last current": whether
// an object is still reachable during GC g follows from that, so no hook at
// GC start is needed.
#pragma once
#include <cstdint>
#include <vector>

#include "core/common/types.h"
#include "core/runtime/gc.h"

namespace bucketlab::runtime { class Runtime; struct Type; }

namespace bucketlab::lang {

class FmtPool {
 public:
  explicit FmtPool(runtime::Runtime& rt);
  // newPrinter: ppFree.Get() (pinSlow, getSlow/New as Go does).
  void get();
  // Replays p.buf's growth for a call whose appends left these lengths.
  void grow_buffer(const std::vector<std::uint32_t>& appends);
  // p.free(): ppFree.Put(p).
  void put();
  // The pool's objects that are reachable now (or during the GC being run).
  void scan_roots(runtime::RootVisitor& v) const;
  void check_invariants() const;

 private:
  // reachable through the pool during a GC that runs while num_gc() == n
  static bool held(std::uint32_t since, std::uint32_t n) { return n <= since; }
  void pin_slow();

  runtime::Runtime& rt_;
  const runtime::Type* pp_type_;
  const runtime::Type* local_type_;
  const runtime::Type* pool_ptr_type_;
  const runtime::Type* byte_type_;
  std::uint16_t role_;
  Addr local_ = kNil, all_pools_ = kNil;
  std::uint32_t local_gc_ = 0;  // num_gc() when the local array was made
  Addr pp_ = kNil;
  std::uint32_t pp_gc_ = 0;     // num_gc() when the pp was last Put
  bool in_use_ = false;         // between get() and put(): the goroutine holds it
  Addr buf_ = kNil;
  std::int64_t buf_cap_ = 0;
};

}  // namespace bucketlab::lang
