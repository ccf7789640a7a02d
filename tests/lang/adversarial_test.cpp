// Adversarial workloads, each ending with its exact message (and never a
// crash, a hang or silent misreading). Positions are snippet line:col.
// Expected texts: Go 1.19's where Go reports the same thing (noted), else
// bucketlab's budget messages.
#include <catch2/catch.hpp>

#include <string>

#include "core/sim/simulation.h"

using namespace bucketlab;

namespace {
struct Outcome {
  std::string text;  // diagnostics "line:col: msg" joined by \n, or the run's error
  sim::RunState state = sim::RunState::Ready;
  sim::Position pos;
};
Outcome run(const std::string& src, std::uint64_t max_ops = 50'000'000) {
  sim::SimConfig c;
  c.budgets.max_ops = max_ops;
  c.budgets.max_heap_bytes = 256ull << 20;
  auto r = sim::load(src, c);
  Outcome o;
  if (!r.sim) {
    for (const auto& d : r.diagnostics) o.text += (o.text.empty() ? "" : "\n") + d.str();
    return o;
  }
  r.sim->run();
  o.state = r.sim->state();
  o.text = r.sim->error();
  o.pos = r.sim->error_position();
  return o;
}
}  // namespace

TEST_CASE("adversarial: invalid UTF-8 in the source", "[lang][adversarial]") {
  // go1.19 build of the wrapped program: "./main.go:4:8: invalid UTF-8 encoding" (snippet 1:7)
  CHECK(run("x := \"\xff\xfe\"\n_ = x\n").text == "1:7: invalid UTF-8 encoding");
}

TEST_CASE("adversarial: a 1 MB line of nested operators is refused, not recursed into", "[lang][adversarial]") {
  std::string s = "x := ";
  for (int i = 0; i < 400000; ++i) s += "1+";
  s += "1\n_ = x\n";
  CHECK(run(s).text == "1:1007: nesting too deep (bucketlab accepts at most 500 levels)");
}

TEST_CASE("adversarial: a 1 MB string literal is just a string", "[lang][adversarial]") {
  const std::string src = "s := \"" + std::string(1 << 20, 'a') + "\"\nif len(s) != 1<<20 {\n\tpanic(\"len\")\n}\n";
  const Outcome o = run(src);
  CHECK(o.state == sim::RunState::Done);
  CHECK(o.text.empty());
}

TEST_CASE("adversarial: recursion without end is Go's stack overflow", "[lang][adversarial]") {
  const Outcome o = run("func f(n int) int { return f(n+1) + 1 }\nfmt.Println(f(0))\n");
  CHECK(o.state == sim::RunState::Panicked);
  CHECK(o.text == "fatal error: stack overflow");
  CHECK(o.pos.line == 1);
  CHECK(o.pos.col == 35);
}

TEST_CASE("adversarial: an endless loop is stopped by the operation budget", "[lang][adversarial]") {
  const Outcome o = run("n := 0\nfor {\n\tn++\n}\n", 1'000'000);
  CHECK(o.state == sim::RunState::Stopped);
  CHECK(o.text == "bucketlab: the workload exceeded its budget of 1000000 operations (raise it with --max-ops)");
  CHECK(o.pos.line == 3);
}

TEST_CASE("adversarial: exhausting memory is Go's out of memory, with the budget named", "[lang][adversarial]") {
  const Outcome o = run("var keep [][]byte\nfor {\n\tkeep = append(keep, make([]byte, 1<<20))\n}\n");
  CHECK(o.state == sim::RunState::Panicked);
  CHECK(o.text.rfind("runtime: out of memory: cannot allocate ", 0) == 0);
  CHECK(o.text.find("heap budget") != std::string::npos);
  CHECK(o.text.substr(o.text.size() - 26) == "fatal error: out of memory");
  CHECK(o.pos.line == 3);
  CHECK(o.pos.col == 26);
}

TEST_CASE("adversarial: a negative or absurd make is Go's panic", "[lang][adversarial]") {
  // go1.19: "panic: runtime error: makeslice: len out of range"
  const Outcome o = run("n := -1\nx := make([]int, n)\n_ = x\n");
  CHECK(o.text == "panic: runtime error: makeslice: len out of range");
  CHECK(o.pos.line == 2);
}
