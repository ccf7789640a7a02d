// JSON and text reports of a Simulation (see report.h).
#include "core/sim/report.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/common/text_out.h"
#include "core/runtime/gc.h"
#include "core/runtime/runtime.h"

namespace bucketlab::sim {

namespace {
const char* state_name(RunState s) {
  switch (s) {
    case RunState::Ready: return "ready";
    case RunState::Done: return "done";
    case RunState::Panicked: return "panicked";
    case RunState::Stopped: return "stopped";
  }
  return "?";
}

// "4.1 MiB": event sentences are for people; the JSON keeps exact numbers.
std::string bytes_text(std::uint64_t b) {
  char buf[32];
  if (b < 1024) std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(b));
  else if (b < (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024.0);
  else std::snprintf(buf, sizeof buf, "%.1f MiB", b / 1048576.0);
  return buf;
}

const char* b(bool v) { return v ? "true" : "false"; }

// Exact JSON for a sample value: integers (all but fragmentation) print in
// full, fractions round-trip (%.17g).
std::string number(double v) {
  char buf[32];
  if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0)
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  else
    std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
void put_json_string(std::string& o, std::string_view s) {
  o += '"';
  std::size_t plain = 0;  // formatted keys rarely need escapes: copy the leading plain run at once
  while (plain < s.size()) {
    const auto c = static_cast<unsigned char>(s[plain]);
    if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) break;
    ++plain;
  }
  o.append(s.data(), plain);
  for (unsigned char c : s.substr(plain)) {
    if (c == '"' || c == '\\') { o += '\\'; o += static_cast<char>(c); }
    else if (c == '\n') o += "\\n";
    else if (c == '\t') o += "\\t";
    else if (c == '\r') o += "\\r";
    else if (c < 0x20 || c == 0x7f) { char buf[8]; std::snprintf(buf, sizeof buf, "\\u%04x", c); o += buf; }
    else o += static_cast<char>(c);
  }
  o += '"';
}
}  // namespace

std::string json_string(std::string_view s) {
  std::string o;
  put_json_string(o, s);
  return o;
}

const std::vector<std::string>& sample_columns() {
  static const std::vector<std::string> cols = {
      "ops", "map_ops", "nanotime", "HeapAlloc", "HeapInuse", "HeapIdle", "HeapReleased", "HeapSys",
      "NextGC", "Mallocs", "Frees", "HeapObjects", "TotalAlloc", "NumGC", "fragmentation", "reason"};
  return cols;
}

void sample_row(const Sample& x, double* o) {
  const double v[] = {double(x.ops), double(x.map_ops), double(x.nanotime), double(x.HeapAlloc),
                      double(x.HeapInuse), double(x.HeapIdle), double(x.HeapReleased), double(x.HeapSys),
                      double(x.NextGC), double(x.Mallocs), double(x.Frees), double(x.HeapObjects),
                      double(x.TotalAlloc), double(x.NumGC), x.fragmentation, double(x.reason)};
  static_assert(sizeof v / sizeof v[0] == 16);
  for (double d : v) *o++ = d;
}

std::string samples_csv(const std::vector<Sample>& samples) {
  TextOut f;
  const auto& cols = sample_columns();
  for (std::size_t i = 0; i < cols.size(); ++i) f << (i ? "," : "") << cols[i];
  f << "\n";
  for (const auto& x : samples)
    f << x.ops << ',' << x.map_ops << ',' << x.nanotime << ',' << x.HeapAlloc << ',' << x.HeapInuse << ',' << x.HeapIdle << ','
      << x.HeapReleased << ',' << x.HeapSys << ',' << x.NextGC << ',' << x.Mallocs << ',' << x.Frees << ',' << x.HeapObjects << ','
      << x.TotalAlloc << ',' << x.NumGC << ',' << number(x.fragmentation) << ',' << int(x.reason) << "\n";
  return f.str();
}

const char* event_kind_name(EventKind k) {
  switch (k) {
    case EventKind::SpanAlloc: return "SpanAlloc";
    case EventKind::SpanFree: return "SpanFree";
    case EventKind::HeapGrow: return "HeapGrow";
    case EventKind::GcStart: return "GcStart";
    case EventKind::GcEnd: return "GcEnd";
    case EventKind::SweepDone: return "SweepDone";
    case EventKind::Scavenge: return "Scavenge";
    case EventKind::MapGrowStart: return "MapGrowStart";
    case EventKind::MapEvacuate: return "MapEvacuate";
    case EventKind::MapGrowEnd: return "MapGrowEnd";
    case EventKind::MapOverflowAlloc: return "MapOverflowAlloc";
    case EventKind::MapOldFree: return "MapOldFree";
    case EventKind::SwissTableGrow: return "SwissTableGrow";
    case EventKind::SwissTableSplit: return "SwissTableSplit";
    case EventKind::SwissDirGrow: return "SwissDirGrow";
    case EventKind::SwissTombstonesCleared: return "SwissTombstonesCleared";
    case EventKind::MapOp: return "MapOp";
  }
  return "?";
}

std::string event_text(const Event& e) {
  const auto n = [](std::uint64_t v) { return std::to_string(v); };
  switch (e.kind) {
    case EventKind::SpanAlloc:
      return "span of " + n(e.a1) + " page(s) allocated for size class " + n(e.a2 >> 1) + (e.a2 & 1 ? " (noscan)" : "") +
             ", " + n(e.a3) + " object(s)";
    case EventKind::SpanFree: return "span of " + n(e.a1) + " page(s) freed";
    case EventKind::HeapGrow: return "heap grown by " + bytes_text(e.a0) + " to HeapSys " + bytes_text(e.a1);
    case EventKind::GcStart:
      return "GC #" + n(e.a0) + " started (" + runtime::gc_trigger_name(static_cast<runtime::GcTriggerKind>(e.a1)) +
             " trigger): heap " + bytes_text(e.a2) + ", goal " + bytes_text(e.a3);
    case EventKind::GcEnd:
      return "GC #" + n(e.a0) + " marked " + n(e.a2) + " object(s), " + bytes_text(e.a1) + "; next goal " + bytes_text(e.a3);
    case EventKind::SweepDone:
      return "sweep of GC #" + n(e.a0) + " done: " + n(e.a1) + " object(s), " + bytes_text(e.a2) + " freed";
    case EventKind::Scavenge: return "scavenger released " + bytes_text(e.a0) + " (HeapReleased " + bytes_text(e.a1) + ")";
    case EventKind::MapGrowStart:
      return "map#" + n(e.a0) + (e.a3 ? " same-size grow started at B=" + n(e.a2) + " (too many overflow buckets)"
                                       : " grow started: B " + n(e.a1) + " -> " + n(e.a2));
    case EventKind::MapEvacuate:
      return "map#" + n(e.a0) + " bucket " + n(e.a1) + " evacuated: " + n(e.a2) + " entries to X, " + n(e.a3) + " to Y";
    case EventKind::MapGrowEnd: return "map#" + n(e.a0) + " grow finished at B=" + n(e.a1);
    case EventKind::MapOverflowAlloc:
      return "map#" + n(e.a0) + " overflow bucket " + (e.a2 ? "taken from the preallocated spares" : "allocated");
    case EventKind::MapOldFree: return "map#" + n(e.a0) + " old bucket array unreferenced";
    case EventKind::SwissTableGrow:
      return "map#" + n(e.a0) + " table " + n(e.a1) + " grew: capacity " + n(e.a2) + " -> " + n(e.a3);
    case EventKind::SwissTableSplit:
      return "map#" + n(e.a0) + " table " + n(e.a1) + " split: local depth " + n(e.a2);
    case EventKind::SwissDirGrow: return "map#" + n(e.a0) + " directory doubled: global depth " + n(e.a1);
    case EventKind::SwissTombstonesCleared:
      return "map#" + n(e.a0) + " table " + n(e.a1) + ": " + n(e.a2) + " tombstone(s) cleared";
    case EventKind::MapOp: {
      char h[24];
      std::snprintf(h, sizeof h, "0x%016llx", static_cast<unsigned long long>((e.a2 << 32) | (e.a3 & 0xffffffffu)));
      static const char* const ops[] = {"read m[k]", "m[k] = v", "delete(m, k)"};
      return "map#" + n(e.a0) + " " + ops[e.a1 < 3 ? e.a1 : 0] + ", key hash " + h;
    }
  }
  return "?";
}

std::string event_json(const Event& e) {
  TextOut j;
  j << "{\"seq\":" << e.seq << ",\"kind\":\"" << event_kind_name(e.kind) << "\",\"a\":[" << e.a0 << "," << e.a1 << ","
    << e.a2 << "," << e.a3 << "],\"text\":" << json_string(event_text(e)) << "}";
  return j.str();
}

std::string events_json(const EventLog& log, std::uint64_t since, std::size_t max) {
  std::string o = "{\"total\":" + std::to_string(log.total()) + ",\"events\":[";
  const auto& evs = log.events();
  // the deque holds consecutive seqs: jump straight to `since`
  std::size_t i = 0;
  if (!evs.empty() && since > evs.front().seq) i = static_cast<std::size_t>(std::min<std::uint64_t>(since - evs.front().seq, evs.size()));
  bool first = true;
  for (std::size_t n = 0; i < evs.size() && n < max; ++i, ++n) {
    if (!first) o += ',';
    o += event_json(evs[i]);
    first = false;
  }
  return o + "]}";
}

std::string memstats_json(const runtime::MemStats& ms) {
  TextOut j;
  j << "{\"Alloc\":" << ms.Alloc << ",\"TotalAlloc\":" << ms.TotalAlloc << ",\"Sys\":" << ms.Sys
    << ",\"Mallocs\":" << ms.Mallocs << ",\"Frees\":" << ms.Frees << ",\"HeapAlloc\":" << ms.HeapAlloc
    << ",\"HeapSys\":" << ms.HeapSys << ",\"HeapIdle\":" << ms.HeapIdle << ",\"HeapInuse\":" << ms.HeapInuse
    << ",\"HeapReleased\":" << ms.HeapReleased << ",\"HeapObjects\":" << ms.HeapObjects << ",\"NextGC\":" << ms.NextGC
    << ",\"NumGC\":" << ms.NumGC << ",\"NumForcedGC\":" << ms.NumForcedGC << "}";
  return j.str();
}

std::string maps_json(const std::vector<MapSummary>& maps) {
  TextOut j;
  j << "[";
  for (std::size_t i = 0; i < maps.size(); ++i) {
    const auto& m = maps[i];
    j << (i ? "," : "") << "{\"id\":" << m.id << ",\"name\":" << json_string(m.name) << ",\"impl\":" << json_string(m.impl)
      << ",\"type\":" << json_string(m.type) << ",\"alive\":" << b(m.alive) << ",\"hash0\":" << m.hash0
      << ",\"count\":" << m.count << ",\"B\":" << m.B << ",\"noverflow\":" << m.noverflow
      << ",\"growing\":" << b(m.growing) << ",\"nevacuate\":" << m.nevacuate << ",\"buckets\":" << m.buckets
      << ",\"overflow_buckets\":" << m.overflow_buckets;
    if (m.impl == "swiss")
      j << ",\"dir_len\":" << m.dir_len << ",\"global_depth\":" << m.global_depth << ",\"tables\":" << m.tables
        << ",\"capacity\":" << m.capacity << ",\"tombstones\":" << m.tombstones;
    j << "}";
  }
  j << "]";
  return j.str();
}

std::string fragmentation_json(const runtime::Fragmentation& f) {
  TextOut j;
  j << "{\"heap_inuse\":" << f.heap_inuse << ",\"heap_alloc\":" << f.heap_alloc << ",\"internal_bytes\":" << f.internal_bytes
    << ",\"free_pages\":" << f.free_pages << ",\"free_runs\":" << f.free_runs
    << ",\"largest_free_run_pages\":" << f.largest_free_run_pages << ",\"run_fragmentation\":" << number(f.run_fragmentation)
    << ",\"page_cache_pages\":" << f.page_cache_pages << ",\"idle_pages\":" << f.idle_pages
    << ",\"released_pages\":" << f.released_pages << ",\"by_class\":[";
  bool first = true;
  for (std::size_t c = 0; c < f.by_class.size(); ++c) {
    const auto& k = f.by_class[c];
    if (k.spans == 0) continue;
    j << (first ? "" : ",") << "{\"class\":" << c << ",\"spans\":" << k.spans << ",\"span_bytes\":" << k.span_bytes
      << ",\"objects\":" << k.objects << ",\"alloc_bytes\":" << k.alloc_bytes << ",\"capacity\":" << k.capacity
      << ",\"tail_waste_bytes\":" << k.tail_waste_bytes << ",\"large_slack_bytes\":" << k.large_slack_bytes
      << ",\"occupancy\":[";
    for (std::size_t i = 0; i < k.occupancy.size(); ++i) j << (i ? "," : "") << k.occupancy[i];
    j << "]}";
    first = false;
  }
  j << "]}";
  return j.str();
}

std::string run_result_json(const RunResult& r, const Simulation& sim) {
  TextOut j;
  j << "{\"state\":\"" << state_name(r.state) << "\",\"stepReached\":" << b(r.step_reached) << ",\"line\":" << r.pos.line
    << ",\"col\":" << r.pos.col << ",\"error\":" << json_string(sim.error()) << ",\"errorLine\":" << sim.error_position().line
    << ",\"errorCol\":" << sim.error_position().col << ",\"ops\":" << sim.ops() << ",\"mapOps\":" << sim.map_ops() << "}";
  return j.str();
}

std::string diagnostics_json(const std::vector<lang::Diagnostic>& ds) {
  std::string o = "[";
  for (std::size_t i = 0; i < ds.size(); ++i) {
    if (i) o += ',';
    o += "{\"line\":" + std::to_string(ds[i].line) + ",\"col\":" + std::to_string(ds[i].col) +
         ",\"message\":" + json_string(ds[i].str()) + "}";
  }
  return o + "]";
}

namespace {
// Appends to a string rather than an ostringstream: a full snapshot of a
// 2^12-bucket map is ~65k values, and stream insertion was most of its time in wasm.
void put_u64(std::string& o, std::uint64_t v) {
  char buf[24];
  o.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}
// A 64-bit hash as a JSON string "0x%016x" (JS numbers hold 53 bits); "" for none.
void put_hash(std::string& o, std::uint64_t h) {
  if (h == 0) { o += "\"\""; return; }
  static constexpr char kHex[] = "0123456789abcdef";
  char buf[21] = {'"', '0', 'x'};
  for (int i = 0; i < 16; ++i) buf[3 + i] = kHex[(h >> (60 - 4 * i)) & 0xf];
  buf[19] = '"';
  o.append(buf, 20);
}
std::string hash_json(std::uint64_t h) {
  std::string o;
  put_hash(o, h);
  return o;
}

// `name` then a bucket's 8 slot values as a JSON array, each written by put.
template <class Slots, class Put>
void put_slots(std::string& o, const char* name, const Slots& slots, Put put) {
  o += name;
  o += '[';
  for (std::size_t s = 0; s < 8; ++s) {
    if (s) o += ',';
    put(slots[s]);
  }
  o += ']';
}
void chains_json(std::string& o, const std::vector<maps::ChainView>& chains) {
  o += '[';
  for (std::size_t c = 0; c < chains.size(); ++c) {
    const auto& ch = chains[c];
    if (c) o += ',';
    o += "{\"index\":";
    put_u64(o, ch.index);
    o += ",\"evacuated\":";
    o += b(ch.evacuated);
    o += ",\"chain\":[";
    for (std::size_t k = 0; k < ch.chain.size(); ++k) {
      const auto& bv = ch.chain[k];
      if (k) o += ',';
      o += "{\"addr\":";
      put_u64(o, bv.addr);
      o += ",\"spare\":";
      o += b(bv.spare);
      put_slots(o, ",\"tophash\":", bv.tophash, [&](auto v) { put_u64(o, v); });
      put_slots(o, ",\"keys\":", bv.keys, [&](const auto& v) { put_json_string(o, v); });
      put_slots(o, ",\"elems\":", bv.elems, [&](const auto& v) { put_json_string(o, v); });
      put_slots(o, ",\"hash\":", bv.hash, [&](auto v) { put_hash(o, v); });
      o += '}';
    }
    o += "]}";
  }
  o += ']';
}
}  // namespace

std::string classic_map_json(const maps::ClassicMapSnapshot& s) {
  TextOut j;
  j << "{\"count\":" << s.count << ",\"flags\":" << int(s.flags) << ",\"B\":" << int(s.B) << ",\"noverflow\":" << s.noverflow
    << ",\"hash0\":" << s.hash0 << ",\"hmap\":" << s.hmap << ",\"buckets\":" << s.buckets << ",\"oldbuckets\":" << s.oldbuckets
    << ",\"nevacuate\":" << s.nevacuate << ",\"growing\":" << b(s.growing) << ",\"same_size_grow\":" << b(s.same_size_grow)
    << ",\"nbuckets\":" << s.nbuckets << ",\"noldbuckets\":" << s.noldbuckets << ",\"allocated_buckets\":" << s.allocated_buckets
    << ",\"spare_overflow_left\":" << s.spare_overflow_left << ",\"key_type\":" << json_string(s.key_type)
    << ",\"elem_type\":" << json_string(s.elem_type) << ",\"keysize\":" << s.keysize << ",\"elemsize\":" << s.elemsize
    << ",\"bucketsize\":" << s.bucketsize << ",\"indirectkey\":" << b(s.indirectkey) << ",\"indirectelem\":" << b(s.indirectelem)
    << ",\"bucket_noscan\":" << b(s.bucket_noscan) << ",\"first_bucket\":" << s.first_bucket << ",\"new_chains\":";
  std::string o = j.str();
  o.reserve(o.size() + (s.new_chains.size() + s.old_chains.size()) * 400);
  chains_json(o, s.new_chains);
  o += ",\"old_chains\":";
  chains_json(o, s.old_chains);
  o += '}';
  return o;
}

namespace {
void swiss_group_json(TextOut& j, const maps::SwissGroupView& g) {
  j << "{\"addr\":" << g.addr << ",\"ctrl\":[";
  for (int s = 0; s < 8; ++s) j << (s ? "," : "") << int(g.ctrl[s]);
  j << "],\"keys\":[";
  for (int s = 0; s < 8; ++s) j << (s ? "," : "") << json_string(g.keys[s]);
  j << "],\"elems\":[";
  for (int s = 0; s < 8; ++s) j << (s ? "," : "") << json_string(g.elems[s]);
  j << "],\"hash\":[";
  for (int s = 0; s < 8; ++s) j << (s ? "," : "") << hash_json(g.hash[s]);
  j << "]}";
}
}  // namespace

std::string swiss_map_json(const maps::SwissMapSnapshot& s) {
  TextOut j;
  j << "{\"map\":" << s.map << ",\"used\":" << s.used << ",\"seed\":" << s.seed << ",\"clear_seq\":" << s.clear_seq
    << ",\"dir_len\":" << s.dir_len << ",\"global_depth\":" << int(s.global_depth) << ",\"global_shift\":" << int(s.global_shift)
    << ",\"tombstone_possible\":" << b(s.tombstone_possible) << ",\"small\":" << b(s.small) << ",\"capacity\":" << s.capacity
    << ",\"tombstones\":" << s.tombstones << ",\"table_count\":" << s.table_count << ",\"key_type\":" << json_string(s.key_type)
    << ",\"elem_type\":" << json_string(s.elem_type) << ",\"assign_fn\":" << json_string(s.assign_fn)
    << ",\"slot_size\":" << s.slot_size << ",\"group_size\":" << s.group_size << ",\"indirect_key\":" << b(s.indirect_key)
    << ",\"indirect_elem\":" << b(s.indirect_elem) << ",\"prunes_tombstones\":" << b(s.prunes_tombstones)
    << ",\"directory\":[";
  for (std::size_t i = 0; i < s.directory.size(); ++i) j << (i ? "," : "") << s.directory[i];
  j << "],\"first_table\":" << s.first_table << ",\"tables\":[";
  for (std::size_t t = 0; t < s.tables.size(); ++t) {
    const auto& tv = s.tables[t];
    j << (t ? "," : "") << "{\"index\":" << tv.index << ",\"local_depth\":" << int(tv.local_depth) << ",\"capacity\":" << tv.capacity
      << ",\"used\":" << tv.used << ",\"growth_left\":" << tv.growth_left << ",\"tombstones\":" << tv.tombstones
      << ",\"dir_entries\":" << tv.dir_entries << ",\"groups\":[";
    for (std::size_t g = 0; g < tv.groups.size(); ++g) {
      if (g) j << ",";
      swiss_group_json(j, tv.groups[g]);
    }
    j << "]}";
  }
  j << "]";
  if (s.small) {
    j << ",\"small_group\":";
    swiss_group_json(j, s.small_group);
  }
  j << "}";
  return j.str();
}

std::string slot_json(const maps::SlotView& v) {
  std::string o = "{\"valid\":";
  o += b(v.valid);
  o += ",\"byte\":";
  put_u64(o, v.byte);
  o += ",\"hash\":";
  put_hash(o, v.hash);
  o += ",\"key\":";
  put_json_string(o, v.key);
  o += ",\"elem\":";
  put_json_string(o, v.elem);
  o += '}';
  return o;
}

std::string evacuation_json(const maps::EvacuationView& v) {
  TextOut j;
  j << "{\"valid\":" << b(v.valid) << ",\"current\":" << b(v.current) << ",\"oldbucket\":" << v.oldbucket
    << ",\"newbit\":" << v.newbit << ",\"x_bucket\":" << v.x_bucket << ",\"y_bucket\":" << v.y_bucket
    << ",\"same_size\":" << b(v.same_size) << ",\"moves\":[";
  for (std::size_t i = 0; i < v.moves.size(); ++i) {
    const auto& m = v.moves[i];
    j << (i ? "," : "") << "{\"src_chain\":" << m.src_chain << ",\"src_slot\":" << int(m.src_slot)
      << ",\"y\":" << b(m.y) << ",\"dst_chain\":" << m.dst_chain << ",\"dst_slot\":" << int(m.dst_slot)
      << ",\"key\":" << json_string(m.key) << ",\"hash\":" << hash_json(m.hash) << "}";
  }
  j << "]}";
  return j.str();
}

std::string modelled_json(Simulation& sim) {
  runtime::Runtime& rt = sim.runtime();
  const std::uint64_t now = rt.nanotime();
  const runtime::GcTimes& t = rt.gc_times();
  const runtime::CostClock& c = rt.clock();
  const std::uint32_t ngc = rt.num_gc();
  TextOut j;
  j << "{\"note\":\"simulated time from the cost model, calibrated against Go 1.19 on one machine; not a measurement\""
    << ",\"nanotime\":" << now << ",\"elapsed_ns\":" << now - 1 << ",\"NumGC\":" << ngc
    << ",\"PauseTotalNs\":" << t.pause_total_ns << ",\"LastGC\":" << t.last_gc_unix
    << ",\"GCCPUFraction\":" << number(t.gc_cpu_fraction) << ",\"gc_cpu_ns\":" << t.total_gc_cpu_ns
    << ",\"idle_mark_ns\":" << t.total_idle_mark_ns << ",\"idle_ns\":" << c.idle_ns();
  // The newest pauses first, as debug.ReadGCStats orders them.
  const std::uint32_t n = ngc < 256 ? ngc : 256;
  j << ",\"PauseNs\":[";
  for (std::uint32_t i = 0; i < n; ++i) j << (i ? "," : "") << t.pause_ns_ring[(ngc - 1 - i) % 256];
  j << "],\"PauseEnd\":[";
  for (std::uint32_t i = 0; i < n; ++i) j << (i ? "," : "") << t.pause_end_ring[(ngc - 1 - i) % 256];
  j << "],\"groups\":{";
  std::uint64_t groups[static_cast<int>(runtime::CostGroup::Count)] = {};
  for (std::size_t k = 0; k < runtime::kNumCostKinds; ++k)
    groups[static_cast<int>(runtime::cost_group(static_cast<runtime::CostKind>(k)))] += c.spent_ns(static_cast<runtime::CostKind>(k));
  for (int g = 0; g < static_cast<int>(runtime::CostGroup::Count); ++g)
    j << (g ? "," : "") << json_string(runtime::cost_group_name(static_cast<runtime::CostGroup>(g))) << ":" << groups[g];
  j << "},\"kinds\":{";
  bool first = true;
  for (std::size_t k = 0; k < runtime::kNumCostKinds; ++k) {
    const auto kind = static_cast<runtime::CostKind>(k);
    if (c.count(kind) == 0) continue;
    j << (first ? "" : ",") << json_string(runtime::cost_kind_name(kind)) << ":{\"count\":" << c.count(kind)
      << ",\"ns\":" << c.spent_ns(kind) << "}";
    first = false;
  }
  j << "}}";
  return j.str();
}

std::string cost_checkpoints_json(Simulation& sim) {
  const runtime::CostClock& c = sim.runtime().clock();
  TextOut j;
  j << "{\"kinds\":[";
  for (std::size_t k = 0; k < runtime::kNumCostKinds; ++k)
    j << (k ? "," : "") << json_string(runtime::cost_kind_name(static_cast<runtime::CostKind>(k)));
  j << "],\"checkpoints\":[";
  bool first = true;
  for (const auto& cp : c.checkpoints()) {
    j << (first ? "[" : ",[") << cp.ns;
    for (std::uint64_t n : cp.count) j << "," << n;
    j << "]";
    first = false;
  }
  j << "]}\n";
  return j.str();
}

std::string report_json(Simulation& sim) {
  TextOut j;
  const RunState st = sim.state();
  j << "{\"go\":" << json_string(sim.config().version.name()) << ",\"state\":\"" << state_name(st) << "\"";
  if (st == RunState::Panicked || st == RunState::Stopped)
    j << ",\"error\":" << json_string(sim.error()) << ",\"error_line\":" << sim.error_position().line
      << ",\"error_col\":" << sim.error_position().col;
  j << ",\"hashkey\":[" << sim.hashkey(0) << "," << sim.hashkey(1) << "," << sim.hashkey(2) << "," << sim.hashkey(3) << "]";
  j << ",\"maps\":" << maps_json(sim.maps()) << ",\"memstats\":" << memstats_json(sim.memstats());
  j << ",\"modelled\":" << modelled_json(sim);
  j << ",\"gcs\":[";
  bool first = true;
  for (const auto& e : sim.events().events()) {
    if (e.kind != EventKind::GcStart) continue;
    j << (first ? "" : ",") << "{\"cycle\":" << e.a0 << ",\"trigger\":\""
      << runtime::gc_trigger_name(static_cast<runtime::GcTriggerKind>(e.a1)) << "\",\"heap_live\":" << e.a2
      << ",\"goal\":" << e.a3 << "}";
    first = false;
  }
  j << "],\"fragmentation\":" << fragmentation_json(sim.fragmentation()) << ",\"samples\":{\"columns\":[";
  const auto& cols = sample_columns();
  for (std::size_t i = 0; i < cols.size(); ++i) j << (i ? "," : "") << json_string(cols[i]);
  j << "],\"rows\":[";
  std::vector<double> row(cols.size());
  first = true;
  for (const auto& x : sim.samples()) {
    sample_row(x, row.data());
    j << (first ? "[" : ",[");
    for (std::size_t i = 0; i < row.size(); ++i) j << (i ? "," : "") << number(row[i]);
    j << "]";
    first = false;
  }
  j << "]},\"ops\":" << sim.ops() << ",\"map_ops\":" << sim.map_ops() << ",\"stdout\":" << json_string(sim.stdout_text())
    << ",\"stderr\":" << json_string(sim.stderr_text()) << "}\n";
  return j.str();
}

std::string summary_text(Simulation& sim) {
  TextOut r;
  r << "---- bucketlab " << sim.config().version.name() << " (model: one P, simulated time; see docs/deviations.md)\n";
  for (const auto& m : sim.maps()) {
    r << m.name << " " << m.type << (m.alive ? "" : " (collected)");
    if (m.alive && m.impl == "swiss")
      r << ": count=" << m.count << (m.dir_len == 0 ? " small map (one group)" : "") << " tables=" << m.tables
        << " dirLen=" << m.dir_len << " globalDepth=" << m.global_depth << " capacity=" << m.capacity
        << " tombstones=" << m.tombstones << " seed=" << m.hash0;
    else if (m.alive)
      r << ": count=" << m.count << " B=" << m.B << " noverflow=" << m.noverflow << " hash0=" << m.hash0
        << (m.growing ? " growing nevacuate=" + std::to_string(m.nevacuate) : "");
    r << "\n";
  }
  const auto ms = sim.memstats();
  r << "MemStats: HeapAlloc=" << ms.HeapAlloc << " HeapInuse=" << ms.HeapInuse << " HeapIdle=" << ms.HeapIdle
    << " HeapReleased=" << ms.HeapReleased << " HeapSys=" << ms.HeapSys << " NextGC=" << ms.NextGC << "\n"
    << "          Mallocs=" << ms.Mallocs << " Frees=" << ms.Frees << " HeapObjects=" << ms.HeapObjects
    << " TotalAlloc=" << ms.TotalAlloc << " NumGC=" << ms.NumGC << " NumForcedGC=" << ms.NumForcedGC << "\n";
  int heap = 0, forced = 0, timed = 0;
  for (const auto& e : sim.events().events()) {
    if (e.kind != EventKind::GcStart) continue;
    (e.a1 == 0 ? heap : e.a1 == 1 ? timed : forced)++;
  }
  r << "GC cycles: " << ms.NumGC << " (" << heap << " heap-triggered, " << forced << " runtime.GC, " << timed << " periodic)\n";
  const auto f = sim.fragmentation();
  char frag[160];
  std::snprintf(frag, sizeof frag, "Fragmentation: internal %.1f%% of HeapInuse (%llu B), free runs %llu, largest %llu pages, run fragmentation %.2f\n",
                f.heap_inuse ? 100.0 * f.internal_bytes / f.heap_inuse : 0.0, static_cast<unsigned long long>(f.internal_bytes),
                static_cast<unsigned long long>(f.free_runs), static_cast<unsigned long long>(f.largest_free_run_pages),
                f.run_fragmentation);
  r << frag << "ops=" << sim.ops() << " map_ops=" << sim.map_ops() << "\n";
  {
    runtime::Runtime& rt = sim.runtime();
    const runtime::GcTimes& t = rt.gc_times();
    const std::uint64_t elapsed = rt.nanotime() - 1;
    char line[320];
    std::snprintf(line, sizeof line,
                  "Modelled time (cost model, not measured): %.3f ms since main started (%.3f ms idle); "
                  "PauseTotalNs=%llu (mean %.1f us over %u GCs) GCCPUFraction=%.4f\n",
                  elapsed / 1e6, rt.clock().idle_ns() / 1e6, static_cast<unsigned long long>(t.pause_total_ns),
                  ms.NumGC ? t.pause_total_ns / 1e3 / ms.NumGC : 0.0, ms.NumGC, t.gc_cpu_fraction);
    r << line;
  }
  return r.str();
}

}  // namespace bucketlab::sim
