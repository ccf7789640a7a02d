// libFuzzer target: the maps (classic and Swiss) and the allocator driven by
// random operation sequences (make, assign, delete, lookup, clear, iterate,
// GC), with Runtime and Maps invariants checked after every operation and
// every entry cross-checked against a std::map.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "core/maps/map_api.h"
#include "core/runtime/mheap.h"
#include "core/runtime/runtime.h"

using namespace bucketlab;

namespace {
struct Roots : runtime::RootSource {
  std::vector<Addr> ptrs;
  void scan_roots(runtime::RootVisitor& v) override {
    for (Addr p : ptrs) v.pointer(p);
  }
};
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  runtime::RuntimeConfig rc;
  rc.version = runtime::GoVersion{(data[0] & 1) ? 26 : 19};
  rc.seed = data[1];
  rc.heap_budget_bytes = 64ull << 20;
  runtime::Runtime rt(rc);
  Roots roots;
  rt.add_root_source(&roots);
  {
    maps::Maps mp(rt);
    const auto* i64 = rt.types().basic(runtime::Kind::Int64);
    const auto* mt = rt.types().map_of(i64, i64);
    struct M { Addr h; std::map<std::int64_t, std::int64_t> want; };
    std::vector<M> ms;
    std::unique_ptr<maps::MapIter> it;
    std::size_t it_map = 0;
    for (std::size_t i = 2; i + 2 < size; i += 3) {
      const std::uint8_t op = data[i] % 9;
      const std::int64_t key = static_cast<std::int8_t>(data[i + 1]) * (1 + data[i + 2] % 4);
      const std::int64_t val = data[i + 2];
      try {
        if (op == 0 || ms.empty()) {
          if (ms.size() < 4) {
            const Addr h = mp.make(mt, data[i + 2] % 3 == 0 ? key & 255 : 0);
            roots.ptrs.push_back(h);
            ms.push_back({h, {}});
          }
          continue;
        }
        M& m = ms[data[i + 1] % ms.size()];
        switch (op) {
          case 1: case 2: case 3:  // assign
            rt.store_u64(mp.assign(mt, m.h, &key), static_cast<std::uint64_t>(val));
            m.want[key] = val;
            break;
          case 4: case 5:  // delete
            mp.remove(mt, m.h, &key);
            m.want.erase(key);
            break;
          case 6: {  // lookup
            const Addr e = mp.access(mt, m.h, &key);
            const auto w = m.want.find(key);
            check((e != kNil) == (w != m.want.end()));
            if (e != kNil) check(static_cast<std::int64_t>(rt.load_u64(e)) == w->second);
            break;
          }
          case 7:  // clear, GC or a few iteration steps
            if (data[i + 2] % 4 == 0) { mp.clear(mt, m.h); m.want.clear(); it.reset(); }
            else if (data[i + 2] % 4 == 1) rt.gc();
            else {
              if (!it) { it = mp.iterate(mt, m.h); it_map = static_cast<std::size_t>(&m - ms.data()); }
              for (int s = 0; s < 3 && it->key() != kNil; ++s) it->next();
            }
            break;
          case 8:  // drop an iterator; an allocation between operations
            it.reset();
            (void)rt.mallocgc(1 + data[i + 2] * 17u, nullptr);
            break;
        }
        if (op >= 4 && it && ms[it_map].h != m.h) it.reset();  // keep iteration simple: one map at a time
        check(mp.len(m.h) == static_cast<std::int64_t>(m.want.size()));
      } catch (const runtime::OutOfMemoryError&) {
        break;
      }
      rt.check_invariants();
      mp.check_invariants();
    }
    // every entry where the reference says it is
    for (M& m : ms)
      for (const auto& [k, v] : m.want) {
        const Addr e = mp.access(mt, m.h, &k);
        check(e != kNil && static_cast<std::int64_t>(rt.load_u64(e)) == v);
      }
    it.reset();
  }
  rt.remove_root_source(&roots);
  return 0;
}
