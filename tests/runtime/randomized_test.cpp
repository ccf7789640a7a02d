// Randomized allocation / pointer-store / GC / scavenging sequences with
// fixed seeds. After every step all runtime invariants must hold; after
// every runtime.GC the live objects must be exactly those a reference
// model of the object graph finds reachable, with their contents intact.
#include <catch2/catch.hpp>

#include <deque>
#include <unordered_set>

#include "core/runtime/runtime.h"
#include "support/runtime_fixtures.h"

using namespace bucketlab::runtime;
using bucketlab::Addr;
using bucketlab::Rng;
using bucketlab::testing::config_for;
using bucketlab::testing::TestRoots;

namespace {

struct Obj {
  Addr addr = 0;
  std::uint64_t sig = 0;
  Addr sig_addr = 0;             // where the signature word lives
  std::vector<Addr> slots;       // pointer slots (scan objects)
  std::vector<int> edges;        // per slot: index of the target object, or -1
};

class Model {
 public:
  Model(Runtime& rt, std::uint64_t seed, bool allow_tiny) : rt_(rt), rng_(seed), allow_tiny_(allow_tiny) {
    rt_.add_root_source(&roots_);
    const Type* up = rt_.types().basic(Kind::UnsafePointer);
    const Type* i64 = rt_.types().basic(Kind::Int64);
    for (int k = 1; k <= 4; ++k) {
      std::vector<std::pair<std::string, const Type*>> fields;
      static const char* const kNames[] = {"p0", "p1", "p2", "p3"};
      static const char* const kTypes[] = {"", "main.node1", "main.node2", "main.node3", "main.node4"};
      for (int i = 0; i < k; ++i) fields.push_back({kNames[i], up});
      fields.push_back({"sig", i64});
      node_[k] = rt_.types().struct_of(kTypes[k], fields);
    }
    role_ = rt_.register_alloc_role("random node");
  }
  ~Model() { rt_.remove_root_source(&roots_); }

  void step() {
    const std::uint32_t op = rng_.next_n(1000);
    if (op < 650)
      alloc();
    else if (op < 850)
      link();
    else if (op < 920)
      unroot();
    else if (op < 930)
      collect_and_verify();
    else if (op < 950)
      rt_.background_work(std::uint64_t{rng_.next_n(2000)} * 1000000);  // up to 2 s idle
    else if (op < 965)
      check_memstats(rt_.read_mem_stats());
    else if (op < 970)
      rt_.free_os_memory();
    else if (op < 980)
      rt_.set_gc_percent(std::array<int, 4>{25, 50, 100, 300}[rng_.next_n(4)]);
    else if (op < 990)
      rt_.set_memory_limit(rng_.next_n(2) ? std::numeric_limits<std::int64_t>::max()
                                          : static_cast<std::int64_t>(8 + rng_.next_n(24)) << 20);
    else
      rt_.advance_clock(std::uint64_t{rng_.next_n(200)} * 1000000000);
    rt_.check_invariants();
  }

  void collect_and_verify() {
    rt_.gc();
    std::vector<bool> live = reachable();
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < objs_.size(); ++i) {
      if (!live[i]) continue;
      ++n;
      REQUIRE(rt_.load_u64(objs_[i].sig_addr) == objs_[i].sig);
      for (std::size_t s = 0; s < objs_[i].slots.size(); ++s) {
        const int e = objs_[i].edges[s];
        REQUIRE(rt_.load_pointer(objs_[i].slots[s]) == (e < 0 ? 0 : objs_[e].addr));
      }
    }
    if (!allow_tiny_) REQUIRE(rt_.read_mem_stats().HeapObjects == n);
    forget_dead(live);
  }

  std::uint64_t gcs() const { return rt_.num_gc(); }

 private:
  void check_memstats(const MemStats& m) {
    REQUIRE(m.HeapSys == m.HeapInuse + m.HeapIdle);
    REQUIRE(m.HeapIdle >= m.HeapReleased);
    REQUIRE(m.HeapAlloc <= m.HeapInuse);
    REQUIRE(m.HeapObjects == m.Mallocs - m.Frees);
    REQUIRE(m.Alloc == m.HeapAlloc);
    REQUIRE(m.Sys == m.HeapSys);
  }

  std::vector<bool> reachable() const {
    std::vector<bool> seen(objs_.size(), false);
    std::vector<int> stack;
    for (int r : root_objs_)
      if (!seen[r]) seen[r] = true, stack.push_back(r);
    while (!stack.empty()) {
      const int i = stack.back();
      stack.pop_back();
      for (int e : objs_[i].edges)
        if (e >= 0 && !seen[e]) seen[e] = true, stack.push_back(e);
    }
    return seen;
  }

  // Unreachable objects may be freed by any GC: stop tracking them.
  void forget_dead(const std::vector<bool>& live) {
    std::vector<int> remap(objs_.size(), -1);
    std::vector<Obj> kept;
    for (std::size_t i = 0; i < objs_.size(); ++i)
      if (live[i]) remap[i] = static_cast<int>(kept.size()), kept.push_back(std::move(objs_[i]));
    for (Obj& o : kept)
      for (int& e : o.edges) e = e < 0 ? -1 : remap[e];
    for (int& r : root_objs_) r = remap[r];
    objs_ = std::move(kept);
  }

  int random_live() {
    std::vector<bool> live = reachable();
    forget_dead(live);
    if (objs_.empty()) return -1;
    return static_cast<int>(rng_.next_n(static_cast<std::uint32_t>(objs_.size())));
  }

  void alloc() {
    Obj o;
    o.sig = rng_.next64() | 1;
    const std::uint32_t kind = rng_.next_n(100);
    if (kind < 45) {  // one node with k pointers
      const int k = 1 + static_cast<int>(rng_.next_n(4));
      o.addr = rt_.newobject(node_[k], role_);
      for (int i = 0; i < k; ++i) o.slots.push_back(o.addr + 8 * i);
      o.sig_addr = o.addr + 8 * k;
    } else if (kind < 70) {  // an array of nodes: small, > 512 B, sometimes large
      const int k = 1 + static_cast<int>(rng_.next_n(4));
      const std::int64_t n = rng_.next_n(5) == 0 ? 900 + rng_.next_n(6000) : 2 + rng_.next_n(100);
      o.addr = rt_.newarray(node_[k], n, role_);
      const std::uint64_t esz = node_[k]->size;
      for (int s = 0; s < 3; ++s) {  // a few slots spread over the array
        const std::uint64_t e = rng_.next_n(static_cast<std::uint32_t>(n));
        const std::uint64_t w = rng_.next_n(k);
        const Addr slot = o.addr + e * esz + 8 * w;
        if (std::find(o.slots.begin(), o.slots.end(), slot) == o.slots.end()) o.slots.push_back(slot);
      }
      o.sig_addr = o.addr + 8 * k;  // element 0's sig
    } else {  // pointer-free bytes: small, tiny (optionally), large
      std::uint64_t size;
      const std::uint32_t r = rng_.next_n(20);
      if (r < 3)
        size = 33000 + rng_.next_n(1000000);
      else if (r < 6 && allow_tiny_)
        size = 8 + rng_.next_n(8);  // 8..15: tiny
      else
        size = 16 + rng_.next_n(4000);
      o.addr = rt_.mallocgc(size, nullptr, true, role_);
      o.sig_addr = o.addr;
    }
    o.edges.assign(o.slots.size(), -1);
    rt_.store_u64(o.sig_addr, o.sig);
    // Immediately make it reachable (or not): no allocation in between.
    const std::uint32_t where = rng_.next_n(10);
    objs_.push_back(std::move(o));
    const int idx = static_cast<int>(objs_.size()) - 1;
    if (where < 4) {
      root_objs_.push_back(idx);
      sync_roots();
    } else if (where < 8) {
      // Link from a random live scan object (the new object counts as live now).
      std::vector<int> holders;
      std::vector<bool> live = reachable();
      for (std::size_t i = 0; i < objs_.size(); ++i)
        if (live[i] && !objs_[i].slots.empty()) holders.push_back(static_cast<int>(i));
      if (!holders.empty()) {
        const int h = holders[rng_.next_n(static_cast<std::uint32_t>(holders.size()))];
        const std::size_t s = rng_.next_n(static_cast<std::uint32_t>(objs_[h].slots.size()));
        objs_[h].edges[s] = idx;
        rt_.store_pointer(objs_[h].slots[s], objs_[idx].addr);
      }
    }
    // else: garbage from birth
  }

  void link() {
    const int h = random_live();
    if (h < 0 || objs_[h].slots.empty()) return;
    const std::size_t s = rng_.next_n(static_cast<std::uint32_t>(objs_[h].slots.size()));
    const int t = rng_.next_n(4) == 0 ? -1 : static_cast<int>(rng_.next_n(static_cast<std::uint32_t>(objs_.size())));
    objs_[h].edges[s] = t;
    rt_.store_pointer(objs_[h].slots[s], t < 0 ? 0 : objs_[t].addr);
  }

  void unroot() {
    if (root_objs_.empty()) return;
    root_objs_.erase(root_objs_.begin() + rng_.next_n(static_cast<std::uint32_t>(root_objs_.size())));
    sync_roots();
  }

  void sync_roots() {
    roots_.ptrs.clear();
    for (int r : root_objs_) roots_.ptrs.push_back(objs_[r].addr);
  }

  Runtime& rt_;
  Rng rng_;
  bool allow_tiny_;
  TestRoots roots_;
  const Type* node_[5] = {};
  std::uint16_t role_ = 0;
  std::vector<Obj> objs_;
  std::vector<int> root_objs_;
};

}  // namespace

TEST_CASE("randomized alloc/link/GC/scavenge sequences keep every invariant and exact reachability",
          "[runtime][randomized]") {
  for (int minor : {19, 22, 26}) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      INFO("go1." << minor << " seed " << seed);
      Runtime rt(config_for(minor, seed));
      Model m(rt, seed * 7919 + minor, false);
      for (int i = 0; i < 3000; ++i) m.step();
      m.collect_and_verify();
      const MemStats ms = rt.read_mem_stats();
      CHECK(m.gcs() > 10);
      CHECK(ms.Frees > 0);
      CHECK(ms.HeapReleased > 0);
      WARN("go1." << minor << " seed " << seed << ": NumGC " << ms.NumGC << " HeapSys " << ms.HeapSys
                  << " Mallocs " << ms.Mallocs << " HeapObjects " << ms.HeapObjects);
    }
  }
}

TEST_CASE("randomized sequences with tiny allocations keep every invariant", "[runtime][randomized]") {
  for (int minor : {19, 26}) {
    INFO("go1." << minor);
    Runtime rt(config_for(minor, 11));
    Model m(rt, 4242 + minor, true);
    for (int i = 0; i < 3000; ++i) m.step();
    m.collect_and_verify();
  }
}
