// The Simulation: front end → compiler → interpreter on one Runtime + Maps.
#include "core/sim/simulation.h"

#include <algorithm>
#include <chrono>

#include "core/lang/compile.h"
#include "core/lang/front.h"
#include "core/lang/interp.h"
#include "core/runtime/runtime.h"
#include "core/sim/snapshots.h"

namespace bucketlab::sim {

namespace {
Position to_pos(lang::Pos p) { return Position{p.line, p.col}; }
}  // namespace

struct Simulation::Impl {
  SimConfig config;
  std::unique_ptr<runtime::Runtime> rt;
  std::unique_ptr<maps::Maps> maps;
  std::unique_ptr<lang::CheckedProgram> checked;
  std::unique_ptr<lang::Program> program;
  std::unique_ptr<lang::Interp> interp;
  std::vector<Sample> samples;
  std::uint64_t sample_epoch = 0;      // times the buffer halved its resolution
  std::uint64_t sample_stride = 0;     // ops between periodic samples (grows when the buffer halves)
  std::uint64_t next_sample_ops = 0;
  std::uint32_t last_num_gc = 0;
  RunState state = RunState::Ready;
  std::string error;
  Position error_pos;
  // Host wall time spent in run/step so far: only the wall-time budget reads
  // it, and it can only stop a run, never change what the run computes.
  std::chrono::steady_clock::duration wall{};
  bool wrapped = false;
  lang::WrappedSnippet wrap;
  SnapshotStore snapshots;

  // EventLog listener: retains a snapshot at the moments snapshots.h names.
  // Reads only (heap_snapshot and the map summaries are const), so the run
  // is the same with or without it.
  static void on_event(void* ctx, const Event& e) { static_cast<Impl*>(ctx)->retain(e); }
  void retain(const Event& e) {
    const auto reason = SnapshotStore::reason_for(e.kind);
    if (!reason || !interp) return;
    if (!snapshots.wants(interp->ops())) { snapshots.skip(); return; }
    RetainedSnapshot s;
    s.reason = *reason;
    s.subject = e.a0;
    s.ops = interp->ops();
    s.nanotime = rt->nanotime();
    s.num_gc = rt->num_gc();
    const runtime::HeapSnapshot h = rt->heap_snapshot(false);
    s.pages.reserve(h.pages.size());
    for (auto p : h.pages) s.pages.push_back(static_cast<std::uint8_t>(p));
    runtime::span_rows(h, s.spans);
    s.map_count = static_cast<std::uint32_t>(maps->count());
    s.maps = map_summaries(SnapshotStore::kMaxMaps);
    // The map view's rows too, while they fit the per-snapshot budget (a
    // map whose rows do not fit is skipped; a smaller later one may fit).
    // A small map keeps its slot grid too (no hashes), under its own budget.
    std::uint64_t heat_bytes = 0, flat_bytes = 0;
    maps::FlatMapSnapshot flat_scratch;  // a small map's live grid, kept without its hashes
    for (const MapSummary& m : s.maps) {
      if (!m.alive) continue;
      RetainedSnapshot::Heat h{static_cast<std::uint32_t>(m.id), maps->heat(m.id)};
      if (SnapshotStore::keeps_flat(h.heat)) {
        maps->inspect_flat(m.id, 0, h.heat.swiss ? SnapshotStore::kFlatMaxGroups : SnapshotStore::kFlatMaxBuckets, flat_scratch,
                             /*hashes=*/false);
        RetainedSnapshot::Flat f = RetainedSnapshot::Flat::keep(static_cast<std::uint32_t>(m.id), flat_scratch);
        if (flat_bytes + f.bytes() <= snapshots.flat_budget()) {
          flat_bytes += f.bytes();
          s.flats.push_back(std::move(f));
        }
      }
      const std::uint64_t b = h.bytes();
      if (heat_bytes + b > snapshots.heat_budget()) continue;
      heat_bytes += b;
      s.heats.push_back(std::move(h));
    }
    snapshots.add(std::move(s));
  }

  std::vector<MapSummary> map_summaries(std::size_t max) const;

  lang::RunLimits limits() const {
    lang::RunLimits lim;
    lim.max_stack_bytes = config.budgets.max_stack_bytes;
    lim.max_output_bytes = config.budgets.max_output_bytes;
    return lim;
  }
  // After one interpreter run: samples a finished GC cycle, and records how
  // the run ended. Returns true when the workload cannot continue.
  // `detect_gc`: whether to look for a finished GC cycle now. run() looks
  // only at sample points (absolute multiples of the stride), so a run cut
  // into slices samples exactly as one uninterrupted run does.
  bool finished(lang::Stop st, bool detect_gc = true) {
    if ((detect_gc || st != lang::Stop::Paused) && rt->num_gc() != last_num_gc) { last_num_gc = rt->num_gc(); sample(2); }
    if (st == lang::Stop::Done) state = RunState::Done;
    else if (st == lang::Stop::Panicked) {
      state = RunState::Panicked;
      error = interp->message();
      error_pos = to_pos(interp->panic_pos());
    } else if (over_wall_budget()) {
      state = RunState::Stopped;
      error = "bucketlab: the workload exceeded its wall-time budget of " + std::to_string(config.budgets.max_wall_ms) + " ms";
      error_pos = to_pos(interp->pos());
    } else if (interp->ops() >= config.budgets.max_ops) {
      state = RunState::Stopped;
      error = "bucketlab: the workload exceeded its budget of " + std::to_string(config.budgets.max_ops) +
              " operations (raise it with --max-ops)";
      error_pos = to_pos(interp->pos());
    } else {
      return false;
    }
    sample(3);
    return true;
  }

  std::chrono::steady_clock::time_point call_start;
  bool over_wall_budget() const {
    if (config.budgets.max_wall_ms == 0) return false;
    const auto spent = wall + (std::chrono::steady_clock::now() - call_start);
    return std::chrono::duration_cast<std::chrono::milliseconds>(spent).count() >=
           static_cast<std::int64_t>(config.budgets.max_wall_ms);
  }
  // Brackets one run/step call for the wall-time budget.
  struct WallTimer {
    Impl& I;
    explicit WallTimer(Impl& i) : I(i) { I.call_start = std::chrono::steady_clock::now(); }
    ~WallTimer() { I.wall += std::chrono::steady_clock::now() - I.call_start; }
  };

  void periodic_sample() {
    sample(0);
    while (next_sample_ops <= interp->ops()) next_sample_ops += sample_stride;
  }

  void sample(std::uint8_t reason) {
    const runtime::MemStats m = rt->observe_mem_stats();
    Sample s;
    s.ops = interp->ops();
    s.map_ops = interp->map_ops();
    s.nanotime = rt->nanotime();
    s.HeapAlloc = m.HeapAlloc; s.HeapInuse = m.HeapInuse; s.HeapIdle = m.HeapIdle; s.HeapReleased = m.HeapReleased;
    s.HeapSys = m.HeapSys; s.NextGC = m.NextGC; s.Mallocs = m.Mallocs; s.Frees = m.Frees; s.HeapObjects = m.HeapObjects;
    s.TotalAlloc = m.TotalAlloc; s.NumGC = m.NumGC;
    s.fragmentation = m.HeapInuse ? 1.0 - static_cast<double>(m.HeapAlloc) / static_cast<double>(m.HeapInuse) : 0;
    s.reason = reason;
    if (samples.size() >= config.max_samples) {
      // keep the whole run at half the resolution: drop every other periodic sample
      std::vector<Sample> kept;
      for (std::size_t i = 0; i < samples.size(); ++i)
        if (samples[i].reason != 0 || i % 2 == 0) kept.push_back(samples[i]);
      samples.swap(kept);
      sample_stride *= 2;
      ++sample_epoch;
    }
    samples.push_back(s);
  }
};

Simulation::Simulation() : impl_(std::make_unique<Impl>()) {}
Simulation::~Simulation() {
  // the runtime outlives the members the snapshot listener reads: unhook it first
  if (impl_ && impl_->rt) impl_->rt->events().set_listener(nullptr, nullptr);
}

LoadResult load(std::string_view source, const SimConfig& config) {
  LoadResult r;
  std::unique_ptr<Simulation> sim(new Simulation());
  auto& I = *sim->impl_;
  I.config = config;
  runtime::RuntimeConfig rc;
  rc.version = config.version;
  rc.gogc = config.gogc;
  rc.memory_limit = config.memory_limit;
  rc.seed = config.seed;
  rc.heap_budget_bytes = config.budgets.max_heap_bytes;
  rc.gc_worker_objects = true;  // a whole process: the runtime's own objects too
  rc.costs = config.costs;
  I.rt = std::make_unique<runtime::Runtime>(rc);
  if (config.cost_checkpoints) I.rt->clock().enable_checkpoints();
  std::shared_ptr<runtime::TypeTable> table(&I.rt->types(), [](runtime::TypeTable*) {});
  lang::FrontResult fr = lang::compile_front(source, config.version, table);
  if (!fr.ok()) {
    r.diagnostics = std::move(fr.diagnostics);
    return r;
  }
  I.checked = std::move(fr.program);
  // Go's package graph: fmt and runtime/debug import os (whose init starts
  // the finalizer goroutine); strconv, time, math/rand and runtime do not.
  for (const auto& path : I.checked->imports)
    if (path == "fmt" || path == "runtime/debug") I.rt->set_os_initialized(true);
  lang::CompileResult cr = lang::compile_program(*I.checked, *I.rt);
  if (!cr.program) {
    r.diagnostics = std::move(cr.diagnostics);
    return r;
  }
  I.program = std::move(cr.program);
  I.maps = std::make_unique<maps::Maps>(*I.rt, config.hash_seeds);
  I.interp = std::make_unique<lang::Interp>(*I.program, *I.rt, *I.maps, config.seed);
  I.snapshots = SnapshotStore(config.max_snapshots, config.max_snapshot_bytes);
  I.rt->events().set_listener(&Simulation::Impl::on_event, &I);
  I.sample_stride = std::max<std::uint64_t>(config.sample_every_ops, 1);
  I.sample(0);
  I.next_sample_ops = I.sample_stride;
  r.sim = std::move(sim);
  return r;
}

RunResult Simulation::run(std::uint64_t max_ops) {
  auto& I = *impl_;
  RunResult res;
  if (I.state != RunState::Ready) { res.state = I.state; return res; }
  Impl::WallTimer timer(I);
  const std::uint64_t target = max_ops == UINT64_MAX ? UINT64_MAX : I.interp->ops() + max_ops;
  lang::RunLimits lim = I.limits();
  for (;;) {
    // run to the next sample point (or the caller's target) and sample there
    lim.max_ops = std::min({target, I.config.budgets.max_ops, I.next_sample_ops});
    const lang::Stop st = I.interp->run(lim);
    const bool at_sample = I.interp->ops() >= I.next_sample_ops;
    if (I.finished(st, at_sample)) break;
    if (at_sample) I.periodic_sample();
    if (I.interp->ops() >= target) break;
  }
  res.state = I.state;
  res.pos = I.state == RunState::Ready ? to_pos(I.interp->pos()) : I.error_pos;
  return res;
}

RunResult Simulation::step(StepKind kind) {
  auto& I = *impl_;
  RunResult res;
  if (I.state != RunState::Ready) { res.state = I.state; return res; }
  Impl::WallTimer timer(I);
  lang::RunLimits lim = I.limits();
  const std::uint32_t gc0 = I.rt->num_gc();
  const std::uint64_t ev0 = I.rt->events().total();
  for (;;) {
    lim.max_ops = std::min(I.config.budgets.max_ops, I.next_sample_ops);
    lim.stop_at_statement = kind == StepKind::Statement || kind == StepKind::GcCycle || kind == StepKind::Evacuation;
    lim.stop_after_map_op = kind == StepKind::MapOp || kind == StepKind::Evacuation;
    lim.log_map_op = kind == StepKind::MapOp;
    if (I.finished(I.interp->run(lim))) break;
    bool reached = false;
    switch (kind) {
      case StepKind::Statement: reached = I.interp->ops() < lim.max_ops; break;
      case StepKind::MapOp: reached = I.interp->ops() < lim.max_ops; break;
      case StepKind::GcCycle: reached = I.rt->num_gc() != gc0; break;
      case StepKind::Evacuation: {
        const auto& evs = I.rt->events().events();
        const bool swiss = I.maps->swiss();
        for (auto it = evs.rbegin(); it != evs.rend() && it->seq >= ev0; ++it)
          if (maps::Maps::is_grow_step_event(it->kind, swiss)) { reached = true; break; }
        break;
      }
    }
    if (I.interp->ops() >= I.next_sample_ops) I.periodic_sample();
    if (reached) { res.step_reached = true; break; }
  }
  res.state = I.state;
  res.pos = I.state == RunState::Ready ? to_pos(I.interp->pos()) : I.error_pos;
  return res;
}

RunState Simulation::state() const { return impl_->state; }
const std::string& Simulation::error() const { return impl_->error; }
Position Simulation::error_position() const { return impl_->error_pos; }
const std::string& Simulation::stdout_text() const { return impl_->interp->out(); }
const std::string& Simulation::stderr_text() const { return impl_->interp->err_out(); }
runtime::MemStats Simulation::memstats() { return impl_->rt->observe_mem_stats(); }
runtime::Fragmentation Simulation::fragmentation() const { return impl_->rt->fragmentation(); }
runtime::HeapSnapshot Simulation::inspect_heap() const { return impl_->rt->heap_snapshot(); }
const std::vector<Sample>& Simulation::samples() const { return impl_->samples; }
std::uint64_t Simulation::sample_epoch() const { return impl_->sample_epoch; }
const EventLog& Simulation::events() const { return impl_->rt->state().events; }
const SnapshotStore& Simulation::snapshots() const { return impl_->snapshots; }
std::uint64_t Simulation::ops() const { return impl_->interp->ops(); }
std::uint64_t Simulation::map_ops() const { return impl_->interp->map_ops(); }
const SimConfig& Simulation::config() const { return impl_->config; }
runtime::Runtime& Simulation::runtime() { return *impl_->rt; }

maps::ClassicMapSnapshot Simulation::inspect_map(std::size_t id, std::uint64_t first, std::uint64_t max) const {
  return impl_->maps->inspect_classic(id, first, max);
}

void Simulation::inspect_flat(std::size_t id, std::uint64_t first, std::uint64_t max, maps::FlatMapSnapshot& out) const {
  impl_->maps->inspect_flat(id, first, max, out);
}
maps::SlotView Simulation::inspect_slot(std::size_t id, int array, std::uint64_t index, std::uint64_t chain, int slot) const {
  return impl_->maps->inspect_slot(id, array, index, chain, slot);
}

maps::MapHeat Simulation::map_heat(std::size_t id) const { return impl_->maps->heat(id); }
maps::EvacuationView Simulation::last_evacuation(std::size_t id) const { return impl_->maps->last_evacuation(id); }

maps::SwissMapSnapshot Simulation::inspect_swiss(std::size_t id, std::uint64_t first_table, std::uint64_t max_tables,
                                                 bool groups) const {
  return impl_->maps->inspect_swiss(id, first_table, max_tables, groups);
}

std::uint64_t Simulation::hashkey(int i) const { return impl_->maps->hashkey(i); }

std::vector<MapSummary> Simulation::maps() const { return impl_->map_summaries(SIZE_MAX); }

std::vector<MapSummary> Simulation::Impl::map_summaries(std::size_t max) const {
  std::vector<MapSummary> out;
  auto& M = *maps;
  for (std::size_t id = 0; id < M.count() && id < max; ++id) {
    MapSummary s;
    s.id = id;
    s.name = interp->map_name(id);
    if (s.name.empty()) s.name = "map#" + std::to_string(id);
    s.type = interp->map_type(id);
    s.impl = config.version.swiss_maps() ? "swiss" : "classic";
    s.alive = M.alive(id);
    if (s.alive && !config.version.swiss_maps()) {
      const maps::ClassicMapSnapshot snap = M.inspect_classic(id, 0, 0);
      s.hash0 = snap.hash0;
      s.count = snap.count;
      s.B = snap.B;
      s.noverflow = snap.noverflow;
      s.growing = snap.growing;
      s.nevacuate = snap.nevacuate;
      s.buckets = 1ull << snap.B;
    } else if (s.alive) {
      const maps::SwissMapSnapshot snap = M.inspect_swiss(id, 0, 0, false);
      s.type = "map[" + snap.key_type + "]" + snap.elem_type;
      s.hash0 = snap.seed;
      s.count = static_cast<std::int64_t>(snap.used);
      s.dir_len = snap.dir_len;
      s.global_depth = snap.global_depth;
      s.tables = snap.table_count;
      s.capacity = snap.capacity;
      s.tombstones = snap.tombstones;
    }
    out.push_back(s);
  }
  return out;
}

void Simulation::check_invariants() const {
  impl_->snapshots.check_invariants();
  impl_->rt->check_invariants();
  impl_->maps->check_invariants();
}

}  // namespace bucketlab::sim
