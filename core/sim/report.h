// Reports of a Simulation as JSON and text: the one serialisation the CLI
// (--json, --csv, the summary) and the wasm bindings share, so that the
// native and the browser builds print byte-identical results.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/event.h"
#include "core/sim/simulation.h"

namespace bucketlab::sim {

std::string json_string(std::string_view s);  // a JSON string literal, quotes included

// Columns of the sample table, in the order sample_row() writes them.
const std::vector<std::string>& sample_columns();
void sample_row(const Sample& s, double* out);  // sample_columns().size() values
std::string samples_csv(const std::vector<Sample>& samples);

const char* event_kind_name(EventKind k);
// One sentence saying what the event means ("GC #3 started: heap trigger, heap 4.1 MiB, goal 4.0 MiB").
std::string event_text(const Event& e);
std::string event_json(const Event& e);
// {"total":N,"events":[...]}: events with seq >= since, at most max of them.
std::string events_json(const EventLog& log, std::uint64_t since, std::size_t max);

std::string memstats_json(const runtime::MemStats& ms);
std::string maps_json(const std::vector<MapSummary>& maps);
std::string fragmentation_json(const runtime::Fragmentation& f);
std::string run_result_json(const RunResult& r, const Simulation& sim);
std::string diagnostics_json(const std::vector<lang::Diagnostic>& ds);
std::string classic_map_json(const maps::ClassicMapSnapshot& s);
std::string swiss_map_json(const maps::SwissMapSnapshot& s);
// Where the last evacuation moved each entry (map view animation).
std::string evacuation_json(const maps::EvacuationView& v);
// One slot's text (maps::SlotView): {"valid","byte","hash","key","elem"},
// hash as the snapshots spell it ("0x%016x", "" for none).
std::string slot_json(const maps::SlotView& v);
// Simulated-time figures from the cost model (core/runtime/cost_model.h),
// all under one "modelled" object so no reader mistakes them for
// measurements: {"note","nanotime","elapsed_ns","NumGC","PauseTotalNs",
// "PauseNs" (newest first, at most 256), "PauseEnd", "LastGC",
// "GCCPUFraction","gc_cpu_ns","idle_mark_ns","idle_ns","groups":{...},
// "kinds":{"Instr":{"count","ns"},...}}.
std::string modelled_json(Simulation& sim);
// {"kinds":[names],"checkpoints":[[ns,count...],...]}: the cost counts at
// each time.Now/time.Since (SimConfig::cost_checkpoints), for bench/calibrate.
std::string cost_checkpoints_json(Simulation& sim);

// `bucketlab run --json`: {"go","state",["error","error_line","error_col"],"hashkey","maps","memstats","modelled","gcs","samples","ops","map_ops","stdout"}.
std::string report_json(Simulation& sim);
// The readable summary `bucketlab run` prints after the workload's output.
std::string summary_text(Simulation& sim);

}  // namespace bucketlab::sim
