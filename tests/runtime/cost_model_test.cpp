// The cost model's accounting rules (core/runtime/cost_model.h): what the
// simulated clock charges, how pauses and GC CPU are accounted as Go's
// mgc.go does, time.Sleep/time.Since/time.Now on the clock, the forced GC,
// determinism. No assertion here reads the host's clock.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/runtime/runtime.h"
#include "core/sim/report.h"
#include "core/sim/simulation.h"
#include "tests/support/test_files.h"

using namespace bucketlab;
using namespace bucketlab::runtime;

namespace {

struct TestRoots : RootSource {
  std::vector<Addr> ptrs;
  void scan_roots(RootVisitor& v) override {
    for (Addr a : ptrs) v.pointer(a);
  }
};

std::size_t idx(CostKind k) { return static_cast<std::size_t>(k); }

// A table where only the given kinds cost something (ns per unit).
CostTable only(std::initializer_list<std::pair<CostKind, std::uint64_t>> prices) {
  CostTable t = CostTable::zero();
  for (auto [k, ns] : prices) t.fx[idx(k)] = ns * kFxPerNs;
  return t;
}

std::uint64_t price_ns(const CostTable& t, CostKind k) { return t.fx[idx(k)] >> kFxShift; }

// Runs a workload to the end; returns its stdout.
std::string run(const std::string& src, const CostTable* costs = nullptr, std::unique_ptr<sim::Simulation>* keep = nullptr) {
  sim::SimConfig c;
  c.costs = costs;
  auto r = sim::load(src, c);
  REQUIRE(r.sim);
  r.sim->run();
  INFO(r.sim->error());
  REQUIRE(r.sim->state() == sim::RunState::Done);
  r.sim->check_invariants();
  std::string out = r.sim->stdout_text();
  if (keep) *keep = std::move(r.sim);
  return out;
}

std::uint64_t sum_fx(const CostClock& c) {
  std::uint64_t s = 0;
  for (std::size_t k = 0; k < kNumCostKinds; ++k) s += c.count(static_cast<CostKind>(k)) * c.table().fx[k];
  return s;
}

}  // namespace

TEST_CASE("the calibrated table prices every kind", "[cost]") {
  const CostTable& t = CostTable::calibrated();
  for (std::size_t k = 0; k < kNumCostKinds; ++k) {
    INFO(cost_kind_name(static_cast<CostKind>(k)));
    CHECK(t.fx[k] > 0);
  }
  CHECK(t.machine.l1_bytes < t.machine.l2_bytes);
  CHECK(t.premain_ns > 0);
}

TEST_CASE("the clock is the sum of the charges: time passes by count x price", "[cost]") {
  // 1000 new(T) of a 16-byte pointerful T on an empty heap, as malloc.go
  // takes them: 512 per 8 KiB span (class 2), so 2 refills from mcentral,
  // each a fresh span from the heap; fresh spans need no zeroing, and their
  // 2 physical pages each fault in at the first write to them.
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  const Type* t = rt.types().internal("main.T", 16, 8, {0});
  CostClock& c = rt.clock();
  const std::uint64_t fx0 = c.now_fx(), t0 = rt.nanotime();
  std::array<std::uint64_t, kNumCostKinds> before{};
  for (std::size_t k = 0; k < kNumCostKinds; ++k) before[k] = c.count(static_cast<CostKind>(k));
  for (int i = 0; i < 1000; ++i) {
    roots.ptrs.push_back(rt.newobject(t));
    rt.store_u64(roots.ptrs.back() + 8, 1);
    rt.check_invariants();
  }
  auto delta = [&](CostKind k) { return c.count(k) - before[idx(k)]; };
  CHECK(delta(CostKind::MallocSmall) == 1000);
  CHECK(delta(CostKind::MallocRefill) == 2);
  CHECK(delta(CostKind::MallocSpan) == 2);
  CHECK(delta(CostKind::PageFault) == 4);
  CHECK(delta(CostKind::HeapGrow) == 1);  // the empty heap maps its first 4 MiB
  CHECK(delta(CostKind::ZeroByte) == 0);
  std::uint64_t charged_fx = 0;
  for (std::size_t k = 0; k < kNumCostKinds; ++k) charged_fx += delta(static_cast<CostKind>(k)) * c.table().fx[k];
  CHECK(rt.nanotime() - t0 == ((fx0 + charged_fx) >> kFxShift) - (fx0 >> kFxShift));
  CHECK(charged_fx == 1000 * c.table().fx[idx(CostKind::MallocSmall)] + 2 * c.table().fx[idx(CostKind::MallocRefill)] +
                          2 * c.table().fx[idx(CostKind::MallocSpan)] + 4 * c.table().fx[idx(CostKind::PageFault)] +
                          c.table().fx[idx(CostKind::HeapGrow)]);
  // And nothing else moves the clock: it is the sum of every charge.
  CHECK(c.now_fx() == kFxPerNs + sum_fx(c));
  rt.remove_root_source(&roots);
}

TEST_CASE("a workload with no GC has GCCPUFraction 0, no pauses and no LastGC", "[cost]") {
  std::unique_ptr<sim::Simulation> s;
  run("m := make(map[int]int)\n"
      "for i := 0; i < 1000; i++ { m[i] = i }\n"
      "var ms runtime.MemStats\n"
      "runtime.ReadMemStats(&ms)\n"
      "fmt.Println(ms.NumGC, ms.GCCPUFraction, ms.PauseTotalNs, ms.LastGC)\n",
      nullptr, &s);
  CHECK(s->stdout_text() == "0 0 0 0\n");
  CHECK(s->runtime().nanotime() > 1000);  // the work itself took time
  CHECK(s->runtime().gc_times().total_gc_cpu_ns == 0);
}

TEST_CASE("PauseTotalNs is exactly the sum of the modelled STW phases", "[cost]") {
  // runtime.GC sweeps everything before it returns, so each later cycle's
  // sweep termination has nothing left to sweep: its pause is the two fixed
  // STW phases, and PauseNs/PauseEnd/LastGC follow mgc.go's ring.
  const CostTable& t = CostTable::calibrated();
  const std::uint64_t stw = price_ns(t, CostKind::GcSweepTermination) + price_ns(t, CostKind::GcMarkTermination);
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  const Type* node = rt.types().internal("main.Node", 32, 8, {0, 8});
  for (int i = 0; i < 5000; ++i) roots.ptrs.push_back(rt.newobject(node));
  rt.gc();  // sweeps the first cycle's spans to the end
  for (int i = 0; i < 300; ++i) {
    if (i % 3 == 0) roots.ptrs.resize(roots.ptrs.size() / 2);
    for (int j = 0; j < 100; ++j) roots.ptrs.push_back(rt.newobject(node));
    rt.gc();
    rt.check_invariants();
  }
  const MemStats m = rt.read_mem_stats();
  REQUIRE(m.NumGC == 301);
  const std::uint64_t first = rt.gc_times().pause_ns_ring[0];
  CHECK(first >= stw);  // the first cycle also swept nothing: it is the first
  CHECK(m.PauseTotalNs == 301 * stw);
  // The ring holds the last 256 cycles: PauseNs[(NumGC+255)%256] is the latest.
  std::uint64_t ring_sum = 0;
  for (std::uint64_t p : m.PauseNs) {
    CHECK(p == stw);
    ring_sum += p;
  }
  CHECK(ring_sum == 256 * stw);
  CHECK(m.PauseEnd[(m.NumGC + 255) % 256] == m.LastGC);
  CHECK(m.LastGC == static_cast<std::uint64_t>(kUnixEpochNs) + rt.state().gc.last_gc_nanotime());
  CHECK(m.PauseEnd[(m.NumGC + 254) % 256] < m.LastGC);
  rt.remove_root_source(&roots);
}

TEST_CASE("sweeping left over when a cycle starts is mutator time, not pause", "[cost]") {
  // gcStart sweeps what is left while the trigger holds, before stopping
  // the world; with one P, finishsweep_m then finds nothing: the pause is
  // the two fixed STW phases even when the heap-triggered cycle starts with
  // every span of the previous cycle unswept.
  const CostTable t = only({{CostKind::SweepSpan, 1000}, {CostKind::GcSweepTermination, 7}, {CostKind::GcMarkTermination, 3}});
  RuntimeConfig cfg;
  cfg.costs = &t;
  Runtime rt(cfg);
  TestRoots roots;
  rt.add_root_source(&roots);
  int cycles_with_sweep = 0;
  for (int i = 0; i < 400000; ++i) {
    const std::uint32_t n = rt.num_gc();
    const std::uint64_t swept = rt.clock().count(CostKind::SweepSpan);
    const Addr a = rt.mallocgc(64, nullptr);
    if (i % 4 == 0) roots.ptrs.push_back(a);
    if (rt.num_gc() != n) {
      CHECK(rt.gc_times().pause_ns == 10);
      if (rt.clock().count(CostKind::SweepSpan) > swept) ++cycles_with_sweep;
    }
  }
  CHECK(rt.num_gc() > 2);
  CHECK(cycles_with_sweep > 0);
  CHECK(rt.gc_times().pause_total_ns == 10 * rt.num_gc());
  rt.check_invariants();
  rt.remove_root_source(&roots);
}

TEST_CASE("GCCPUFraction follows mgc.go: STW + assist/fractional mark over process time; idle marking is free", "[cost]") {
  const CostTable& t = CostTable::calibrated();
  RuntimeConfig cfg;
  cfg.gogc = -1;  // no heap-triggered cycle while the heap is built
  Runtime rt(cfg);
  TestRoots roots;
  rt.add_root_source(&roots);
  const Type* node = rt.types().internal("main.Node", 64, 8, {0, 8, 16});
  for (int i = 0; i < 200000; ++i) roots.ptrs.push_back(rt.newobject(node));
  // runtime.GC: the caller waits, so past drainCheckThreshold units of scan
  // work an idle worker marks, and its time is not GC CPU.
  rt.gc();
  const GcTimes& g = rt.gc_times();
  const std::uint64_t mark = g.t_mark_term - g.t_mark;
  REQUIRE(mark > 0);
  CHECK(g.mark_cpu_ns + g.idle_mark_ns == mark);
  CHECK(g.idle_mark_ns > 0);
  REQUIRE(rt.state().gc.scan_work() > kDrainCheckThreshold);
  CHECK(g.mark_cpu_ns == mark * kDrainCheckThreshold / rt.state().gc.scan_work());
  const std::uint64_t cpu1 = g.pause_ns + g.mark_cpu_ns;
  CHECK(g.total_gc_cpu_ns == cpu1);
  CHECK(g.gc_cpu_fraction == static_cast<double>(cpu1) / static_cast<double>(g.t_end - 1 + t.premain_ns));
  // A heap-triggered cycle while the mutator runs: assists mark, all of it counts.
  rt.set_gc_percent(100);
  for (int i = 0; i < 400000 && rt.num_gc() == 1; ++i) roots.ptrs.push_back(rt.newobject(node));
  REQUIRE(rt.num_gc() == 2);
  CHECK(g.idle_mark_ns == 0);
  CHECK(g.mark_cpu_ns == g.t_mark_term - g.t_mark);
  CHECK(g.total_gc_cpu_ns == cpu1 + g.pause_ns + g.mark_cpu_ns);
  CHECK(g.gc_cpu_fraction == static_cast<double>(g.total_gc_cpu_ns) / static_cast<double>(g.t_end - 1 + t.premain_ns));
  // Stale between cycles, as in Go: allocation without a GC leaves it.
  const double f = rt.read_mem_stats().GCCPUFraction;
  for (int i = 0; i < 100; ++i) rt.newobject(node);
  CHECK(rt.read_mem_stats().GCCPUFraction == f);
  rt.remove_root_source(&roots);
}

TEST_CASE("time.Sleep advances the clock by exactly its duration", "[cost]") {
  // At the runtime: idle time, with or without background sweeping to absorb.
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  // A heap-triggered cycle leaves every span unswept.
  for (int i = 0; i < 1000000 && rt.num_gc() == 0; ++i) rt.mallocgc(48, nullptr);
  REQUIRE(rt.num_gc() == 1);
  REQUIRE(!rt.state().sweeper.is_done());
  std::uint64_t t0 = rt.nanotime();
  BackgroundReport rep = rt.background_work(1234567);
  CHECK(rep.spans_swept > 0);
  CHECK(rt.nanotime() - t0 == 1234567);
  t0 = rt.nanotime();
  rt.background_work(1);
  CHECK(rt.nanotime() - t0 == 1);
  rt.remove_root_source(&roots);

  // In a workload: with nothing else priced, Since around a Sleep is the sleep.
  const CostTable zero = CostTable::zero();
  CHECK(run("t0 := time.Now()\n"
            "time.Sleep(1500 * time.Microsecond)\n"
            "fmt.Println(time.Since(t0).Nanoseconds())\n",
            &zero) == "1500000\n");
  // With the calibrated prices, two sleeps differ by exactly their difference.
  auto since = [&](const char* d) {
    return std::stoll(run(std::string("t0 := time.Now()\ntime.Sleep(") + d + ")\nfmt.Println(time.Since(t0).Nanoseconds())\n"));
  };
  CHECK(since("2 * time.Second") - since("time.Millisecond") == 2000000000 - 1000000);
}

TEST_CASE("time.Since after known work equals the charged costs", "[cost]") {
  // Only assignments into a fast64 map cost: 100 ns each; growth, misses,
  // instructions and allocation are free in this table.
  const CostTable t = only({{CostKind::MapAssign64, 100}});
  CHECK(run("m := make(map[int64]int)\n"
            "t0 := time.Now()\n"
            "for i := int64(0); i < 1000; i++ { m[i] = 1 }\n"
            "fmt.Println(time.Since(t0).Nanoseconds())\n",
            &t) == "100000\n");
  // String keys take the faststr path; a 200-byte elem the generic one (walk.go mapfast).
  const CostTable s = only({{CostKind::MapAssignStr, 7}, {CostKind::MapAccessGeneric, 3}, {CostKind::MapDelete64, 5}});
  CHECK(run("type Big struct{ b [200]byte }\n"
            "ms := map[string]int{}\n"
            "mb := map[int]Big{}\n"
            "mi := map[int32]bool{1: true}\n"
            "t0 := time.Now()\n"
            "for i := 0; i < 10; i++ { ms[\"k\"] = i; _ = mb[i]; delete(mi, int32(i)) }\n"
            "fmt.Println(time.Since(t0).Nanoseconds())\n",
            &s) == std::to_string(10 * (7 + 3 + 5)) + "\n");
  // Instructions are folded in when time is read: two pure loops that
  // differ only in their trip count read times that differ by exactly
  // 2 ns per extra instruction.
  const CostTable ins = only({{CostKind::Instr, 2}});
  std::unique_ptr<sim::Simulation> k1, k2;
  auto unix_at_end = [&](int n, std::unique_ptr<sim::Simulation>& keep) {
    const std::string out = run("x := 0\nfor i := 0; i < " + std::to_string(n) +
                                    "; i++ { x += i }\nfmt.Println(x, time.Now().UnixNano())\n",
                                &ins, &keep);
    return std::stoull(out.substr(out.find(' ') + 1));
  };
  const std::uint64_t u1 = unix_at_end(1000, k1), u2 = unix_at_end(3000, k2);
  const std::uint64_t extra = k2->runtime().clock().count(CostKind::Instr) - k1->runtime().clock().count(CostKind::Instr);
  CHECK(extra > 2000 * 3);
  CHECK(u2 - u1 == 2 * extra);
}

TEST_CASE("the forced GC fires once two simulated minutes pass without a GC", "[cost]") {
  // An idle-ish loop (sleeping): sysmon's time trigger in background_work.
  std::unique_ptr<sim::Simulation> s;
  run("runtime.GC()\n"
      "for i := 0; i < 125; i++ { time.Sleep(time.Second) }\n"
      "var ms runtime.MemStats\n"
      "runtime.ReadMemStats(&ms)\n"
      "fmt.Println(ms.NumGC, ms.NumForcedGC)\n",
      nullptr, &s);
  CHECK(s->stdout_text() == "2 1\n");  // the time-triggered cycle is not user-forced
  int timed = 0;
  for (const auto& e : s->events().events())
    if (e.kind == EventKind::GcStart && e.a1 == static_cast<std::uint64_t>(GcTriggerKind::Time)) ++timed;
  CHECK(timed == 1);
  // A busy loop: sysmon's check at statement boundaries while the mutator
  // runs (here each instruction costs 1 ms, so 2 minutes pass within a
  // few hundred thousand instructions).
  const CostTable slow = only({{CostKind::Instr, 1000000}});
  run("runtime.GC()\n"
      "x := 0\n"
      "for i := 0; i < 40000; i++ { x += i }\n"
      "var ms runtime.MemStats\n"
      "runtime.ReadMemStats(&ms)\n"
      "fmt.Println(ms.NumGC - 1 > 0, x > 0)\n",
      &slow, &s);
  CHECK(s->stdout_text() == "true true\n");
  const std::uint32_t forced_by_time = s->runtime().num_gc() - 1;
  // 40000 iterations of a few instructions at 1 ms: one forced cycle per 2 minutes.
  const std::uint64_t minutes2 = (s->runtime().nanotime() - 1) / kForceGcPeriodNs;
  CHECK(forced_by_time == minutes2);
  // GOGC=off disables it.
  run("debug.SetGCPercent(-1)\nruntime.GC()\nfor i := 0; i < 200; i++ { time.Sleep(time.Second) }\n"
      "var ms runtime.MemStats\nruntime.ReadMemStats(&ms)\nfmt.Println(ms.NumGC)\n",
      nullptr, &s);
  CHECK(s->stdout_text() == "1\n");
}

TEST_CASE("runs are deterministic: same source and config, same clock, stepped or not", "[cost]") {
  const std::string src = testing::slurp(std::string(BUCKETLAB_SOURCE_DIR) + "/examples/churn_users.go");
  sim::SimConfig c;
  auto a = sim::load(src, c), b = sim::load(src, c), stepped = sim::load(src, c);
  REQUIRE(a.sim);
  a.sim->run();
  b.sim->run();
  while (stepped.sim->state() == sim::RunState::Ready) stepped.sim->run(77777);
  REQUIRE(a.sim->state() == sim::RunState::Done);
  REQUIRE(stepped.sim->state() == sim::RunState::Done);
  CHECK(a.sim->runtime().nanotime() == b.sim->runtime().nanotime());
  CHECK(a.sim->runtime().nanotime() == stepped.sim->runtime().nanotime());
  CHECK(sim::modelled_json(*a.sim) == sim::modelled_json(*b.sim));
  CHECK(sim::modelled_json(*a.sim) == sim::modelled_json(*stepped.sim));
  // The samples' time axis is the same clock.
  REQUIRE(!a.sim->samples().empty());
  CHECK(a.sim->samples().back().nanotime <= a.sim->runtime().nanotime());
  for (std::size_t i = 1; i < a.sim->samples().size(); ++i)
    CHECK(a.sim->samples()[i].nanotime >= a.sim->samples()[i - 1].nanotime);
}

TEST_CASE("time adds no GC decision: the same cycles with a still clock or the calibrated one", "[cost]") {
  // Only the time-triggered cycle and the scavenger's pace depend on time;
  // a short run's GCs and heap are the same whatever the prices.
  const std::string src = testing::slurp(std::string(BUCKETLAB_SOURCE_DIR) + "/examples/gogc_memlimit.go");
  const CostTable zero = CostTable::zero();
  std::unique_ptr<sim::Simulation> timed, still;
  const std::string out1 = run(src, nullptr, &timed);
  const std::string out2 = run(src, &zero, &still);
  CHECK(out1 == out2);
  CHECK(sim::memstats_json(timed->memstats()) == sim::memstats_json(still->memstats()));
  CHECK(still->runtime().nanotime() == 1);
  CHECK(timed->runtime().nanotime() > 1000000);
}

TEST_CASE("page faults: the first write to fresh or released memory, once per 4 KiB page", "[cost]") {
  // Fresh heap memory is not backed until written (sysMap); a large object
  // mallocgc need not zero is untouched until the program writes it; the
  // scavenger's release (MADV_DONTNEED) makes pages fault again.
  Runtime rt;
  TestRoots roots;
  rt.add_root_source(&roots);
  CostClock& c = rt.clock();
  const Addr big = rt.mallocgc(1 << 20, nullptr, false);  // 256 physical pages, untouched
  roots.ptrs.push_back(big);
  std::uint64_t f0 = c.count(CostKind::PageFault);
  CHECK(f0 == 0);
  rt.store_u64(big, 1);
  rt.store_u64(big + 8, 1);  // the same page: no second fault
  CHECK(c.count(CostKind::PageFault) == 1);
  std::vector<std::uint8_t> buf(40000, 7);
  rt.write_bytes(big + 4096 * 10 + 100, buf.data(), buf.size());  // pages 10..19 (40000 bytes from offset 100)
  CHECK(c.count(CostKind::PageFault) == 1 + 10);
  rt.memclr(big, 1 << 20);  // the remaining 245 pages
  CHECK(c.count(CostKind::PageFault) == 256);
  // Released by FreeOSMemory, then reused: the pages fault again.
  roots.ptrs.clear();
  rt.free_os_memory();
  REQUIRE(rt.read_mem_stats().HeapReleased >= (1u << 20));
  const Addr again = rt.mallocgc(1 << 20, nullptr, false);
  REQUIRE(again == big);
  f0 = c.count(CostKind::PageFault);
  rt.memclr(again, 1 << 20);
  CHECK(c.count(CostKind::PageFault) - f0 == 256);
  rt.check_invariants();
  rt.remove_root_source(&roots);
}
