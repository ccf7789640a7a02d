// The interpreter and the Simulation: programs print exactly what real Go
// 1.19 prints (tests/lang/run/*.go, compared with the toolchain's output),
// panics use Go's words and position, stepping and pausing do not change a
// run, every example runs to completion, and GC roots are complete (the
// debug preset's invariant checks and the heap's "pointer to free object"
// check fail on a missed or stale root).
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/lang/front.h"
#include "core/runtime/runtime.h"
#include "core/sim/simulation.h"
#include "tests/support/test_files.h"

using namespace bucketlab;
namespace fs = std::filesystem;

namespace {
using testing::slurp;
std::vector<fs::path> files(const char* dir) { return testing::go_files(fs::path(BUCKETLAB_SOURCE_DIR) / dir); }
struct Run {
  sim::RunState state;
  std::string out, error;
  sim::Position pos;
  runtime::MemStats ms;
};
Run run_model(const std::string& src, sim::SimConfig cfg = {}) {
  auto lr = sim::load(src, cfg);
  REQUIRE(lr.diagnostics.empty());
  REQUIRE(lr.sim);
  lr.sim->run();
  lr.sim->check_invariants();
  return Run{lr.sim->state(), lr.sim->stdout_text(), lr.sim->error(), lr.sim->error_position(), lr.sim->memstats()};
}
}  // namespace

TEST_CASE("interp: programs print exactly what real Go 1.19 prints", "[interp][oracle-go]") {
  if (!fs::exists(BUCKETLAB_GO119)) {
    WARN("no Go 1.19 toolchain: skipped");
    return;
  }
  const char* bd = std::getenv("BUCKETLAB_BUILD_DIR");
  const fs::path dir = (bd ? fs::path(bd) : fs::temp_directory_path()) / "go-oracles" / "interp";
  for (const auto& p : files("tests/lang/run")) {
    INFO(p.filename().string());
    const fs::path d = dir / p.stem();
    fs::create_directories(d);
    fs::copy_file(p, d / "main.go", fs::copy_options::overwrite_existing);
    std::ofstream(d / "go.mod") << "module x\n\ngo 1.19\n";
    std::string go_out;
    const int st = testing::run_shell("cd '" + d.string() + "' && GOTOOLCHAIN=local GOPROXY=off GOCACHE='" + (dir / "gocache").string() +
                          "' GOMAXPROCS=1 " + BUCKETLAB_GO119 + " run . 2>&1",
                      go_out);
    REQUIRE(st == 0);
    const Run r = run_model(slurp(p));
    CHECK(r.state == sim::RunState::Done);
    CHECK(r.out == go_out);
  }
}

TEST_CASE("interp: every example runs to completion in the model", "[interp][examples]") {
  for (const auto& p : files("examples")) {
    INFO(p.filename().string());
    const Run r = run_model(slurp(p));
    CHECK(r.error == "");
    CHECK(r.state == sim::RunState::Done);
    CHECK(!r.out.empty());
  }
}

TEST_CASE("interp: run-time panics in Go's words at the failing line", "[interp]") {
  struct Case {
    const char* src;
    const char* message;
    std::uint32_t line;
  };
  // messages: runtime/map.go mapassign, runtime/panic.go goPanicIndex,
  // panicdivide, panicmem (runtime/error.go wording)
  const Case cases[] = {
      {"var m map[string]int\nm[\"a\"] = 1\n", "panic: assignment to entry in nil map", 2},
      {"s := []int{1, 2, 3}\ni := 5\nfmt.Println(s[i])\n", "panic: runtime error: index out of range [5] with length 3", 3},
      {"a, b := 1, 0\nfmt.Println(a / b)\n", "panic: runtime error: integer divide by zero", 2},
      {"type T struct{ x int }\nvar p *T\nfmt.Println(p.x)\n",
       "panic: runtime error: invalid memory address or nil pointer dereference", 3},
      {"s := \"abc\"\nn := 7\n_ = s[n:]\n", "panic: runtime error: slice bounds out of range [7:3]", 3},
      {"panic(\"boom\")\n", "panic: boom", 1},
  };
  for (const auto& c : cases) {
    INFO(c.src);
    const Run r = run_model(c.src);
    CHECK(r.state == sim::RunState::Panicked);
    CHECK(r.error == c.message);
    CHECK(r.pos.line == c.line);
  }
}

TEST_CASE("interp: stepping by statement or map operation gives the same run", "[interp]") {
  const std::string src = slurp(fs::path(BUCKETLAB_SOURCE_DIR) / "examples" / "string_keys.go");
  const Run whole = run_model(src);
  for (sim::StepKind kind : {sim::StepKind::MapOp, sim::StepKind::GcCycle, sim::StepKind::Evacuation}) {
    auto lr = sim::load(src, {});
    REQUIRE(lr.sim);
    int steps = 0;
    while (lr.sim->state() == sim::RunState::Ready) {
      const auto r = lr.sim->step(kind);
      if (r.state == sim::RunState::Ready) CHECK(r.step_reached);
      ++steps;
    }
    CHECK(steps > 1);
    CHECK(lr.sim->state() == sim::RunState::Done);
    CHECK(lr.sim->stdout_text() == whole.out);
    CHECK(lr.sim->memstats().Mallocs == whole.ms.Mallocs);
    CHECK(lr.sim->memstats().HeapAlloc == whole.ms.HeapAlloc);
  }
  // statement steps on a smaller run
  const std::string small = "m := map[int]int{}\nfor i := 0; i < 300; i++ {\n\tm[i] = i\n}\nfmt.Println(len(m))\n";
  const Run w2 = run_model(small);
  auto lr = sim::load(small, {});
  std::uint32_t last_line = 0;
  int stmts = 0;
  while (lr.sim->state() == sim::RunState::Ready) {
    const auto r = lr.sim->step(sim::StepKind::Statement);
    if (r.state == sim::RunState::Ready) last_line = r.pos.line;
    ++stmts;
  }
  CHECK(stmts > 600);  // two statements per iteration (body, post)
  CHECK(last_line == 5);
  CHECK(lr.sim->stdout_text() == "300\n");
  CHECK(lr.sim->memstats().Mallocs == w2.ms.Mallocs);
}

TEST_CASE("interp: budgets stop runaway workloads with a message", "[interp]") {
  sim::SimConfig cfg;
  cfg.budgets.max_ops = 100000;
  auto lr = sim::load("for {\n}\n", cfg);
  REQUIRE(lr.sim);
  lr.sim->run();
  CHECK(lr.sim->state() == sim::RunState::Stopped);
  CHECK(lr.sim->error().find("budget of 100000 operations") != std::string::npos);
  // unbounded recursion: Go's "stack overflow" fatal error
  auto lr2 = sim::load("func f(n int) int { return f(n+1) + 1 }\nfmt.Println(f(0))\n", {});
  REQUIRE(lr2.sim);
  lr2.sim->run();
  CHECK(lr2.sim->state() == sim::RunState::Panicked);
  CHECK(lr2.sim->error() == "fatal error: stack overflow");
}

TEST_CASE("interp: GC roots: objects reachable only from locals survive forced GCs", "[interp]") {
  // a missed root frees a live object (the next use reads garbage or the
  // heap check throws "found pointer to free object"); a stale one keeps garbage
  const std::string src =
      "type N struct{ v int; next *N }\n"
      "var head *N\n"
      "for i := 0; i < 2000; i++ {\n"
      "\thead = &N{v: i, next: head}\n"
      "\ts := \"x\" + strconv.Itoa(i)\n"
      "\tif i%100 == 0 {\n\t\truntime.GC()\n\t}\n"
      "\t_ = s\n"
      "}\n"
      "sum := 0\n"
      "for n := head; n != nil; n = n.next {\n\tsum += n.v\n}\n"
      "runtime.GC()\n"
      "var ms runtime.MemStats\n"
      "runtime.ReadMemStats(&ms)\n"
      "fmt.Println(sum, ms.HeapObjects >= 2000)\n";
  const Run r = run_model(src);
  CHECK(r.error == "");
  CHECK(r.out == "1999000 true\n");
}
