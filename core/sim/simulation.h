// The Simulation: one workload running on one modelled Go process.
//
// It ties the layers together: the front end (core/lang) checks the
// source, the compiler turns it into bytecode, the interpreter runs it on
// the runtime (core/runtime) and the maps (core/maps). The simulation
// samples counters, keeps the event log, and answers inspection queries.
// It is what the CLI, the wasm bindings and the tests drive; neither of
// those holds simulation logic.
//
// Deterministic: the same source and SimConfig give the same run,
// natively and in wasm (no host clock or host randomness is read, except
// the wall-time budget, which can only stop a run, never change it).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/event.h"
#include "core/lang/diagnostics.h"
#include "core/maps/map_api.h"
#include "core/runtime/go_version.h"
#include "core/runtime/heap_snapshot.h"
#include "core/runtime/fragmentation.h"
#include "core/runtime/memstats.h"

namespace bucketlab::runtime { class Runtime; struct CostTable; }
namespace bucketlab::lang { class Interp; struct CheckedProgram; struct Program; }

namespace bucketlab::sim {

class SnapshotStore;

struct Budgets {
  std::uint64_t max_ops = 2'000'000'000;     // interpreter instructions
  std::uint64_t max_heap_bytes = 1ull << 30;  // simulated HeapSys cap ("out of memory")
  std::uint64_t max_wall_ms = 0;              // 0: none (the CLI sets none; the page does)
  std::uint64_t max_output_bytes = 1 << 20;   // captured stdout
  std::uint32_t max_stack_bytes = 64u << 20;  // interpreter frames ("stack overflow")
};

struct SimConfig {
  runtime::GoVersion version = runtime::GoVersion::go1_19();  // selects classic vs swiss maps
  std::int32_t gogc = 100;
  std::int64_t memory_limit = INT64_MAX;
  std::uint64_t seed = 1;      // the simulation's RNG: hash seeds (unless pinned), math/rand default source
  maps::HashSeeds hash_seeds;  // pinned runtime.hashkey / per-map seeds (creation order)
  Budgets budgets;
  std::uint64_t sample_every_ops = 4096;  // map operations + allocations between samples
  std::size_t max_samples = 4096;         // bounded: halves resolution when full
  std::size_t max_snapshots = 128;        // retained heap snapshots (snapshots.h), thinned when full
  std::uint64_t max_snapshot_bytes = 48ull << 20;  // and their byte bound (an eighth of it for map heat rows)
  // The cost model's prices (core/runtime/cost_model.h); null: the
  // calibrated table. Tests pass their own to check accounting rules.
  const runtime::CostTable* costs = nullptr;
  bool cost_checkpoints = false;  // record the cost counts at each time.Now/Since (calibration)
};

// One row of the sampled time series.
struct Sample {
  std::uint64_t ops = 0;        // interpreter instructions executed so far
  std::uint64_t map_ops = 0;    // map operations so far
  std::uint64_t nanotime = 0;   // simulated clock
  std::uint64_t HeapAlloc = 0, HeapInuse = 0, HeapIdle = 0, HeapReleased = 0, HeapSys = 0;
  std::uint64_t NextGC = 0, Mallocs = 0, Frees = 0, HeapObjects = 0, TotalAlloc = 0;
  std::uint32_t NumGC = 0;
  double fragmentation = 0;     // 1 - HeapAlloc/HeapInuse
  std::uint8_t reason = 0;      // 0 periodic, 1 GC start, 2 GC end, 3 final
};

// Evacuation: classic maps stop after the next evacuated old bucket; Swiss
// maps, which grow a table whole inside one assignment, after the next
// table grow or split.
enum class StepKind : std::uint8_t { Statement, MapOp, Evacuation, GcCycle };

enum class RunState : std::uint8_t {
  Ready,    // loaded, not started or paused at a step boundary
  Done,     // main returned
  Panicked, // a Go panic or fatal error ended the run (error() says which)
  Stopped,  // a budget stopped the run (error() says which)
};

struct Position { std::uint32_t line = 0, col = 0; };

// What a run/step call returns.
struct RunResult {
  RunState state = RunState::Ready;
  bool step_reached = false;   // step(): the requested boundary was reached
  Position pos;                // the statement about to execute (Ready) or where it ended
};

// A map the workload created, as the summary and --json report it.
struct MapSummary {
  std::size_t id = 0;          // creation order
  std::string name;            // the variable it was first assigned to, or "map#id"
  std::string impl;            // "classic" | "swiss"
  std::string type;            // "map[string]*main.User"
  bool alive = true;           // false once collected
  std::uint64_t hash0 = 0;
  std::int64_t count = 0;
  std::uint32_t B = 0;
  std::uint64_t noverflow = 0;
  bool growing = false;
  std::uint64_t nevacuate = 0;
  std::uint64_t buckets = 0;   // number of buckets (1 << B)
  std::uint64_t overflow_buckets = 0;  // counted in the chains
  // Swiss maps (hash0 holds the seed; classic fields stay 0):
  std::int64_t dir_len = 0;        // 0: small map (one group) or no storage yet
  std::uint32_t global_depth = 0;
  std::uint64_t tables = 0;        // distinct tables
  std::uint64_t capacity = 0;      // slots over all tables (8 for a small map)
  std::uint64_t tombstones = 0;
};

class Simulation {
 public:
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Runs until the workload ends, a budget stops it, or max_ops more
  // instructions have executed (then state Ready: call again to continue).
  RunResult run(std::uint64_t max_ops = UINT64_MAX);
  // Runs until the next boundary of the given kind (or the end).
  RunResult step(StepKind kind);

  RunState state() const;
  // The panic / fatal / budget message as Go prints it, e.g.
  // "panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n\tprog.go:3:5"
  // is shortened to "panic: assignment to entry in nil map" and position().
  const std::string& error() const;
  Position error_position() const;

  const std::string& stdout_text() const;   // what fmt.Print* wrote (os.Stdout)
  const std::string& stderr_text() const;   // what print/println wrote (os.Stderr)
  runtime::MemStats memstats();             // runtime.ReadMemStats semantics, without its side effect on the mcache
  runtime::Fragmentation fragmentation() const;
  runtime::HeapSnapshot inspect_heap() const;
  const std::vector<Sample>& samples() const;
  // Increments each time the sample buffer halves its resolution (earlier
  // rows were dropped): a reader that fetched rows incrementally refetches.
  std::uint64_t sample_epoch() const;
  const EventLog& events() const;
  // Heap + map snapshots kept at GC start/end and map grow start/finish.
  const SnapshotStore& snapshots() const;
  std::vector<MapSummary> maps() const;
  maps::ClassicMapSnapshot inspect_map(std::size_t id, std::uint64_t first_bucket = 0,
                                       std::uint64_t max_buckets = 4096) const;
  // A Swiss map (Go >= 1.24): directory, tables [first_table, +max_tables), groups.
  maps::SwissMapSnapshot inspect_swiss(std::size_t id, std::uint64_t first_table = 0, std::uint64_t max_tables = 64,
                                       bool groups = true) const;
  // The flat (typed-array) form of inspect_map / inspect_swiss without key
  // text, and one slot's text (Maps::inspect_flat / inspect_slot).
  void inspect_flat(std::size_t id, std::uint64_t first, std::uint64_t max, maps::FlatMapSnapshot& out) const;
  maps::SlotView inspect_slot(std::size_t id, int array, std::uint64_t index, std::uint64_t chain, int slot) const;
  // The map view: a per-bucket / per-group summary (heat map of big maps)
  // and where the last evacuation of a classic map moved its entries.
  maps::MapHeat map_heat(std::size_t id) const;
  maps::EvacuationView last_evacuation(std::size_t id) const;
  std::uint64_t ops() const;       // instructions executed
  std::uint64_t map_ops() const;   // map operations executed
  std::uint64_t hashkey(int i) const;  // the runtime.hashkey in use
  const SimConfig& config() const;

  runtime::Runtime& runtime();
  void check_invariants() const;

 private:
  friend struct LoadResult load(std::string_view, const SimConfig&);
  Simulation();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct LoadResult {
  std::unique_ptr<Simulation> sim;              // null iff errors
  std::vector<lang::Diagnostic> diagnostics;    // compile errors, "line:col: msg"
};

// Checks and compiles the workload (a program or a snippet); never throws.
LoadResult load(std::string_view source, const SimConfig& config);

}  // namespace bucketlab::sim
