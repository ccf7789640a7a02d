// bucketlab: the command line over the core (cli/ holds no simulation logic).
//
//   bucketlab check FILE [--go 1.19|1.26] [--impl classic|swiss]
//
// Exit codes: 0 success, 1 workload error (messages FILE:line:col on
// stderr), 2 usage error. FILE "-" reads standard input.
// `run` and `vs-go` arrive with the interpreter (issue 4); until then they
// are refused as usage errors rather than pretending to work.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/lang/front.h"
#include "core/sim/report.h"
#include "core/sim/simulation.h"
#include "cli/go_reference.h"
#include "core/runtime/runtime.h"

namespace {

using bucketlab::runtime::GoVersion;

int usage(const std::string& why) {
  if (!why.empty()) std::cerr << "bucketlab: " << why << "\n";
  std::cerr << "usage: bucketlab run FILE [--json] [--csv FILE] [--cost-checkpoints FILE] [--go 1.19|1.26] [--impl classic|swiss] [--gogc N]\n"
               "                     [--memlimit BYTES] [--seed N] [--hashkey K0,K1,K2,K3] [--hash0 H[,H...]] [--max-ops N]\n"
               "       bucketlab check FILE [--go 1.19|1.26]\n"
               "       bucketlab vs-go FILE   (needs /usr/lib/go-1.19/bin/go)\n"
               "  run     run a workload (a Go program or snippet) on the model; '-' reads stdin\n"
               "  check   parse and type-check only\n"
               "  vs-go   run under real Go 1.19 and on the model with Go's hash seeds; compare\n"
               "exit codes: 0 ok, 1 workload error, 2 usage error, 3 vs-go found differences\n";
  return 2;
}

bool read_all(const std::string& path, std::string& out) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    ss << in.rdbuf();
  }
  out = ss.str();
  return true;
}

struct Options {
  std::string file;
  GoVersion version = GoVersion::go1_19();
  // run
  bool json = false;
  std::string csv;
  std::string cost_checkpoints;  // FILE: cost counts at each time.Now/Since (bench/calibrate)
  bucketlab::sim::SimConfig sim;
};

bool parse_u64(const std::string& v, std::uint64_t& out) {
  if (v.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtoull(v.c_str(), &end, 0);
  return errno == 0 && *end == '\0' && v[0] != '-';
}
bool parse_i64(const std::string& v, std::int64_t& out) {
  if (v.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtoll(v.c_str(), &end, 0);
  return errno == 0 && *end == '\0';
}
std::vector<std::string> split(const std::string& s, char c) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == c) { out.push_back(cur); cur.clear(); } else cur += ch;
  }
  out.push_back(cur);
  return out;
}

// Parses FILE and flags; returns an error message or "".
std::string parse_args(const std::vector<std::string>& args, Options& o) {
  bool version_set = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& v) -> bool {
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    std::string v;
    if (a == "--go") {
      if (!value(v)) return "--go needs a version";
      if (v == "1.19")
        o.version = GoVersion::go1_19();
      else if (v == "1.26")
        o.version = GoVersion::go1_26();
      else
        return "--go: unsupported version " + v + " (modelled: 1.19, 1.26)";
      version_set = true;
    } else if (a == "--impl") {
      if (!value(v)) return "--impl needs classic or swiss";
      if (v != "classic" && v != "swiss") return "--impl: expected classic or swiss, got " + v;
      const GoVersion want = v == "classic" ? GoVersion::go1_19() : GoVersion::go1_26();
      if (version_set && o.version.swiss_maps() != want.swiss_maps()) return "--impl " + v + " contradicts --go";
      o.version = want;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--csv") {
      if (!value(o.csv)) return "--csv needs a FILE";
    } else if (a == "--cost-checkpoints") {
      if (!value(o.cost_checkpoints)) return "--cost-checkpoints needs a FILE";
      o.sim.cost_checkpoints = true;
    } else if (a == "--gogc") {
      std::int64_t n;
      if (!value(v) || !parse_i64(v, n) || n < -1 || n > INT32_MAX) return "--gogc needs an integer (-1 = off)";
      o.sim.gogc = static_cast<std::int32_t>(n);
    } else if (a == "--memlimit") {
      std::int64_t n;
      if (!value(v) || !parse_i64(v, n) || n < 0) return "--memlimit needs a byte count";
      o.sim.memory_limit = n;
    } else if (a == "--seed") {
      if (!value(v) || !parse_u64(v, o.sim.seed)) return "--seed needs an unsigned integer";
    } else if (a == "--max-ops") {
      if (!value(v) || !parse_u64(v, o.sim.budgets.max_ops) || o.sim.budgets.max_ops == 0) return "--max-ops needs a positive integer";
    } else if (a == "--hashkey") {
      if (!value(v)) return "--hashkey needs K0,K1,K2,K3";
      auto parts = split(v, ',');
      if (parts.size() != 4) return "--hashkey needs four comma-separated values";
      for (int k = 0; k < 4; ++k)
        if (!parse_u64(parts[k], o.sim.hash_seeds.hashkey[k])) return "--hashkey: bad value " + parts[k];
      o.sim.hash_seeds.has_hashkey = true;
    } else if (a == "--hash0") {
      if (!value(v)) return "--hash0 needs H[,H...]";
      for (auto& p : split(v, ',')) {
        std::uint64_t h;
        if (!parse_u64(p, h)) return "--hash0: bad value " + p;
        o.sim.hash_seeds.map_seeds.push_back(h);
      }
    } else if (a.size() > 1 && a[0] == '-') {
      return "unknown flag " + a;
    } else if (o.file.empty()) {
      o.file = a;
    } else {
      return "more than one FILE";
    }
  }
  if (o.file.empty()) return "missing FILE";
  return "";
}

int cmd_run(const std::vector<std::string>& args) {
  Options o;
  if (std::string err = parse_args(args, o); !err.empty()) return usage("run: " + err);
  std::string src;
  if (!read_all(o.file, src)) {
    std::cerr << "bucketlab: cannot read " << o.file << "\n";
    return 2;
  }
  const std::string name = o.file == "-" ? "<stdin>" : o.file;
  o.sim.version = o.version;
  auto lr = bucketlab::sim::load(src, o.sim);
  if (!lr.sim) {
    for (const auto& d : lr.diagnostics) std::cerr << name << ":" << d.str() << "\n";
    return 1;
  }
  auto& sim = *lr.sim;
  sim.run();
  using bucketlab::sim::RunState;
  const bool failed = sim.state() != RunState::Done;
  if (!o.csv.empty()) {
    std::ofstream f(o.csv);
    f << bucketlab::sim::samples_csv(sim.samples());
    if (!f) {
      std::cerr << "bucketlab: cannot write " << o.csv << "\n";
      return 2;
    }
  }
  if (!o.cost_checkpoints.empty()) {
    std::ofstream f(o.cost_checkpoints);
    f << bucketlab::sim::cost_checkpoints_json(sim);
    if (!f) {
      std::cerr << "bucketlab: cannot write " << o.cost_checkpoints << "\n";
      return 2;
    }
  }
  if (o.json) {
    std::cout << bucketlab::sim::report_json(sim);
  } else {
    std::cout << sim.stdout_text();
    std::cout.flush();
    std::cerr << sim.stderr_text() << bucketlab::sim::summary_text(sim);
  }
  if (failed) {
    std::cerr << sim.error() << "\n";
    if (sim.error_position().line) std::cerr << "\t" << name << ":" << sim.error_position().line << ":" << sim.error_position().col << "\n";
    return sim.state() == RunState::Panicked ? 1 : 1;
  }
  return 0;
}

// vs-go: the same workload under real Go 1.19 (AES hash off, seeds read back)
// and in the model pinned to those seeds; prints both. Exit 0 when every live
// map's structure matches exactly, Mallocs and TotalAlloc are within 2% (or
// Go's run-to-run spread) and the live HeapObjects and HeapAlloc after a
// final runtime.GC() within Go's noise (R34); 3 when they differ.
int cmd_vs_go(const std::vector<std::string>& args) {
  Options o;
  if (std::string err = parse_args(args, o); !err.empty()) return usage("vs-go: " + err);
  if (o.version.minor != 19) return usage("vs-go: only --go 1.19 is compared (Swiss maps are not modelled yet)");
  std::string src;
  if (!read_all(o.file, src)) {
    std::cerr << "bucketlab: cannot read " << o.file << "\n";
    return 2;
  }
  std::string why;
  auto ref = bucketlab::cli::run_under_go(src, why);
  if (!ref) {
    std::cerr << "bucketlab vs-go: " << why << "\n";
    return 1;
  }
  o.sim.version = o.version;
  // Pins the model to the seeds one Go run drew.
  auto pinned = [&](const bucketlab::cli::GoRunSeeds& seeds) {
    bucketlab::sim::SimConfig so = o.sim;
    so.hash_seeds.has_hashkey = true;
    for (int k = 0; k < 4; ++k) so.hash_seeds.hashkey[k] = seeds.hashkey[k];
    so.hash_seeds.map_seeds.clear();
    so.hash_seeds.map_reseeds.clear();
    for (std::size_t i = 0; i < seeds.maps.size(); ++i) {
      const auto& m = seeds.maps[i];
      so.hash_seeds.map_seeds.push_back(m.hash0_at_make);
      // Go reseeded (a delete emptied the map, or clear): replay its final hash0.
      if (m.hash0_final != m.hash0_at_make && !m.superseded && m.frame_live) so.hash_seeds.map_reseeds[i] = m.hash0_final;
    }
    return so;
  };
  o.sim = pinned(ref->repeat_seeds.front());  // the report's own run (run_under_go always lists it first)
  auto lr = bucketlab::sim::load(src, o.sim);
  if (!lr.sim) {
    for (const auto& d : lr.diagnostics) std::cerr << o.file << ":" << d.str() << "\n";
    return 1;
  }
  auto& sim = *lr.sim;
  sim.run();
  if (sim.state() != bucketlab::sim::RunState::Done) {
    std::cerr << sim.error() << "\n";
    return 1;
  }
  const auto maps = sim.maps();
  bool same = true;
  std::printf("%-34s %16s %16s\n", "", "real Go 1.19", "model");
  for (std::size_t i = 0; i < maps.size() && i < ref->maps.size(); ++i) {
    const auto& m = maps[i];
    const auto& g = ref->maps[i];
    const std::string label = m.name + " " + m.type;
    // A live map with entries has a non-zero tophash byte in its main array
    // (emptyRest = 0 marks only the empty tail): all zeros means Go already
    // collected its buckets, a map the model's scope-based liveness still
    // holds (docs/deviations.md R28).
    const bool go_freed = g.freed || (g.count > 0 && !g.tophash.empty() &&
                                      std::all_of(g.tophash.begin(), g.tophash.end(), [](std::uint8_t t) { return t == 0; }));
    if (!m.alive || g.superseded || !g.frame_live || go_freed) {
      std::printf("%-34s %16s %16s (not compared)\n", label.c_str(),
                  g.superseded || !g.frame_live || go_freed ? "collected" : "live", m.alive ? "live" : "collected");
      continue;
    }
    // Bucket-exact: every tophash byte of the main array and every overflow chain's length.
    const auto snap = sim.inspect_map(i, 0, UINT64_MAX);
    std::vector<std::uint8_t> tophash;
    std::vector<std::uint32_t> chains;
    for (const auto& ch : snap.new_chains) {
      if (ch.chain.empty()) continue;
      tophash.insert(tophash.end(), ch.chain[0].tophash.begin(), ch.chain[0].tophash.end());
      chains.push_back(static_cast<std::uint32_t>(ch.chain.size() - 1));
    }
    const bool header = g.count == m.count && g.B == m.B && g.noverflow == m.noverflow && g.hash0_final == m.hash0 &&
                        g.growing == m.growing && (!g.growing || g.nevacuate == m.nevacuate);
    const bool buckets = tophash == g.tophash && chains == g.chain_len;
    same = same && header && buckets;
    std::printf("%-34s count %lld/%lld B %u/%u noverflow %u/%llu hash0 %s buckets %s%s\n", label.c_str(),
                static_cast<long long>(g.count), static_cast<long long>(m.count), g.B, m.B, g.noverflow,
                static_cast<unsigned long long>(m.noverflow), g.hash0_final == m.hash0 ? "same" : "DIFFERENT",
                buckets ? "identical" : "DIFFERENT", header && buckets ? "" : "  <-- differs");
    if (!buckets) {
      // the first bucket that differs, as a starting point for a diagnosis
      const std::size_t nb = std::max(chains.size(), g.chain_len.size());
      for (std::size_t b = 0; b < nb; ++b) {
        auto th = [&](const std::vector<std::uint8_t>& v) {
          std::string o;
          char x[4];
          for (std::size_t k = 8 * b; k < 8 * b + 8 && k < v.size(); ++k) { std::snprintf(x, sizeof x, "%02x ", v[k]); o += x; }
          return o;
        };
        const std::uint32_t gc = b < g.chain_len.size() ? g.chain_len[b] : 0, mc = b < chains.size() ? chains[b] : 0;
        if (th(g.tophash) != th(tophash) || gc != mc) {
          std::printf("    first differing bucket %zu: Go tophash %s+%u overflow; model %s+%u overflow\n", b,
                      th(g.tophash).c_str(), gc, th(tophash).c_str(), mc);
          break;
        }
      }
    }
  }
  // MemStats. Cumulative counters are deltas from the start of main (Go's
  // runtime and packages allocate before main); live figures after the final
  // runtime.GC() have the live heap of the same program doing nothing
  // subtracted (its range over kBaselineRuns runs is the tolerance's floor).
  // As the Go side's report: ReadMemStats (which flushes the mcache, dropping
  // the tiny block), runtime.GC(), ReadMemStats.
  //
  // Every Go run draws its own seeds, and the figures depend on them (a
  // map's overflow buckets do: hint_vs_nohint's Mallocs range over ±30
  // between runs), so the model runs once per Go run, pinned to that run's
  // seeds, and each row is the median over the runs of (model - Go).
  auto final_stats = [](bucketlab::sim::Simulation& s) {
    s.runtime().read_mem_stats();
    s.runtime().gc();
    return s.runtime().read_mem_stats();
  };
  std::vector<bucketlab::runtime::MemStats> model_runs{final_stats(sim)};
  for (std::size_t i = 1; i < ref->repeat_seeds.size(); ++i) {
    auto again = bucketlab::sim::load(src, pinned(ref->repeat_seeds[i]));
    if (!again.sim) return 1;  // the same source loaded above
    again.sim->run();
    if (again.sim->state() != bucketlab::sim::RunState::Done) {
      std::cerr << "with the seeds of Go's run " << i + 1 << ": " << again.sim->error() << "\n";
      return 1;
    }
    model_runs.push_back(final_stats(*again.sim));
  }
  const auto& ms = model_runs.front();
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
  };
  auto range = [](const std::vector<double>& v) {
    return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end());
  };
  // Cumulative figures: within 2% of Go, or Go's own run-to-run noise (the
  // range of model - Go over the runs) if larger: now and then a Go 1.19
  // cycle starts an M (m, g0, gsignal: 3 objects, 1856 B; deviation R30),
  // which is 5% of a workload that allocates 60 objects.
  auto delta_row = [&](const char* name, const std::vector<double>& go, const std::vector<double>& model) {
    std::vector<double> d;
    for (std::size_t i = 0; i < go.size() && i < model.size(); ++i) d.push_back(model[i] - go[i]);
    const double go_med = median(go), diff = median(d), noise = range(d);
    const double rel = go_med != 0 ? diff / go_med : (diff != 0 ? 1.0 : 0.0);
    const bool ok = std::abs(diff) <= std::max(0.02 * go_med, noise);
    same = same && ok;
    char gs[48];
    if (noise > 0.02 * go_med)
      std::snprintf(gs, sizeof gs, "%.0f ±%.0f", go.front(), noise);
    else
      std::snprintf(gs, sizeof gs, "%.0f", go.front());
    std::printf("%-34s %16s %16.0f %+8.2f%%%s\n", name, gs, model.front(), 100 * rel,
                ok ? "" : "  <-- over 2% and Go's noise");
  };
  // Live figures: Go's workload share is after-GC minus the do-nothing
  // baseline (its median); Go's run-to-run noise (the range of model - Go
  // over the runs, plus the baseline's range) is the tolerance, with a floor:
  // Go's own live heap after a GC moves by a few runtime-internal objects
  // between runs (measured: up to ±6 objects, e.g. string_keys from -1 to 5
  // in 18 runs, and a ~1.9 KB object present in some runs and not others;
  // docs/deviations.md R34), far above 2% of a few live objects.
  bucketlab::runtime::MemStats mbase;
  {
    // The model's share likewise: minus the same do-nothing program in the
    // model (the runtime's own objects, e.g. the GC's worker goroutine). Go's
    // baseline is the workload's own binary, so package os is initialised in
    // it exactly when it is in the workload (one goroutine more in allgs).
    const char* do_nothing = sim.runtime().os_initialized()
                                 ? "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tif false {\n\t\tfmt.Print()\n\t}\n}\n"
                                 : "package main\n\nfunc main() {}\n";
    auto empty = bucketlab::sim::load(do_nothing, o.sim);
    empty.sim->run();
    mbase = final_stats(*empty.sim);
  }
  auto live_row = [&](const char* name, const std::vector<double>& go_after, const std::vector<double>& base,
                      const std::vector<double>& model_after, double model_base) {
    const double base_med = median(base);
    std::vector<double> go, d;
    for (double g : go_after) go.push_back(g - base_med);
    for (std::size_t i = 0; i < go.size() && i < model_after.size(); ++i) d.push_back((model_after[i] - model_base) - go[i]);
    const double floor = std::string(name).find("Objects") != std::string::npos ? 6 : 4096;
    const double diff = median(d);
    const double tol = std::max({range(d) + range(base), 0.02 * std::abs(median(go)), floor});
    const bool ok = std::abs(diff) <= tol;
    same = same && ok;
    char gs[48];
    std::snprintf(gs, sizeof gs, "%.0f ±%.0f", go.front(), tol);
    std::printf("%-34s %16s %16.0f %s\n", name, gs, model_after.front() - model_base, ok ? "" : " <-- differs");
  };
  std::vector<double> go_mallocs, go_total, go_objects, go_alloc, base_objects, base_alloc;
  for (std::size_t i = 0; i < ref->repeat_after_gc.size() && i < ref->repeat_at_start.size(); ++i) {
    go_mallocs.push_back(static_cast<double>(ref->repeat_after_gc[i].Mallocs - ref->repeat_at_start[i].Mallocs));
    go_total.push_back(static_cast<double>(ref->repeat_after_gc[i].TotalAlloc - ref->repeat_at_start[i].TotalAlloc));
    go_objects.push_back(static_cast<double>(ref->repeat_after_gc[i].HeapObjects));
    go_alloc.push_back(static_cast<double>(ref->repeat_after_gc[i].HeapAlloc));
  }
  for (const auto& b : ref->baseline_after_gc) {
    base_objects.push_back(static_cast<double>(b.HeapObjects));
    base_alloc.push_back(static_cast<double>(b.HeapAlloc));
  }
  std::vector<double> m_mallocs, m_total, m_objects, m_alloc;
  for (const auto& m : model_runs) {
    m_mallocs.push_back(static_cast<double>(m.Mallocs));
    m_total.push_back(static_cast<double>(m.TotalAlloc));
    m_objects.push_back(static_cast<double>(m.HeapObjects));
    m_alloc.push_back(static_cast<double>(m.HeapAlloc));
  }
  std::printf("since main started, after a final runtime.GC() (Go's first run and the model with its seeds; %%: the\n"
              "median over %zu runs of model - Go, each run's model pinned to that run's seeds):\n",
              model_runs.size());
  delta_row("Mallocs", go_mallocs, m_mallocs);
  delta_row("TotalAlloc", go_total, m_total);
  live_row("HeapObjects (live)", go_objects, base_objects, m_objects, static_cast<double>(mbase.HeapObjects));
  live_row("HeapAlloc (live)", go_alloc, base_alloc, m_alloc, static_cast<double>(mbase.HeapAlloc));
  const auto& gs = ref->at_start;
  const auto& ga = ref->after_gc;
  std::printf("%-34s %16u %16u\n", "NumGC (not compared)", ga.NumGC - gs.NumGC, ms.NumGC);
  if (ref->stdout_text == sim.stdout_text()) {
    std::printf("stdout identical\n");
  } else {
    // Workloads that print MemStats print different numbers; show where.
    std::istringstream a(ref->stdout_text), b(sim.stdout_text());
    std::string la, lb;
    int n = 0;
    while (true) {
      const bool ea = !std::getline(a, la), eb = !std::getline(b, lb);
      ++n;
      if (ea && eb) break;
      if (ea != eb || la != lb) {
        std::printf("stdout differs from line %d:\n  Go:    %s\n  model: %s\n", n, la.c_str(), lb.c_str());
        break;
      }
    }
  }
  return same ? 0 : 3;
}

int cmd_check(const std::vector<std::string>& args) {
  Options o;
  if (std::string err = parse_args(args, o); !err.empty()) return usage("check: " + err);
  std::string src;
  if (!read_all(o.file, src)) {
    std::cerr << "bucketlab: cannot read " << o.file << "\n";
    return 2;
  }
  const auto r = bucketlab::lang::compile_front(src, o.version);
  const std::string name = o.file == "-" ? "<stdin>" : o.file;
  for (const auto& d : r.diagnostics) std::cerr << name << ":" << d.str() << "\n";
  return r.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage("");
  const std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "check") return cmd_check(args);
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    usage("");
    return 0;
  }
  if (cmd == "run") return cmd_run(args);
  if (cmd == "vs-go") return cmd_vs_go(args);
  return usage("unknown command " + cmd);
}
