// The Simulation API: what the CLI, the wasm bindings and the page rely on.
#include <catch2/catch.hpp>

#include "core/sim/report.h"
#include "core/sim/simulation.h"
#include "tests/support/test_files.h"

using namespace bucketlab;

TEST_CASE("maps are named after the variable they were made for", "[sim]") {
  auto r = sim::load(
      "users := make(map[string]int)\n"
      "var byID = map[int]bool{1: true}\n"
      "all := []map[int]int{make(map[int]int)}\n"
      "users = make(map[string]int, 10)\n"
      "_, _, _ = users, byID, all\n",
      sim::SimConfig{});
  REQUIRE(r.sim);
  r.sim->run();
  REQUIRE(r.sim->state() == sim::RunState::Done);
  const auto maps = r.sim->maps();
  REQUIRE(maps.size() == 4);
  CHECK(maps[0].name == "users");
  CHECK(maps[0].type == "map[string]int");
  CHECK(maps[1].name == "byID");
  CHECK(maps[1].type == "map[int]bool");
  CHECK(maps[2].name == "map#2");  // made inside a slice literal
  CHECK(maps[3].name == "users");
}

TEST_CASE("a run cut into slices samples and ends exactly as one uninterrupted run", "[sim]") {
  // The page runs in slices of a few thousand instructions; its results must
  // be the CLI's (wasm/test compares the two builds on every example).
  // A small churn with GCs (the debug build checks invariants after every operation).
  const std::string src =
      "type U struct{ ID int; Name string; Pad [16]int64 }\n"
      "m := map[string]*U{}\n"
      "for i := 0; i < 20000; i++ {\n"
      "\tname := \"u\" + strconv.Itoa(i)\n"
      "\tm[name] = &U{ID: i, Name: name}\n"
      "\tif i >= 2000 {\n"
      "\t\tdelete(m, \"u\"+strconv.Itoa(i-2000))\n"
      "\t}\n"
      "}\n"
      "runtime.GC()\n"
      "fmt.Println(len(m))\n";
  sim::SimConfig c;
  c.sample_every_ops = 1000;
  c.gogc = 10;  // several GCs in a small run
  auto whole = sim::load(src, c);
  auto sliced = sim::load(src, c);
  REQUIRE(whole.sim);
  REQUIRE(sliced.sim);
  whole.sim->run();
  std::uint64_t n = 0;
  while (sliced.sim->run(797).state == sim::RunState::Ready) ++n;
  CHECK(n > 100);
  CHECK(whole.sim->memstats().NumGC > 3);
  CHECK(sim::report_json(*sliced.sim) == sim::report_json(*whole.sim));
}

TEST_CASE("the wall-time budget stops a runaway workload with a message", "[sim]") {
  sim::SimConfig c;
  c.budgets.max_wall_ms = 50;
  auto r = sim::load("n := 0\nfor {\n\tn++\n}\n", c);
  REQUIRE(r.sim);
  const auto res = r.sim->run();
  CHECK(res.state == sim::RunState::Stopped);
  CHECK(r.sim->error() == "bucketlab: the workload exceeded its wall-time budget of 50 ms");
  CHECK(r.sim->error_position().line == 3);
}
