#include <catch2/catch.hpp>

#include <string>

#include "core/runtime/runtime.h"

using namespace bucketlab;
using namespace bucketlab::runtime;

TEST_CASE("string literals live in rodata: shared, readable, not allocated", "[runtime][rodata]") {
  Runtime rt;
  const MemStats before = rt.read_mem_stats();
  const Addr a = rt.intern_literal("hello");
  const Addr b = rt.intern_literal("hello");
  const Addr c = rt.intern_literal("");
  CHECK(a == b);  // the linker deduplicates identical literals
  CHECK(c != kNil);
  CHECK(c != a);
  CHECK_FALSE(rt.state().arena.in_heap(a));
  char buf[5];
  rt.read_bytes(a, buf, 5);
  CHECK(std::string(buf, 5) == "hello");
  const MemStats after = rt.read_mem_stats();
  CHECK(after.Mallocs == before.Mallocs);  // a literal is not a heap object
  CHECK(after.HeapAlloc == before.HeapAlloc);
  static char big[1000];
  CHECK_THROWS_AS(rt.read_bytes(a, big, sizeof big), ModelError);  // past the segment

  rt.gc();  // the GC ignores rodata pointers
  rt.check_invariants();
}
