// Embind registrations of the Simulation API and nothing else: every call
// forwards to core/sim (simulation.h, report.h). No simulation logic lives
// here. Bulk data (samples, heap pages and spans) crosses as typed-array
// views over wasm memory (one call per table, never one per element); the
// views are valid until the next call into the module, so JS copies them.
// Exceptions never reach JS: errors come back inside the returned JSON.
#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/runtime/go_version.h"
#include "core/sim/report.h"
#include "core/runtime/size_classes.h"
#include "core/sim/simulation.h"
#include "core/sim/snapshots.h"

using namespace emscripten;
namespace sim = bucketlab::sim;

namespace {

// What the page sends to load(). 64-bit values travel as decimal strings
// (JS numbers lose precision above 2^53; WASM_BIGINT is not used).
struct JsConfig {
  int go = 19;
  int gogc = 100;
  std::string memlimit;   // "" = no limit
  std::string seed = "1";
  std::string hashkey;    // "" or "k0,k1,k2,k3"
  std::string hash0;      // "" or "h,h,..." (maps in creation order)
  double maxOps = 2e9;
  double maxHeapBytes = 1 << 30;
  double maxOutputBytes = 1 << 20;
  double maxWallMs = 0;  // 0: none
  double sampleEveryOps = 4096;
};

bool parse_u64(const std::string& s, std::uint64_t& out) {
  if (s.empty() || s.size() > 20) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

bool parse_list(const std::string& s, std::vector<std::uint64_t>& out) {
  std::size_t i = 0;
  while (i <= s.size()) {
    const std::size_t j = s.find(',', i);
    std::uint64_t v;
    if (!parse_u64(s.substr(i, j == std::string::npos ? std::string::npos : j - i), v)) return false;
    out.push_back(v);
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return true;
}

std::string config_error(const std::string& msg) {
  return "{\"ok\":false,\"diagnostics\":[{\"line\":0,\"col\":0,\"message\":" + sim::json_string("config: " + msg) + "}]}";
}

class Session {
 public:
  std::string load(const std::string& source, const JsConfig& c) {
    sim_.reset();
    sim::SimConfig cfg;
    if (!bucketlab::runtime::GoVersion::is_modelled(c.go)) return config_error("unsupported Go version 1." + std::to_string(c.go));
    cfg.version = bucketlab::runtime::GoVersion{c.go};
    cfg.gogc = c.gogc;
    std::uint64_t v = 0;
    if (!c.memlimit.empty()) {
      if (!parse_u64(c.memlimit, v) || v > static_cast<std::uint64_t>(INT64_MAX)) return config_error("bad memlimit " + c.memlimit);
      cfg.memory_limit = static_cast<std::int64_t>(v);
    }
    if (!parse_u64(c.seed, cfg.seed)) return config_error("bad seed " + c.seed);
    if (!c.hashkey.empty()) {
      std::vector<std::uint64_t> k;
      if (!parse_list(c.hashkey, k) || k.size() != 4) return config_error("hashkey needs four decimal uint64s");
      cfg.hash_seeds.has_hashkey = true;
      for (int i = 0; i < 4; ++i) cfg.hash_seeds.hashkey[i] = k[i];
    }
    if (!c.hash0.empty() && !parse_list(c.hash0, cfg.hash_seeds.map_seeds)) return config_error("bad hash0 list");
    if (c.maxOps >= 1) cfg.budgets.max_ops = static_cast<std::uint64_t>(c.maxOps);
    if (c.maxHeapBytes >= 1) cfg.budgets.max_heap_bytes = static_cast<std::uint64_t>(c.maxHeapBytes);
    if (c.maxOutputBytes >= 1) cfg.budgets.max_output_bytes = static_cast<std::uint64_t>(c.maxOutputBytes);
    if (c.maxWallMs >= 1) cfg.budgets.max_wall_ms = static_cast<std::uint64_t>(c.maxWallMs);
    if (c.sampleEveryOps >= 1) cfg.sample_every_ops = static_cast<std::uint64_t>(c.sampleEveryOps);
    sim::LoadResult r = sim::load(source, cfg);
    if (!r.sim) return "{\"ok\":false,\"diagnostics\":" + sim::diagnostics_json(r.diagnostics) + "}";
    sim_ = std::move(r.sim);
    return "{\"ok\":true}";
  }

  std::string run(double max_ops) {
    if (!sim_) return not_loaded();
    const std::uint64_t n = max_ops >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(max_ops < 1 ? 1 : max_ops);
    return sim::run_result_json(sim_->run(n), *sim_);
  }

  std::string step(const std::string& kind) {
    if (!sim_) return not_loaded();
    sim::StepKind k;
    if (kind == "statement") k = sim::StepKind::Statement;
    else if (kind == "mapop") k = sim::StepKind::MapOp;
    else if (kind == "evacuation") k = sim::StepKind::Evacuation;
    else if (kind == "gc") k = sim::StepKind::GcCycle;
    else return "{\"state\":\"error\",\"error\":" + sim::json_string("unknown step kind " + kind) + "}";
    return sim::run_result_json(sim_->step(k), *sim_);
  }

  std::string memstats() { return sim_ ? sim::memstats_json(sim_->memstats()) : "{}"; }
  std::string maps() { return sim_ ? sim::maps_json(sim_->maps()) : "[]"; }
  std::string events(double since, double max) {
    if (!sim_) return "{\"total\":0,\"events\":[]}";
    return sim::events_json(sim_->events(), since < 0 ? 0 : static_cast<std::uint64_t>(since),
                            max < 0 ? 0 : static_cast<std::size_t>(max));
  }
  std::string stdout_from(double from) {
    if (!sim_) return "";
    const std::string& s = sim_->stdout_text();
    const std::size_t f = from < 0 ? 0 : static_cast<std::size_t>(from);
    return f >= s.size() ? std::string() : s.substr(f);
  }
  std::string stderr_from(double from) {
    if (!sim_) return "";
    const std::string& s = sim_->stderr_text();
    const std::size_t f = from < 0 ? 0 : static_cast<std::size_t>(from);
    return f >= s.size() ? std::string() : s.substr(f);
  }
  std::string report() { return sim_ ? sim::report_json(*sim_) : "{}"; }
  std::string fragmentation() { return sim_ ? sim::fragmentation_json(sim_->fragmentation()) : "{}"; }
  // The cost model's simulated-time figures (issue 8), the "modelled" object of the report.
  std::string modelled() { return sim_ ? sim::modelled_json(*sim_) : "{}"; }
  std::string inspect_map(double id, double first, double max) {
    if (!sim_) return "{}";
    const auto maps = sim_->maps();
    if (id < 0 || id >= static_cast<double>(maps.size())) return "{\"error\":\"no such map\"}";
    const std::size_t i = static_cast<std::size_t>(id);
    if (!maps[i].alive) return "{\"error\":\"map collected\"}";
    const auto f = static_cast<std::uint64_t>(first < 0 ? 0 : first), n = static_cast<std::uint64_t>(max < 0 ? 0 : max);
    // classic: bucket indexes [first, first+max); swiss: tables [first, first+max) with their groups
    if (maps[i].impl == "swiss") return sim::swiss_map_json(sim_->inspect_swiss(i, f, n, true));
    return sim::classic_map_json(sim_->inspect_map(i, f, n));
  }

  std::string sample_columns() {
    std::string o = "[";
    const auto& cols = sim::sample_columns();
    for (std::size_t i = 0; i < cols.size(); ++i) o += (i ? "," : "") + sim::json_string(cols[i]);
    return o + "]";
  }
  double sample_count() { return sim_ ? static_cast<double>(sim_->samples().size()) : 0; }
  double sample_epoch() { return sim_ ? static_cast<double>(sim_->sample_epoch()) : 0; }
  val samples() {
    table_.clear();
    if (sim_) {
      const std::size_t w = sim::sample_columns().size();
      table_.resize(sim_->samples().size() * w);
      for (std::size_t i = 0; i < sim_->samples().size(); ++i) sim::sample_row(sim_->samples()[i], &table_[i * w]);
    }
    return val(typed_memory_view(table_.size(), table_.data()));
  }

  val heap_pages() {
    pages_.clear();
    if (sim_) {
      snap_ = sim_->inspect_heap();
      pages_.reserve(snap_.pages.size());
      for (auto p : snap_.pages) pages_.push_back(static_cast<std::uint8_t>(p));
    }
    return val(typed_memory_view(pages_.size(), pages_.data()));
  }
  // Rows of runtime::kSpanRowWidth (9) from the snapshot heap_pages() took
  // (take that first); the 9th column indexes heapRoles().
  val heap_spans() {
    bucketlab::runtime::span_rows(snap_, spans_);
    return val(typed_memory_view(spans_.size(), spans_.data()));
  }
  // Names of the allocation roles, indexed by heapSpans()' role column.
  std::string heap_roles() {
    std::string o = "[";
    for (std::size_t i = 0; i < snap_.role_names.size(); ++i) o += (i ? "," : "") + sim::json_string(snap_.role_names[i]);
    return o + "]";
  }
  // Retained snapshots (core/sim/snapshots.h): the list as JSON, and one
  // snapshot's pages / span rows (same layouts as heapPages / heapSpans).
  std::string snapshot_list() { return sim_ ? sim::snapshots_json(sim_->snapshots()) : "{\"snapshots\":[]}"; }
  val snapshot_pages(double id) {
    const sim::RetainedSnapshot* s = find_snapshot(id);
    return s ? val(typed_memory_view(s->pages.size(), s->pages.data())) : val(typed_memory_view(0, pages_.data()));
  }
  val snapshot_spans(double id) {
    const sim::RetainedSnapshot* s = find_snapshot(id);
    return s ? val(typed_memory_view(s->spans.size(), s->spans.data())) : val(typed_memory_view(0, spans_.data()));
  }

  // The map view's heat summary (maps::MapHeat) as one Uint32Array: a header
  // of 8 values {0 classic | 1 swiss, nbuckets | ngroups, noldbuckets,
  // nevacuate, stride, ntables, 0, 0}, then the rows. Empty when there is no such map.
  val map_heat(double id) {
    heat_.clear();
    const auto i = static_cast<std::size_t>(id < 0 ? 0 : id);
    if (sim_ && id >= 0 && i < sim_->maps().size() && sim_->maps()[i].alive) pack_heat(sim_->map_heat(i));
    return val(typed_memory_view(heat_.size(), heat_.data()));
  }
  // The same layout for the heat rows a retained snapshot kept of map `map_id`
  // (empty when the map was not alive then or its rows were not kept, R60).
  val snapshot_map_heat(double snapshot_id, double map_id) {
    heat_.clear();
    const sim::RetainedSnapshot* s = find_snapshot(snapshot_id);
    if (s && map_id >= 0 && map_id < 4e9)
      if (const auto* h = s->heat_of(static_cast<std::uint32_t>(map_id))) pack_heat(*h);
    return val(typed_memory_view(heat_.size(), heat_.data()));
  }
  void pack_heat(const bucketlab::maps::MapHeat& h) {
    const std::uint32_t head[8] = {h.swiss ? 1u : 0u, static_cast<std::uint32_t>(h.swiss ? h.ngroups : h.nbuckets),
                                   static_cast<std::uint32_t>(h.noldbuckets), static_cast<std::uint32_t>(h.nevacuate),
                                   static_cast<std::uint32_t>(bucketlab::maps::MapHeat::kHeatStride),
                                   static_cast<std::uint32_t>(h.ntables), 0, 0};
    heat_.assign(head, head + 8);
    heat_.insert(heat_.end(), h.rows.begin(), h.rows.end());
  }
  // The full map snapshot without key/elem text (maps::FlatMapSnapshot, its
  // layout in map_inspect.h and web/src/map-flat.js) as one Uint32Array
  // view: [first, first + max) buckets (classic) or tables (Swiss). Empty
  // when there is no such live map.
  val map_flat(double id, double first, double max) {
    flat_.words.clear();
    const auto i = static_cast<std::size_t>(id < 0 ? 0 : id);
    if (sim_ && id >= 0 && i < sim_->maps().size() && sim_->maps()[i].alive)
      sim_->inspect_flat(i, static_cast<std::uint64_t>(first < 0 ? 0 : first), max >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(max < 0 ? 0 : max), flat_);
    return val(typed_memory_view(flat_.words.size(), flat_.words.data()));
  }
  // One slot's key/elem text (sim::slot_json): array 0 new / 1 old (classic),
  // 2 Swiss (index = table ordinal, chain = group).
  std::string inspect_slot(double id, double array, double index, double chain, double slot) {
    if (!sim_ || id < 0 || id >= static_cast<double>(sim_->maps().size()) || index < 0 || chain < 0) return sim::slot_json({});
    return sim::slot_json(sim_->inspect_slot(static_cast<std::size_t>(id), static_cast<int>(array), static_cast<std::uint64_t>(index),
                                             static_cast<std::uint64_t>(chain), static_cast<int>(slot)));
  }
  // The same layout for the slot grid a retained snapshot kept of map
  // `map_id` (hashes 0: live only); empty when the map was dead, too big to
  // draw slot by slot, or not kept then (core/sim/snapshots.h, R60).
  val snapshot_map_flat(double snapshot_id, double map_id) {
    flat_.words.clear();
    const sim::RetainedSnapshot* s = find_snapshot(snapshot_id);
    if (s && map_id >= 0 && map_id < 4e9) s->flat_of(static_cast<std::uint32_t>(map_id), flat_);
    return val(typed_memory_view(flat_.words.size(), flat_.words.data()));
  }
  std::string last_evacuation(double id) {
    if (!sim_ || id < 0 || id >= static_cast<double>(sim_->maps().size())) return "{\"valid\":false}";
    return sim::evacuation_json(sim_->last_evacuation(static_cast<std::size_t>(id)));
  }

 private:
  const sim::RetainedSnapshot* find_snapshot(double id) const {
    if (!sim_ || id < 0 || id > 4e9) return nullptr;
    return sim_->snapshots().find(static_cast<std::uint32_t>(id));
  }
  static std::string not_loaded() { return "{\"state\":\"error\",\"error\":\"no workload loaded\"}"; }
  std::unique_ptr<sim::Simulation> sim_;
  std::vector<double> table_;
  std::vector<std::uint8_t> pages_;
  std::vector<std::uint32_t> spans_;
  std::vector<std::uint32_t> heat_;
  bucketlab::maps::FlatMapSnapshot flat_;
  bucketlab::runtime::HeapSnapshot snap_;
};

std::string core_info() { return R"({"name":"bucketlab","core":"wasm","versions":["go1.19","go1.26"]})"; }

}  // namespace

EMSCRIPTEN_BINDINGS(bucketlab) {
  function("coreInfo", &core_info);
  value_object<JsConfig>("Config")
      .field("go", &JsConfig::go)
      .field("gogc", &JsConfig::gogc)
      .field("memlimit", &JsConfig::memlimit)
      .field("seed", &JsConfig::seed)
      .field("hashkey", &JsConfig::hashkey)
      .field("hash0", &JsConfig::hash0)
      .field("maxOps", &JsConfig::maxOps)
      .field("maxHeapBytes", &JsConfig::maxHeapBytes)
      .field("maxOutputBytes", &JsConfig::maxOutputBytes)
      .field("maxWallMs", &JsConfig::maxWallMs)
      .field("sampleEveryOps", &JsConfig::sampleEveryOps);
  class_<Session>("Session")
      .constructor<>()
      .function("load", &Session::load)
      .function("run", &Session::run)
      .function("step", &Session::step)
      .function("memstats", &Session::memstats)
      .function("maps", &Session::maps)
      .function("events", &Session::events)
      .function("stdout", &Session::stdout_from)
      .function("stderr", &Session::stderr_from)
      .function("report", &Session::report)
      .function("fragmentation", &Session::fragmentation)
      .function("inspectMap", &Session::inspect_map)
      .function("sampleColumns", &Session::sample_columns)
      .function("sampleCount", &Session::sample_count)
      .function("sampleEpoch", &Session::sample_epoch)
      .function("samples", &Session::samples)
      .function("heapPages", &Session::heap_pages)
      .function("heapSpans", &Session::heap_spans)
      .function("modelled", &Session::modelled)
      .function("mapHeat", &Session::map_heat)
      .function("lastEvacuation", &Session::last_evacuation)
      .function("heapRoles", &Session::heap_roles)
      .function("snapshotList", &Session::snapshot_list)
      .function("snapshotPages", &Session::snapshot_pages)
      .function("snapshotSpans", &Session::snapshot_spans)
      .function("snapshotMapHeat", &Session::snapshot_map_heat)
      .function("mapFlat", &Session::map_flat)
      .function("inspectSlot", &Session::inspect_slot)
      .function("snapshotMapFlat", &Session::snapshot_map_flat);
}
