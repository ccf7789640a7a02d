// The Maps façade (map_api.h) with Go's hash: the calls the interpreter
// makes, inspection, step evacuation, iteration as a GC root, and maps
// being collected.
#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <string>

#include "core/maps/map_api.h"
#include "core/runtime/panic.h"
#include "core/runtime/runtime.h"
#include "tests/support/runtime_fixtures.h"

using namespace bucketlab;
using runtime::Kind;

namespace {
struct World {
  runtime::Runtime rt{testing::config_for(19, 42)};
  testing::TestRoots roots;
  maps::Maps mp{rt};
  const runtime::Type* mt = nullptr;
  World() {
    rt.add_root_source(&roots);
    mt = rt.types().map_of(rt.types().basic(Kind::String), rt.types().basic(Kind::Int64));
  }
  ~World() { rt.remove_root_source(&roots); }
  // A string key whose bytes are a literal (rodata).
  void key(const std::string& s, std::uint8_t out[16]) {
    const Addr a = rt.intern_literal(s);
    const std::uint64_t n = s.size();
    std::memcpy(out, &a, 8);
    std::memcpy(out + 8, &n, 8);
  }
  void set(Addr m, const std::string& k, std::int64_t v) {
    std::uint8_t kb[16];
    key(k, kb);
    rt.store_u64(mp.assign(mt, m, kb), static_cast<std::uint64_t>(v));
    mp.check_invariants();
  }
};
}  // namespace

TEST_CASE("Maps: nil map semantics follow Go", "[maps][facade]") {
  World w;
  std::uint8_t kb[16];
  w.key("x", kb);
  CHECK(w.mp.access(w.mt, kNil, kb) == kNil);  // reading a nil map gives the zero value
  CHECK(w.mp.len(kNil) == 0);
  w.mp.remove(w.mt, kNil, kb);  // delete on a nil map is a no-op
  CHECK_THROWS_WITH(w.mp.assign(w.mt, kNil, kb), "assignment to entry in nil map");
}

TEST_CASE("Maps: step evacuation moves one old bucket at a time and reports it", "[maps][facade]") {
  World w;
  const Addr m = w.mp.make(w.mt, 0);
  w.roots.ptrs.push_back(m);
  // Insert until a growth is in progress with several old buckets left.
  int i = 0;
  for (; i < 100000; ++i) {
    w.set(m, "k" + std::to_string(i), i);
    const auto s = w.mp.inspect_classic(0);
    if (s.growing && s.noldbuckets - s.nevacuate >= 4) break;
  }
  auto s = w.mp.inspect_classic(0);
  REQUIRE(s.growing);
  const std::uint64_t before = s.nevacuate;
  const std::uint64_t events0 = w.rt.state().events.total();
  REQUIRE(w.mp.evacuate_step(0));
  w.mp.check_invariants();
  s = w.mp.inspect_classic(0);
  CHECK(s.nevacuate > before);  // advanceEvacuationMark also skips buckets growWork already did
  CHECK(s.old_chains.at(before).evacuated);
  const auto& ev = w.rt.state().events.events().back();
  CHECK(w.rt.state().events.total() > events0);
  CHECK(ev.kind == EventKind::MapEvacuate);
  CHECK(ev.a1 == before);
  CHECK(ev.a2 + ev.a3 > 0);  // entries went to X and/or Y
  // Stepping to the end finishes the growth; then there is nothing to step.
  while (w.mp.evacuate_step(0)) w.mp.check_invariants();
  s = w.mp.inspect_classic(0);
  CHECK_FALSE(s.growing);
  CHECK(s.count == i + 1);
  CHECK_FALSE(w.mp.evacuate_step(0));
}

TEST_CASE("Maps: inspection shows keys, overflow chains and paging", "[maps][facade]") {
  World w;
  const Addr m = w.mp.make(w.mt, 1000);  // B = 8
  w.roots.ptrs.push_back(m);
  for (int i = 0; i < 1000; ++i) w.set(m, "user" + std::to_string(i), i);
  const auto s = w.mp.inspect_classic(0, 10, 20);
  CHECK(s.B == 8);
  CHECK(s.first_bucket == 10);  // the snapshot says which page it holds
  REQUIRE(s.new_chains.size() == 20);
  CHECK(s.new_chains.front().index == 10);
  std::size_t shown = 0;
  for (const auto& c : w.mp.inspect_classic(0, 0, 1 << 20).new_chains)
    for (const auto& b : c.chain)
      for (std::size_t i = 0; i < 8; ++i)
        if (b.tophash[i] >= 5) {
          CHECK(b.keys[i].rfind("\"user", 0) == 0);
          ++shown;
        }
  CHECK(shown == 1000);
  CHECK(s.allocated_buckets > s.nbuckets);  // B >= 4 preallocates spare overflow buckets
}

TEST_CASE("Maps: an iterator keeps the map alive across GC; unreachable maps are collected", "[maps][facade]") {
  World w;
  Addr m = w.mp.make(w.mt, 0);
  w.roots.ptrs.push_back(m);
  for (int i = 0; i < 300; ++i) w.set(m, "k" + std::to_string(i), i);
  auto it = w.mp.iterate(w.mt, m);
  w.roots.drop(m);  // only the iterator refers to the map now
  std::set<std::int64_t> seen;
  for (int n = 0; it->key() != kNil; it->next(), ++n) {
    seen.insert(static_cast<std::int64_t>(w.rt.load_u64(it->elem())));
    if (n % 50 == 0) w.rt.gc();  // the hiter is a root
  }
  CHECK(seen.size() == 300);
  CHECK(w.mp.alive(0));
  it.reset();
  w.rt.gc();
  CHECK_FALSE(w.mp.alive(0));
  w.mp.check_invariants();  // skips collected maps
  w.rt.check_invariants();
}
