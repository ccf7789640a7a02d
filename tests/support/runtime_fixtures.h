// Shared helpers for runtime tests: a root set the test controls, and short
// names for common configurations.
#pragma once
#include <algorithm>
#include <vector>

#include "core/runtime/runtime.h"

namespace bucketlab::testing {

// The workload's variables, as far as the GC is concerned.
struct TestRoots : runtime::RootSource {
  std::vector<Addr> ptrs;
  void scan_roots(runtime::RootVisitor& v) override {
    for (Addr p : ptrs) v.pointer(p);
  }
  void drop(Addr p) { ptrs.erase(std::remove(ptrs.begin(), ptrs.end(), p), ptrs.end()); }
};

inline runtime::RuntimeConfig config_for(int minor, std::uint64_t seed = 1) {
  runtime::RuntimeConfig c;
  c.version = runtime::GoVersion{minor};
  c.seed = seed;
  return c;
}

}  // namespace bucketlab::testing
