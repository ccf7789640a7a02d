// Heap objects a real Go process allocates on a workload's behalf: the GC's
// background worker goroutine (first cycle) and fmt's printer cache
// (sync.Pool ppFree). Expected numbers are the output of small Go programs
// run with GOMAXPROCS=1 (quoted at each case).
#include <catch2/catch.hpp>

#include "core/runtime/runtime.h"
#include "core/sim/simulation.h"

using namespace bucketlab;

namespace {
// Runs `src` (a snippet) and returns what it printed with println (stderr).
std::string run(const std::string& src, int minor = 19) {
  sim::SimConfig c;
  c.version = runtime::GoVersion{minor};
  auto r = sim::load(src, c);
  REQUIRE(r.sim);
  r.sim->run();
  INFO(r.sim->error());
  REQUIRE(r.sim->state() == sim::RunState::Done);
  r.sim->check_invariants();
  return r.sim->stderr_text();
}
}  // namespace

TEST_CASE("the first GC allocates the background mark worker's objects", "[sim][gc]") {
  // Real Go, GOMAXPROCS=1, the same loop as a whole program (mgc.go
  // gcBgMarkStartWorkers; gc.cpp says which object is which). go1.19 prints
  // "3 512 / class 32 1 / class 64 1 / class 416 1" then "0 0"; now and then
  // it also starts an M during that cycle (m 1024 B, g0 and gsignal 416 B
  // each), which the model does not (R2). go1.26 prints "5 1184 / 16 64 112
  // 480 512". With package os initialised (fmt imports it) allgs does not
  // grow: the 64-byte []*g is missing: go1.19 "2 448 / 32 416", go1.26
  // "4 1120 / 16 112 480 512".
  const std::string loop =
      "var a, b runtime.MemStats\n"
      "for i := 0; i < 2; i++ {\n"
      "\truntime.ReadMemStats(&a)\n"
      "\truntime.GC()\n"
      "\truntime.ReadMemStats(&b)\n"
      "\tprintln(b.Mallocs-a.Mallocs, b.TotalAlloc-a.TotalAlloc)\n"
      "\tfor j := range b.BySize {\n"
      "\t\tif x := b.BySize[j].Mallocs - a.BySize[j].Mallocs; x > 0 {\n"
      "\t\t\tprintln(\" class\", b.BySize[j].Size, x)\n"
      "\t\t}\n"
      "\t}\n"
      "}\n";
  CHECK(run(loop, 19) == "3 512\n class 32 1\n class 64 1\n class 416 1\n0 0\n");
  CHECK(run(loop, 26) == "5 1184\n class 16 1\n class 64 1\n class 112 1\n class 480 1\n class 512 1\n0 0\n");
  const std::string with_os = "fmt.Sprint()\n" + loop;
  CHECK(run(with_os, 19) == "2 448\n class 32 1\n class 416 1\n0 0\n");
  CHECK(run(with_os, 26) == "4 1120\n class 16 1\n class 112 1\n class 480 1\n class 512 1\n0 0\n");
}

TEST_CASE("fmt's printer cache: pp, its buffer, the pool's local array and allPools", "[sim][fmt]") {
  // Go 1.19 (GOMAXPROCS=1), after a warm-up Println and three GCs:
  //   Println("cap", 1000): "print after gc 6" (boxing, local, allPools, pp, buf 8 -> 16)
  //   after one more GC:    "print after 1 gc 3" (boxing, local, allPools; pp from the victim)
  const std::string src =
      "var a, b runtime.MemStats\n"
      "x := 1000\n"
      "fmt.Println(\"warm\", x)\n"
      "runtime.GC()\nruntime.GC()\nruntime.GC()\n"
      "runtime.ReadMemStats(&a)\n"
      "fmt.Println(\"cap\", x)\n"
      "runtime.ReadMemStats(&b)\n"
      "println(b.Mallocs - a.Mallocs)\n"
      "runtime.GC()\n"
      "runtime.ReadMemStats(&a)\n"
      "fmt.Println(\"cap\", x)\n"
      "runtime.ReadMemStats(&b)\n"
      "println(b.Mallocs - a.Mallocs)\n"
      "runtime.ReadMemStats(&a)\n"
      "fmt.Println(\"cap\", x)\n"
      "runtime.ReadMemStats(&b)\n"
      "println(b.Mallocs - a.Mallocs)\n";
  // the third print reuses everything: only the boxing of x (>= 256)
  CHECK(run(src) == "6\n3\n1\n");
}

TEST_CASE("a print keeps 4 objects, 408 bytes live through the next GC", "[sim][fmt]") {
  // Go 1.19: runtime.GC(); ReadMemStats(&a); [Println(...)]; ReadMemStats(&b);
  // runtime.GC(); ReadMemStats(&c): with the print "mallocs 7 objects after 4
  // alloc 408", without "mallocs 0 objects after 0 alloc 0"; after a second
  // GC both report the same number of objects (the pool's are gone).
  auto src = [](bool print) {
    return std::string("var a, b, c runtime.MemStats\n"
                       "runtime.GC()\n"
                       "runtime.ReadMemStats(&a)\n") +
           (print ? "fmt.Println(\"users:\", 12000, \"GCs:\", 0, \"HeapAlloc:\", 3510584)\n" : "") +
           "runtime.ReadMemStats(&b)\n"
           "runtime.GC()\n"
           "runtime.ReadMemStats(&c)\n"
           "println(b.Mallocs-a.Mallocs, int64(c.HeapObjects)-int64(a.HeapObjects), int64(c.HeapAlloc)-int64(a.HeapAlloc))\n"
           "runtime.GC()\n"
           "runtime.ReadMemStats(&c)\n"
           "println(int64(c.HeapObjects) - int64(a.HeapObjects))\n";
  };
  const std::string with = run(src(true)), without = run(src(false));
  CHECK(with.substr(0, with.find('\n')) == "7 4 408");
  CHECK(without.substr(0, without.find('\n')) == "0 0 0");
  CHECK(with.substr(with.find('\n')) == without.substr(without.find('\n')));
}
