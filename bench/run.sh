#!/usr/bin/env bash
# One command for issue 9's figures: builds what it needs, then prints (and
# writes docs/benchmarks.md) each figure beside its target. Times are
# measured in this run, on this machine; best of $REPS. Nothing here is
# asserted by the test suite.
#   bench/run.sh            (REPS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-3}
export NODE_PATH=/usr/share/nodejs
make -s build-native build-wasm >/dev/null
make -s build-web >/dev/null
source bench/workloads.sh
GO=/usr/lib/go-1.19/bin/go
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cli=build/native/bucketlab
node_mod=$PWD/build/wasm/wasm/bucketlab_node.cjs
now() { date +%s%N; }
best() { sort -n | head -1; }
out=docs/benchmarks.md
{
echo "# Benchmarks"
echo
echo "Made by \`bench/run.sh\` (best of $REPS runs each) on $(date -u +%Y-%m-%d). Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB RAM; $($GO version), node $(node --version)."
echo "Ratios are from this one run; other machines give other absolute times. Run on a quiet machine: other processes on the 2 cores move every figure."
echo
echo "## Model speed against real Go"
echo
echo "| workload | real Go 1.19 | native CLI | CLI / Go (target ≤ 3) | wasm in node | wasm / CLI (target ≤ 1.5) |"
echo "|---|---|---|---|---|---|"
for w in int64_insert_delete churn_users string_keys; do
  src="$tmp/$w.go"
  printf '%s\n' "${WORKLOAD[$w]}" > "$src"
  # real Go: the snippet wrapped as a program, timed inside the process
  mkdir -p "$tmp/go-$w"
  { echo 'package main'; echo; echo 'import ("fmt"; "os"; "strconv"; "time")'; echo 'var _ = strconv.Itoa'
    echo 'func main() {'; echo 't0 := time.Now()'; printf '%s\n' "${WORKLOAD[$w]}"
    echo 'fmt.Fprintln(os.Stderr, time.Since(t0).Nanoseconds())'; echo '}'; } > "$tmp/go-$w/main.go"
  (cd "$tmp/go-$w" && GOTOOLCHAIN=local GOFLAGS=-mod=mod "$GO" mod init b >/dev/null 2>&1; "$GO" build -o prog . )
  go_ns=$(for r in $(seq "$REPS"); do GOMAXPROCS=1 "$tmp/go-$w/prog" 2>&1 >/dev/null; done | best)
  cli_ns=$(for r in $(seq "$REPS"); do t=$(now); "$cli" run "$src" >/dev/null 2>&1; echo $(( $(now) - t )); done | best)
  wasm_ns=$(node -e '
    const fs = require("fs");
    require(process.argv[1])().then((m) => {
      const cfg = { go: 19, gogc: 100, memlimit: "", seed: "1", hashkey: "", hash0: "", maxOps: 1e12,
                    maxHeapBytes: 2 ** 31, maxOutputBytes: 2 ** 20, maxWallMs: 0, sampleEveryOps: 4096 };
      const src = fs.readFileSync(process.argv[2], "utf8");
      let best = Infinity;
      for (let r = 0; r < Number(process.argv[3]); r++) {
        const t = process.hrtime.bigint();
        const s = new m.Session();
        s.load(src, cfg);
        s.run(1e18);
        s.delete();
        best = Math.min(best, Number(process.hrtime.bigint() - t));
      }
      console.log(best);
    });' "$node_mod" "$src" "$REPS")
  awk -v w="$w" -v g="$go_ns" -v c="$cli_ns" -v n="$wasm_ns" 'BEGIN {
    printf "| %s | %.0f ms | %.0f ms | %.2f %s | %.0f ms | %.2f %s |\n", w, g/1e6, c/1e6, c/g, (c/g <= 3 ? "met" : "**not met**"), n/1e6, n/c, (n/c <= 1.5 ? "met" : "**not met**") }'
done
echo
echo "## Memory"
echo
echo "| workload | simulated HeapSys | CLI max RSS | RSS / HeapSys |"
echo "|---|---|---|---|"
for w in int64_insert_delete churn_users; do
  heap=$("$cli" run "$tmp/$w.go" --json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).memstats.HeapSys))')
  /usr/bin/time -o "$tmp/rss" -f '%M' "$cli" run "$tmp/$w.go" >/dev/null 2>&1
  rss=$(tail -1 "$tmp/rss")
  awk -v w="$w" -v h="$heap" -v r="$rss" 'BEGIN { printf "| %s | %.1f MiB | %.1f MiB | %.2f |\n", w, h/1048576, r/1024, r*1024/h }'
done
echo
echo "Target: the model's memory under 4x the simulated heap plus a fixed overhead."
echo
echo "## Page bundle"
echo
gzsum() { local t=0 f; for f in "$@"; do [ -f "$f" ] && t=$((t + $(gzip -9c "$f" | wc -c))); done; echo "$t"; }
js=$(gzsum web/dist/assets/*.js); css=$(gzsum web/dist/assets/*.css); html=$(gzsum web/dist/index.html)
wasm=$(gzsum web/dist/assets/*.wasm)
awk -v j="$js" -v w="$wasm" -v c="$css" -v h="$html" 'BEGIN { t=j+w+c+h; printf "JS %.0f KB, wasm %.0f KB, CSS %.0f KB, HTML %.1f KB gzip: total %.0f KB (target < 450 KB: %s)\n", j/1024, w/1024, c/1024, h/1024, t/1024, (t < 450*1024 ? "met" : "**not met**") }'
echo
echo "What a browser downloads from web/dist (the split build: page JS, worker JS, CSS, HTML and the .wasm), each file gzip -9."
echo
echo "## Page (headless Chromium, web/dist from scripts/static-server.mjs)"
echo
page=$(node bench/page.mjs web/dist "$REPS")
node -e '
const p = JSON.parse(process.argv[1]);
const ok = (c) => (c ? "met" : "**not met**");
console.log("| figure | measured | target |");
console.log("|---|---|---|");
console.log(`| time to interactive (navigation start to Run enabled), best of '"$REPS"' | ${p.tti_ms.toFixed(0)} ms (first load ${p.tti_first_ms.toFixed(0)} ms) | < 1500 ms: ${ok(p.tti_ms < 1500)} |`);
console.log(`| frames per second while churn_users runs at "max" | ${p.fps.toFixed(1)} (idle page: ${p.idle_fps.toFixed(0)}; charts redrawn ${p.redraws_per_s.toFixed(1)}/s; ${p.long_task_ms.toFixed(0)} ms of long tasks in a ${p.run_s.toFixed(1)} s run; ${p.take_ms.toFixed(1)} ms per batch taken, ${p.draw_ms.toFixed(1)} ms per redraw) | ≥ 30: ${ok(p.fps >= 30)} |`);
' "$page"
echo
echo "## Inspection snapshots (wasm in node, best of 20)"
echo
insp=$(node bench/inspect.cjs "$node_mod" 20)
node -e '
const p = JSON.parse(process.argv[1]);
const ok = (c) => (c ? "met" : "**not met**");
console.log("| snapshot | time | target |");
console.log("|---|---|---|");
console.log(`| full snapshot: every bucket, chain and slot (tophash, hash) of a 2^${Math.log2(p.map_buckets)}-bucket map (mapFlat: typed array, ${p.flat_kib.toFixed(0)} KiB, key text per slot on demand) | ${p.flat_ms.toFixed(2)} ms | < 2 ms: ${ok(p.flat_ms < 2)} |`);
console.log(`| the same map as JSON with every key and elem formatted (inspectMap, ${p.json_kib.toFixed(0)} KiB: the CLI/test form) | ${p.map_ms.toFixed(2)} ms | (not what the page takes) |`);
console.log(`| the same map as the map view takes it at that size (mapHeat: a row per bucket, typed array) | ${p.heat_ms.toFixed(2)} ms | < 2 ms: ${ok(p.heat_ms < 2)} |`);
console.log(`| a ${p.heap_mib.toFixed(0)} MiB heap, ${p.spans} spans (heapPages + heapSpans) | ${p.heap_ms.toFixed(2)} ms | < 2 ms: ${ok(p.heap_ms < 2)} |`);
' "$insp"
echo
echo "Profiles, instruction counts and what limits the targets not met: bench/perf_notes.md."
} | tee "$out"
echo "bench: wrote $out"
