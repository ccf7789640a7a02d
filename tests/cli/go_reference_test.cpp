// The real-Go side of `bucketlab vs-go` (cli/go_reference.h): the source
// rewriting and report parsing on their own, then workloads run under real
// Go 1.19 (skipped with a WARN when the toolchain is absent). Expected
// numbers come from Go 1.19's runtime/map.go and runtime/alg.go, cited
// where used.
#include <catch2/catch.hpp>

#include "tests/support/test_files.h"

#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/go_reference.h"

using namespace bucketlab;
using cli::GoMapState;
using cli::GoReference;
namespace fs = std::filesystem;

namespace {

bool have_go119() {
  if (fs::exists(BUCKETLAB_GO119)) return true;
  WARN("skipped: " BUCKETLAB_GO119 " not found");
  return false;
}

GoReference run_go(const std::string& src) {
  std::string err;
  auto r = cli::run_under_go(src, err, BUCKETLAB_GO119);
  INFO(err);
  REQUIRE(r.has_value());
  return *r;
}

// runtime/map.go: tophash values below minTopHash (5) mark empty or
// evacuated cells; an occupied cell's tophash is >= minTopHash.
constexpr std::uint8_t kMinTopHash = 5;

std::int64_t occupied(const GoMapState& m) {
  return std::count_if(m.tophash.begin(), m.tophash.end(), [](std::uint8_t t) { return t >= kMinTopHash; });
}

std::uint64_t overflow_total(const GoMapState& m) {
  std::uint64_t n = 0;
  for (auto c : m.chain_len) n += c;
  return n;
}

// Checks what holds for any live map that is not growing and whose
// buckets have no overflow: every entry sits in the main array.
void check_plain_map(const GoMapState& m) {
  REQUIRE(m.frame_live);
  CHECK_FALSE(m.growing);
  CHECK(m.tophash.size() == (std::size_t{8} << m.B));
  CHECK(m.chain_len.size() == (std::size_t{1} << m.B));
}

// Builds files into dir with Go 1.19 (extra build flags allowed) and, if
// run, runs the program as run_under_go does; returns the exit status and
// the combined output.
int go_build_run(const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& files,
                 const std::string& flags, bool run, std::string& out) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "go.mod") << "module t\n\ngo 1.19\n";
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  const char* bd = std::getenv("BUCKETLAB_BUILD_DIR");
  const fs::path cache = (bd ? fs::path(bd) : fs::temp_directory_path()) / "go-vsgo" / "gocache";
  std::string cmd = "cd '" + dir.string() + "' && GOCACHE='" + cache.string() +
                    "' GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod CGO_ENABLED=0 " BUCKETLAB_GO119 " build " + flags +
                    " -o prog . 2>&1";
  if (run) cmd += " && GODEBUG=cpu.aes=off GOMAXPROCS=1 ./prog";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// go build -gcflags=-m diagnostics of main.go, columns dropped (the
// rewriting moves columns, never lines), sorted.
std::vector<std::string> escape_lines(const std::string& out) {
  std::vector<std::string> v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("./main.go:", 0) != 0) continue;
    const std::size_t a = line.find(':', 10), b = line.find(':', a + 1);
    v.push_back(line.substr(0, a) + line.substr(b));
  }
  std::sort(v.begin(), v.end());
  return v;
}

using bucketlab::testing::slurp;

}  // namespace

// --- without Go ---------------------------------------------------------

TEST_CASE("vs-go instrument: every map creation is wrapped, lines are kept", "[vs-go]") {
  const std::string src =
      "type T struct{ m map[string]int }\n"
      "a := make(map[int64]int64, 10)\n"
      "b := map[string][]int{\"x\": {1}}\n"
      "c := []map[int]bool{{1: true}, nil}\n"
      "t := T{m: map[string]int{}}\n"
      "var s []int = make([]int, 3)\n"
      "fmt.Println(len(a), len(b), len(c), len(t.m), len(s))\n";
  std::string err;
  auto ins = cli::instrument(src, err);
  INFO(err);
  REQUIRE(ins.has_value());
  const std::string& g = ins->main_go;
  CHECK(g.find("a := __bl_track(make(map[int64]int64, 10), 0)") != std::string::npos);
  CHECK(g.find("b := __bl_track(map[string][]int{\"x\": {1}}, 1)") != std::string::npos);
  // An elided literal gets its type written out.
  CHECK(g.find("c := []map[int]bool{__bl_track(map[int]bool{1: true}, 2), nil}") != std::string::npos);
  CHECK(g.find("t := T{m: __bl_track(map[string]int{}, 3)}") != std::string::npos);
  CHECK(g.find("make([]int, 3)") != std::string::npos);  // a slice: untouched
  CHECK(g.find("func main() { defer __bl_report(__bl_spoff());") != std::string::npos);
  // Same number of lines: positions in Go's messages stay valid.
  CHECK(std::count(g.begin(), g.end(), '\n') == std::count(ins->plain.begin(), ins->plain.end(), '\n'));
  // Sites in snippet coordinates, with Go's type names.
  REQUIRE(ins->sites.size() == 4);
  CHECK(ins->sites[0].line == 2);
  CHECK(ins->sites[0].col == 6);
  CHECK(ins->sites[0].type == "map[int64]int64");
  CHECK(ins->sites[1].line == 3);
  CHECK(ins->sites[2].line == 4);
  CHECK(ins->sites[2].col == 21);  // the `{` of the elided literal
  CHECK(ins->sites[2].type == "map[int]bool");
  CHECK(ins->sites[3].line == 5);
}

TEST_CASE("vs-go instrument: nested creations, named map types, whole programs", "[vs-go]") {
  const std::string src =
      "package main\n"
      "\n"
      "import \"fmt\"\n"
      "\n"
      "type Set map[string]bool\n"
      "\n"
      "var global = make(Set)\n"
      "\n"
      "func main() {\n"
      "\tm := map[string]map[int]int{\"a\": map[int]int{1: 2}, \"b\": {3: 4}}\n"
      "\tn := make(map[int]int, len(make(map[int]int)))\n"
      "\tglobal[\"x\"] = true\n"
      "\tfmt.Println(len(m), len(n), len(global))\n"
      "}\n";
  std::string err;
  auto ins = cli::instrument(src, err);
  INFO(err);
  REQUIRE(ins.has_value());
  const std::string& g = ins->main_go;
  INFO(g);
  CHECK(ins->plain == src);
  CHECK(ins->line_map.empty());
  CHECK(g.find("var global = __bl_track(make(Set), 0)") != std::string::npos);
  CHECK(g.find("m := __bl_track(map[string]map[int]int{\"a\": __bl_track(map[int]int{1: 2}, 2), \"b\": "
               "__bl_track(map[int]int{3: 4}, 3)}, 1)") != std::string::npos);
  CHECK(g.find("n := __bl_track(make(map[int]int, len(__bl_track(make(map[int]int), 5))), 4)") != std::string::npos);
  REQUIRE(ins->sites.size() == 6);
  CHECK(ins->sites[0].type == "Set");
  CHECK(ins->sites[0].line == 7);
  CHECK(ins->sites[1].line == 10);
  CHECK(ins->sites[1].col == 7);
}

TEST_CASE("vs-go instrument: front-end errors are reported at snippet positions", "[vs-go]") {
  std::string err, plain;
  auto ins = cli::instrument("x := 1\ny := undefinedName\n", err, &plain);
  CHECK_FALSE(ins.has_value());
  CHECK(err.find("2:6: undefined: undefinedName") != std::string::npos);
  CHECK(plain.find("package main") == 0);
}

TEST_CASE("vs-go map_go_positions: main.go lines become snippet lines", "[vs-go]") {
  const std::vector<std::uint32_t> line_map = {0, 0, 0, 1, 2, 0};
  CHECK(cli::map_go_positions("./main.go:5:3: undefined: x\n", line_map) == "2:3: undefined: x\n");
  CHECK(cli::map_go_positions("\t/tmp/a/main.go:4 +0x1d\n", line_map) == "\t1 +0x1d\n");
  CHECK(cli::map_go_positions("./main.go:6:1: missing return\n", line_map) == "./main.go:6:1: missing return\n");
  CHECK(cli::map_go_positions("./main.go:5:3: x\n", {}) == "./main.go:5:3: x\n");
}

TEST_CASE("vs-go parse_report: workload output kept exactly, fields in order", "[vs-go]") {
  const std::vector<cli::MapSite> sites = {{3, 6, "map[int64]int64"}};
  const std::string out =
      "hello\nno newline"
      "@@bucketlab-vs-go-report-v1@@\n"
      "hashkey 11 2 3 4\n"
      "mem_start 70 5 65 7000 8000 16384 3801088 3784704 3000000 4194304 0 0\n"
      "mem_end 100 10 90 9000 12000 16384 3801088 3784704 3000000 4194304 0 0\n"
      "map 0 0 1 1 305419896 2596069104 9 1 0 1 0 0 144 8 8 4 400 0 824634000000\n"
      "tophash 0506070800000000090a0b0c0d000000\n"
      "chains 1 0\n"
      "dropped 0\n"
      "mem_gc 101 60 41 4100 12100 8192 3801088 3792896 3000000 4194304 1 1\n"
      "end\n";
  GoReference ref;
  std::string err;
  REQUIRE(cli::parse_report(out, sites, ref, err));
  CHECK(ref.stdout_text == "hello\nno newline");
  CHECK(ref.hashkey[0] == 11);
  CHECK(ref.hashkey[3] == 4);
  CHECK(ref.at_start.Mallocs == 70);
  CHECK(ref.at_start.TotalAlloc == 8000);
  CHECK(ref.at_end.Mallocs == 100);
  CHECK(ref.at_end.HeapObjects == 90);
  CHECK(ref.Mallocs == 101);
  CHECK(ref.Frees == 60);
  CHECK(ref.HeapObjects == 41);
  CHECK(ref.HeapAlloc == 4100);
  CHECK(ref.TotalAlloc == 12100);
  CHECK(ref.HeapInuse == 8192);
  CHECK(ref.HeapSys == 3801088);
  CHECK(ref.NextGC == 4194304);
  CHECK(ref.NumGC == 1);
  CHECK(ref.after_gc.HeapReleased == 3000000);
  REQUIRE(ref.maps.size() == 1);
  const GoMapState& m = ref.maps[0];
  CHECK(m.line == 3);
  CHECK(m.type == "map[int64]int64");
  CHECK(m.stack);
  CHECK(m.hash0_at_make == 305419896u);
  CHECK(m.hash0_final == 2596069104u);
  CHECK(m.count == 9);
  CHECK(m.B == 1);
  CHECK(m.noverflow == 1);
  CHECK(m.bucketsize == 144);
  CHECK_FALSE(m.freed);
  CHECK_FALSE(m.superseded);
  CHECK(m.tophash == std::vector<std::uint8_t>{5, 6, 7, 8, 0, 0, 0, 0, 9, 10, 11, 12, 13, 0, 0, 0});
  CHECK(m.chain_len == std::vector<std::uint32_t>{1, 0});

  CHECK_FALSE(m.superseded);

  SECTION("a map whose address a later map took is superseded") {
    std::string two = out;
    two.insert(two.find("dropped"), "map 1 0 1 1 1 1 0 0 0 0 0 0 144 8 8 4 400 0 824634100000\ntophash \nchains\n"
                                    "map 2 0 0 1 1 1 0 0 0 0 0 0 144 8 8 4 400 1 824634200000\ntophash \nchains\n");
    REQUIRE(cli::parse_report(two, sites, ref, err));
    REQUIRE(ref.maps.size() == 3);
    CHECK(ref.maps[0].superseded);       // same stack offset as map 1
    CHECK_FALSE(ref.maps[1].superseded);
    CHECK_FALSE(ref.maps[2].superseded);  // a heap address: a different place
    CHECK(ref.maps[2].freed);             // ... whose memory a sweep freed
  }

  SECTION("a map whose bucket array a later map took is superseded") {
    std::string two = out;
    two.insert(two.find("dropped"), "map 1 0 0 1 1 1 0 0 0 0 0 0 144 8 8 4 500 0 824634000000\ntophash \nchains\n");
    REQUIRE(cli::parse_report(two, sites, ref, err));
    REQUIRE(ref.maps.size() == 2);
    CHECK(ref.maps[0].superseded);
    CHECK_FALSE(ref.maps[1].superseded);
  }

  SECTION("a map freed by a sweep while the report read it is dead (intact 0)") {
    std::string torn = out;
    torn.insert(torn.find("dropped"), "intact 0\n");
    REQUIRE(cli::parse_report(torn, sites, ref, err));
    CHECK(ref.maps[0].freed);
    std::string whole = out;
    whole.insert(whole.find("dropped"), "intact 1\n");
    REQUIRE(cli::parse_report(whole, sites, ref, err));
    CHECK_FALSE(ref.maps[0].freed);
    std::string bad = out;
    bad.insert(bad.find("map 0"), "intact 0\n");  // before any map
    CHECK_FALSE(cli::parse_report(bad, sites, ref, err));
  }

  SECTION("missing or cut reports are errors") {
    CHECK_FALSE(cli::parse_report("hello\n", sites, ref, err));
    CHECK(err.find("no report") != std::string::npos);
    CHECK_FALSE(cli::parse_report(out.substr(0, out.find("mem_gc")), sites, ref, err));
    CHECK(err.find("incomplete") != std::string::npos);
    std::string bad = out;
    bad.replace(bad.find("map 0 0"), 7, "map 0 7");  // site 7 does not exist
    CHECK_FALSE(cli::parse_report(bad, sites, ref, err));
  }
}

TEST_CASE("vs-go: a missing toolchain is an error, not a crash", "[vs-go]") {
  std::string err;
  auto r = cli::run_under_go("fmt.Println(1)\n", err, "/nonexistent/go");
  CHECK_FALSE(r.has_value());
  CHECK(err == "Go toolchain not found: /nonexistent/go");
}

// --- under real Go 1.19 ----------------------------------------------------

TEST_CASE("vs-go under Go 1.19: 100 int64 keys", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  const GoReference r = run_go(
      "m := make(map[int64]int64)\n"
      "for i := int64(0); i < 100; i++ {\n"
      "\tm[i] = i * i\n"
      "}\n"
      "fmt.Println(\"len\", len(m))\n");
  CHECK(r.stdout_text == "len 100\n");
  // runtime/alg.go alginit (no AES): hashkey[i] = uintptr(fastrand64()) | 1.
  for (auto k : r.hashkey) {
    CHECK(k != 0);
    CHECK((k & 1) == 1);
  }
  REQUIRE(r.maps.size() == 1);
  const GoMapState& m = r.maps[0];
  CHECK(m.type == "map[int64]int64");
  CHECK(m.line == 1);
  CHECK(m.col == 6);
  CHECK(m.count == 100);
  // runtime/map.go overLoadFactor: grow while count > 6.5 * 2^B, so 100
  // entries need B = 4 (100 > 52 = 6.5*8, 100 <= 104 = 6.5*16).
  CHECK(m.B == 4);
  check_plain_map(m);
  // Growth from B=3 to 4 finished (every insert evacuates up to 2 buckets).
  CHECK(m.nevacuate == 8);
  CHECK(m.bucketsize == 144);
  CHECK_FALSE(m.freed);
  CHECK_FALSE(m.superseded);  // 8 + 8*8 + 8*8 + 8 (runtime/map.go bmap)
  CHECK(m.keysize == 8);
  CHECK(m.elemsize == 8);
  CHECK(m.hash0_final == m.hash0_at_make);
  // Occupied main-array cells plus overflow cells hold all entries; each
  // overflow bucket holds at most 8.
  const std::int64_t main_cells = occupied(m);
  CHECK(main_cells <= 100);
  CHECK(main_cells + 8 * static_cast<std::int64_t>(overflow_total(m)) >= 100);
  CHECK(m.noverflow == overflow_total(m));
  // Not escaping: Go kept the hmap in main's frame (the model puts every
  // hmap on the heap: deviation R20).
  CHECK(m.stack);
  CHECK(m.frame_live);
  CHECK(r.NumGC >= 1);  // the report's runtime.GC()
  CHECK(r.at_end.NumGC + 1 == r.NumGC);
  CHECK(r.Mallocs >= r.at_end.Mallocs);
  CHECK(r.HeapObjects == r.Mallocs - r.Frees);  // runtime/mstats.go: HeapObjects = Mallocs - Frees
  CHECK(r.HeapAlloc <= r.at_end.HeapAlloc);
  // Each of the kWorkloadRuns runs reports the seeds it drew (vs-go pins the
  // model to each in turn): the first is this report's, and every run draws
  // its own (alginit's fastrand64 is seeded from the OS at start-up).
  REQUIRE(r.repeat_seeds.size() == static_cast<std::size_t>(bucketlab::cli::kWorkloadRuns));
  CHECK(r.repeat_seeds[0].hashkey[0] == r.hashkey[0]);
  REQUIRE(r.repeat_seeds[0].maps.size() == 1);
  CHECK(r.repeat_seeds[0].maps[0].hash0_at_make == m.hash0_at_make);
  CHECK(r.repeat_seeds[0].maps[0].tophash.empty());
  std::set<std::uint64_t> keys;
  for (const auto& rs : r.repeat_seeds) {
    CHECK(rs.maps.size() == 1);
    keys.insert(rs.hashkey[0]);
  }
  CHECK(keys.size() == r.repeat_seeds.size());
}

TEST_CASE("vs-go under Go 1.19: hint, reseed, string keys, escaping maps", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  const GoReference r = run_go(
      "var keep []map[string]int\n"
      "h := make(map[int64]int64, 1000)\n"
      "h[1] = 1\n"
      "e := make(map[int64]int64)\n"
      "for i := int64(0); i < 5; i++ {\n"
      "\te[i] = i\n"
      "}\n"
      "for i := int64(0); i < 5; i++ {\n"
      "\tdelete(e, i)\n"
      "}\n"
      "e[42] = 1\n"
      "s := map[string]int{}\n"
      "for i := 0; i < 500; i++ {\n"
      "\ts[\"key\"+strconv.Itoa(i)] = i\n"
      "}\n"
      "keep = append(keep, s)\n"
      "fmt.Print(len(h), len(e), len(keep[0]))\n");
  CHECK(r.stdout_text == "1 1 500");  // no newline: kept exactly
  REQUIRE(r.maps.size() == 3);
  const GoMapState &h = r.maps[0], &e = r.maps[1], &s = r.maps[2];
  // runtime/map.go makemap: B is the smallest with hint <= 6.5*2^B: 1000 -> 8 (832 < 1000 <= 1664).
  CHECK(h.B == 8);
  CHECK(h.count == 1);
  check_plain_map(h);
  CHECK(occupied(h) == 1);
  CHECK(overflow_total(h) == 0);
  // runtime/map.go mapdelete: deleting the last entry reseeds hash0
  // (h.hash0 = fastrand()); insertions never change it.
  CHECK(e.hash0_final != e.hash0_at_make);
  CHECK(e.count == 1);
  CHECK(e.B == 0);
  check_plain_map(e);
  CHECK(occupied(e) == 1);
  // String keys: 500 entries -> B = 7 (416 < 500 <= 832).
  CHECK(s.type == "map[string]int");
  CHECK(s.count == 500);
  CHECK(s.B == 7);
  CHECK(s.keysize == 16);
  CHECK(s.bucketsize == 8 + 8 * 16 + 8 * 8 + 8);
  CHECK(s.growing == false);
  CHECK(occupied(s) + 8 * static_cast<std::int64_t>(overflow_total(s)) >= 500);
  CHECK(occupied(s) <= 500);
  // s escapes into the keep slice, which lives on the heap: a heap hmap.
  CHECK_FALSE(s.stack);
  // The three hash0 values are independent fastrand() draws.
  std::set<std::uint32_t> seeds = {h.hash0_at_make, e.hash0_at_make, e.hash0_final, s.hash0_at_make};
  CHECK(seeds.size() == 4);
}

TEST_CASE("vs-go under Go 1.19: maps in returned frames and growth in progress", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  const GoReference r = run_go(
      "package main\n"
      "\n"
      "import \"fmt\"\n"
      "\n"
      "var global map[int]int\n"
      "\n"
      "func local() int {\n"
      "\tm := make(map[int]int)\n"
      "\tfor i := 0; i < 20; i++ {\n"
      "\t\tm[i] = i\n"
      "\t}\n"
      "\treturn len(m)\n"
      "}\n"
      "\n"
      "func main() {\n"
      "\tn := local()\n"
      "\tglobal = make(map[int]int)\n"
      "\tfor i := 0; i < 53; i++ {\n"
      "\t\tglobal[i] = i\n"
      "\t}\n"
      "\tfmt.Println(n, len(global))\n"
      "}\n");
  CHECK(r.stdout_text == "20 53\n");
  REQUIRE(r.maps.size() == 2);
  // local's map lived in local's frame, which had returned: not read.
  CHECK(r.maps[0].stack);
  CHECK_FALSE(r.maps[0].frame_live);
  CHECK(r.maps[0].tophash.empty());
  CHECK(r.maps[0].line == 8);
  // The 53rd insert finds 53 > 6.5*2^3 and starts growing to B = 4
  // (runtime/map.go mapassign -> hashGrow); growWork then evacuates the
  // written bucket and bucket nevacuate, at most 2 of the 8 old buckets,
  // so the map is still growing with nevacuate 1 or 2
  // (advanceEvacuationMark stops at the first unevacuated old bucket).
  const GoMapState& g = r.maps[1];
  CHECK_FALSE(g.stack);  // a package-level variable's map is on the heap
  CHECK(g.count == 53);
  CHECK(g.B == 4);
  CHECK(g.growing);
  CHECK(g.nevacuate >= 1);
  CHECK(g.nevacuate <= 2);
  CHECK((g.flags & 8) == 0);  // sameSizeGrow: not a same-size grow
  CHECK(g.tophash.size() == 16 * 8);
  // Most entries are still in the old array.
  CHECK(occupied(g) < g.count);
}

// A stack map's hmap stays in main's frame, but its buckets are heap objects:
// once the map is dead, a GC frees them (and the scavenger may zero their
// pages), so the report must not read them as the map's state.
TEST_CASE("vs-go under Go 1.19: a dead stack map's freed buckets are not read as its state", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  const GoReference r = run_go(
      "m := make(map[int]int)\n"
      "for i := 0; i < 1000; i++ {\n"
      "\tm[i] = i\n"
      "}\n"
      "fmt.Println(len(m))\n"
      "runtime.GC()\n");  // m is dead here: this cycle frees its buckets and overflow buckets
  CHECK(r.stdout_text == "1000\n");
  REQUIRE(r.maps.size() == 1);
  CHECK(r.maps[0].stack);
  CHECK(r.maps[0].frame_live);
  CHECK(r.maps[0].freed);
}

TEST_CASE("vs-go under Go 1.19: a compile error comes back in Go's words", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  std::string err;
  auto r = cli::run_under_go("x := 1\nfmt.Println(y)\n", err, BUCKETLAB_GO119);
  CHECK_FALSE(r.has_value());
  INFO(err);
  CHECK(err.find("go build failed") != std::string::npos);
  CHECK(err.find("2:13: undefined: y") != std::string::npos);  // at the snippet's position
  CHECK(err.find("x declared but not used") != std::string::npos);  // Go 1.19's wording
}

TEST_CASE("vs-go under Go 1.19: a panicking workload is an error with Go's stderr", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  std::string err;
  auto r = cli::run_under_go("var m map[string]int\nm[\"a\"] = 1\n", err, BUCKETLAB_GO119);
  CHECK_FALSE(r.has_value());
  INFO(err);
  CHECK(err.find("exit status 2") != std::string::npos);
  CHECK(err.find("panic: assignment to entry in nil map") != std::string::npos);
}

TEST_CASE("vs-go under Go 1.19: every example runs", "[vs-go][oracle-go][examples]") {
  if (!have_go119()) return;
  std::vector<fs::path> ex;
  for (const auto& e : fs::directory_iterator(fs::path(BUCKETLAB_SOURCE_DIR) / "examples"))
    if (e.path().extension() == ".go") ex.push_back(e.path());
  std::sort(ex.begin(), ex.end());
  CHECK(ex.size() >= 10);
  for (const auto& p : ex) {
    INFO(p.filename().string());
    std::string err;
    auto r = cli::run_under_go(slurp(p), err, BUCKETLAB_GO119);
    INFO(err);
    REQUIRE(r.has_value());
    CHECK(r->dropped_maps == 0);
    for (const auto& m : r->maps) {
      if (!m.frame_live) continue;
      // A live map's tophash dump covers its whole main array.
      CHECK(m.tophash.size() == (std::size_t{8} << m.B));
      CHECK(occupied(m) <= m.count);
    }
  }
}

TEST_CASE("vs-go under Go 1.19: instrumenting keeps Go's escape decisions for every example", "[vs-go][oracle-go][examples]") {
  if (!have_go119()) return;
  const char* bd = std::getenv("BUCKETLAB_BUILD_DIR");
  const fs::path base = (bd ? fs::path(bd) : fs::temp_directory_path()) / "go-vsgo" / "escape-test";
  for (const auto& e : fs::directory_iterator(fs::path(BUCKETLAB_SOURCE_DIR) / "examples")) {
    if (e.path().extension() != ".go") continue;
    INFO(e.path().filename().string());
    std::string err;
    auto ins = cli::instrument(slurp(e.path()), err);
    INFO(err);
    REQUIRE(ins.has_value());
    std::string plain_out, ins_out;
    REQUIRE(go_build_run(base / "plain", {{"main.go", ins->plain}}, "-gcflags=-m", false, plain_out) == 0);
    auto files = cli::support_files();
    files.emplace_back("main.go", ins->main_go);
    REQUIRE(go_build_run(base / "ins", files, "-gcflags=-m", false, ins_out) == 0);
    const auto a = escape_lines(plain_out), b = escape_lines(ins_out);
    CHECK(!a.empty());
    CHECK(a == b);  // "make(map[int]int) does not escape" etc., line by line
  }
}

TEST_CASE("vs-go under Go 1.19: instrumenting allocates nothing in the workload", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  // No allocation here depends on hash seeds (no map can need an overflow
  // bucket), so the workload's own MemStats deltas are exact, and must be
  // the same with and without the instrumentation.
  const std::string src =
      "var s0, s1 runtime.MemStats\n"
      "runtime.ReadMemStats(&s0)\n"
      "small := make(map[int]int)\n"
      "for i := 0; i < 8; i++ {\n"
      "\tsmall[i] = i\n"
      "}\n"
      "var keep []map[string]int\n"
      "for j := 0; j < 10; j++ {\n"
      "\tkeep = append(keep, map[string]int{\"a\": j})\n"
      "}\n"
      "h := make(map[int64]int64, 50)\n"
      "h[1], h[2], h[3] = 1, 2, 3\n"
      "var strs []string\n"
      "for i := 0; i < 100; i++ {\n"
      "\tstrs = append(strs, \"s\"+strconv.Itoa(i))\n"
      "}\n"
      "runtime.ReadMemStats(&s1)\n"
      "fmt.Println(s1.Mallocs-s0.Mallocs, s1.TotalAlloc-s0.TotalAlloc, s1.HeapObjects-s0.HeapObjects,\n"
      "\tlen(small), len(keep), len(h), len(strs))\n";
  std::string err;
  auto ins = cli::instrument(src, err);
  REQUIRE(ins.has_value());
  const char* bd = std::getenv("BUCKETLAB_BUILD_DIR");
  const fs::path base = (bd ? fs::path(bd) : fs::temp_directory_path()) / "go-vsgo" / "alloc-test";
  std::string plain_out;
  REQUIRE(go_build_run(base, {{"main.go", ins->plain}}, "", true, plain_out) == 0);
  const GoReference r = run_go(src);
  CHECK(r.stdout_text == plain_out);
  CHECK(r.stdout_text.find(" 8 10 3 100\n") != std::string::npos);
  REQUIRE(r.maps.size() == 12);
  CHECK(r.maps[0].stack);          // small: does not escape
  CHECK_FALSE(r.maps[1].stack);    // the literals kept in the slice escape
  CHECK(r.maps[11].stack);         // h
  CHECK(r.maps[11].B == 3);        // hint 50: 6.5*4 < 50 <= 6.5*8
}

TEST_CASE("vs-go under Go 1.19: a stack map is found again after the stack moved", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  // Deep recursion grows main's goroutine stack by copying it
  // (runtime/stack.go copystack): the hmap in main's frame moves, and is
  // found through its offset from stack.hi.
  const GoReference r = run_go(
      "func deep(n int) int {\n"
      "\tvar pad [64]int\n"
      "\tpad[n%64] = n\n"
      "\tif n == 0 {\n"
      "\t\treturn pad[0]\n"
      "\t}\n"
      "\treturn deep(n-1) + pad[n%64]\n"
      "}\n"
      "m := make(map[int]int)\n"
      "m[1] = 1\n"
      "d := deep(5000)\n"
      "for i := 0; i < 40; i++ {\n"
      "\tm[i] = i\n"
      "}\n"
      "m2 := map[int]int{}\n"
      "for i := 0; i < 40; i++ {\n"
      "\tdelete(m, i)\n"
      "}\n"
      "m2[1] = 1\n"
      "fmt.Println(d, len(m), len(m2))\n");
  CHECK(r.stdout_text == "12502500 0 1\n");
  REQUIRE(r.maps.size() == 2);
  const GoMapState& m = r.maps[0];
  CHECK(m.stack);
  CHECK(m.frame_live);
  CHECK(m.count == 0);
  // 40 entries: B = 3 (26 < 40 <= 52, runtime/map.go overLoadFactor).
  CHECK(m.B == 3);
  CHECK(occupied(m) == 0);
  // Deleting the last entry reseeded hash0 (runtime/map.go mapdelete).
  CHECK(m.hash0_final != m.hash0_at_make);
  CHECK(r.maps[1].count == 1);
}

TEST_CASE("vs-go under Go 1.19: a loop body's stack map is superseded by the next iteration's", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  const GoReference r = run_go(
      "total := 0\n"
      "for i := 0; i < 3; i++ {\n"
      "\ttmp := make(map[string]int, 100)\n"
      "\ttmp[\"x\"] = i\n"
      "\ttotal += len(tmp)\n"
      "}\n"
      "fmt.Println(total)\n");
  CHECK(r.stdout_text == "3\n");
  REQUIRE(r.maps.size() == 3);
  for (const auto& m : r.maps) {
    CHECK(m.stack);
    CHECK(m.B == 4);  // hint 100: 52 < 100 <= 104 (runtime/map.go makemap)
  }
  // One stack slot, reused by every iteration.
  CHECK(r.maps[0].superseded);
  CHECK(r.maps[1].superseded);
  CHECK_FALSE(r.maps[2].superseded);
  CHECK(r.maps[2].hash0_final == r.maps[2].hash0_at_make);
  CHECK(r.maps[0].hash0_final == r.maps[2].hash0_at_make);  // what is read there is the last map
}

TEST_CASE("vs-go under Go 1.19: a workload Go accepts but bucketlab refuses is an error", "[vs-go][oracle-go]") {
  if (!have_go119()) return;
  std::string err;
  auto r = cli::run_under_go("ch := make(chan int, 1)\nch <- 1\nfmt.Println(<-ch)\n", err, BUCKETLAB_GO119);
  CHECK_FALSE(r.has_value());
  INFO(err);
  CHECK(err.rfind("bucketlab's front end refused the workload (Go accepts it):\n1:", 0) == 0);
}
