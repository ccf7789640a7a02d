// The real-Go side of `bucketlab vs-go`: runs a workload under real Go 1.19
// with the portable hash (GODEBUG=cpu.aes=off) and reads back what the
// model needs to be pinned to (runtime.hashkey, every map's hash0) and what
// it is compared with (every map's final structure, MemStats).
//
// How: the workload (a snippet wrapped with lang::wrap_snippet, or a whole
// program as is) is checked with the front end, and its source text is
// rewritten, keeping every line where it was:
//   - every map creation, `make(map[K]V...)` or a map composite literal,
//     becomes `__bl_track(<creation>, SITE)`; __bl_track records the hmap's
//     address (as a uintptr, invisible to the GC) and hash0 in a fixed
//     array and returns the map unchanged, so escape analysis and
//     allocation are the workload's own;
//   - `defer __bl_report(__bl_spoff())` is put first in func main, so the
//     report runs when main returns, while main's frame, where Go keeps a
//     map that does not escape, is still intact.
// The report, printed to stdout after a marker line without allocating:
// runtime.hashkey, MemStats at the end, each tracked map's state, then
// runtime.GC() and MemStats again. Support code: see kSupportGo in
// go_reference.cpp.
//
// Limits (docs/deviations.md R24-R27): maps are listed in the order __bl_track
// saw them, which is creation order except that a map literal nested in
// another map literal is listed before the outer one; maps that are no
// longer alive are read anyway (freed heap memory stays mapped, scavenged
// pages read as zeros, a reused object reads as garbage): the model decides
// which maps are alive; a stack map whose frame has returned is marked
// frame_live = false and its buckets are not read; the runtime layouts read
// are Go 1.19's (a modern toolchain fails to build or reports garbage).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bucketlab::cli {

// One map made by the workload, in creation order.
struct GoMapState {
  std::uint32_t hash0_at_make = 0;  // hmap.hash0 right after make / the map literal
  std::uint32_t hash0_final = 0;    // at the end (Go 1.19 reseeds when a delete empties the map, and in mapclear)
  std::int64_t count = 0;
  std::uint8_t B = 0, flags = 0;
  std::uint16_t noverflow = 0;
  std::uint64_t nevacuate = 0;
  bool growing = false;               // oldbuckets != nil
  std::vector<std::uint8_t> tophash;  // 8 tophash bytes per bucket of the main array, bucket by bucket
  std::vector<std::uint32_t> chain_len;  // overflow buckets hanging off each bucket of the main array
  // Where it was made, in the workload's own coordinates (snippet lines for
  // a snippet), and its type as Go prints it.
  std::uint32_t line = 0, col = 0;
  std::string type;
  // Go kept the hmap on the stack (escape analysis: the map does not
  // escape). frame_live: that frame had not returned when main did (false:
  // the state fields are stale stack memory and tophash/chain_len are empty).
  bool stack = false;
  bool frame_live = true;
  // A later map was made at the same address (a collected heap map's
  // memory, a stack slot reused by a loop body): this map is dead and its
  // state fields describe the later one.
  bool superseded = false;
  // A heap map whose header or bucket array is no longer an allocated
  // object (a sweep freed it after Go found the map dead; Go's liveness is
  // precise, the model's is by scope): its memory is stale.
  bool freed = false;
  // From the map's runtime type (Go 1.19 runtime/type.go maptype).
  std::uint16_t bucketsize = 0;
  std::uint8_t keysize = 0, elemsize = 0;
  std::uint32_t maptype_flags = 0;  // 1 indirect key, 2 indirect elem, 4 reflexive key, 8 need key update, 16 hash might panic
};

// The MemStats fields the report carries.
struct GoMemStats {
  std::uint64_t Mallocs = 0, Frees = 0, HeapObjects = 0, HeapAlloc = 0, TotalAlloc = 0, HeapInuse = 0,
                HeapSys = 0, HeapIdle = 0, HeapReleased = 0, NextGC = 0;
  std::uint32_t NumGC = 0, NumForcedGC = 0;
};

inline constexpr int kBaselineRuns = 5;
inline constexpr int kWorkloadRuns = 5;

// The seeds one run of the workload drew: runtime.hashkey and every tracked
// map's hash0 (at make, at the end) with the flags that say whether the
// final one is the map's own (superseded, frame_live); no bucket contents.
struct GoRunSeeds {
  std::uint64_t hashkey[4] = {0, 0, 0, 0};
  std::vector<GoMapState> maps;  // tophash and chain_len left empty
};

struct GoReference {
  std::uint64_t hashkey[4] = {0, 0, 0, 0};  // runtime.hashkey (runtime/alg.go alginit)
  std::vector<GoMapState> maps;
  // runtime.MemStats after the workload ended, then runtime.GC(), then ReadMemStats:
  std::uint64_t Mallocs = 0, Frees = 0, HeapObjects = 0, HeapAlloc = 0, TotalAlloc = 0, HeapInuse = 0,
                HeapSys = 0, NextGC = 0;
  std::uint32_t NumGC = 0;
  GoMemStats after_gc;  // the same, with more fields
  GoMemStats at_end;    // when main returned, before that runtime.GC()
  GoMemStats at_start; // as main started: the runtime's and packages' own allocations before main
  // After-GC MemStats of the same binary with main returning at once
  // (BUCKETLAB_VSGO_BASELINE=1), kBaselineRuns runs: what a program that
  // does nothing keeps live, which varies by a few objects between runs.
  std::vector<GoMemStats> baseline_after_gc;
  // After-GC MemStats of kWorkloadRuns runs of the workload (the first is
  // after_gc): Go's own run-to-run spread of the live heap.
  std::vector<GoMemStats> repeat_after_gc;
  // ... and their MemStats as main started, for Go's run-to-run spread of
  // Mallocs and TotalAlloc (e.g. a cycle that starts an M: 3 objects more).
  std::vector<GoMemStats> repeat_at_start;
  // ... and the seeds each of them drew. Mallocs, TotalAlloc and the live
  // heap depend on them (a map's overflow buckets do), so the model is run
  // once per Go run, pinned to that run's seeds, and compared run by run.
  std::vector<GoRunSeeds> repeat_seeds;
  std::uint64_t dropped_maps = 0;  // maps beyond the tracking capacity (65536), not listed
  std::string stdout_text;  // what the workload printed (without the report)
};

// Wraps (snippet -> program with lang::wrap_snippet; whole programs as they
// are), instruments, builds with go_binary into a temporary directory (the
// build cache under $BUCKETLAB_BUILD_DIR/go-vsgo or /tmp/bucketlab-vsgo),
// runs with GODEBUG=cpu.aes=off GOMAXPROCS=1 (the model is one P; GOGC,
// GOMEMLIMIT and GODEBUG are otherwise cleared, extra_env entries NAME=value
// are added), parses the report. Returns nullopt and sets `error` when the
// toolchain is missing or the build or the run fails (with Go's stderr,
// positions mapped back to snippet lines), or the workload is refused by
// bucketlab's front end.
std::optional<GoReference> run_under_go(std::string_view source, std::string& error,
                                         const std::string& go_binary = "/usr/lib/go-1.19/bin/go",
                                         const std::vector<std::string>& extra_env = {});

// --- the pieces, exposed for tests -----------------------------------------

struct MapSite {
  std::uint32_t line = 0, col = 0;  // workload coordinates
  std::string type;
};

struct Instrumented {
  std::string plain;      // the Go program (the wrapped snippet, or the source)
  std::string main_go;    // plain, instrumented (same lines)
  std::vector<MapSite> sites;  // indexed by the SITE argument of __bl_track
  std::vector<std::uint32_t> line_map;  // snippets: wrapped line - 1 -> snippet line (0: added); empty for programs
};

// Checks the workload with the front end (Go 1.19) and rewrites it. On
// front-end errors returns nullopt with the diagnostics in `error`
// (and `plain` still set in *plain_out if given, to let Go word them).
std::optional<Instrumented> instrument(std::string_view source, std::string& error,
                                       std::string* plain_out = nullptr);

// The Go support files written next to main.go: (file name, contents).
std::vector<std::pair<std::string, std::string>> support_files();

// Parses a run's stdout (workload output, marker, report) into ref, with
// sites giving each map's position and type. False with `error` set when
// the report is missing or malformed.
bool parse_report(std::string_view out, const std::vector<MapSite>& sites, GoReference& ref, std::string& error);

// Rewrites "main.go:L:C" positions in Go's messages to workload
// coordinates "L':C" through line_map (a no-op when line_map is empty).
std::string map_go_positions(std::string_view text, const std::vector<std::uint32_t>& line_map);

}  // namespace bucketlab::cli
