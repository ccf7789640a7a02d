#!/usr/bin/env bash
# Calibrates the cost model (core/runtime/cost_model.h) against real Go 1.19
# on this machine and regenerates core/runtime/cost_constants.h and
# bench/calibrate/REPORT.md.
#
#   bash bench/calibrate/calibrate.sh [RUNS [WORKLOAD...]]   (default: 7 runs, every workload)
#
# Naming workloads re-measures only those (the others' results in
# build/calibrate are reused) before fitting.
#   MODEL_ONLY=1 bash bench/calibrate/calibrate.sh
# measures nothing under Go: it recounts every workload in the model
# against the Go runs already in build/calibrate and refits (after a change
# to what the model counts).
#
# Needs build/native (cmake --preset native && cmake --build --preset native)
# and Go 1.19 at /usr/lib/go-1.19/bin/go. Every workload in
# bench/calibrate/workloads/ is a bucketlab snippet whose phases are timed
# with time.Now/time.Since. It is run
#   - under real Go 1.19 (GOMAXPROCS=1, GODEBUG=gctrace=1), RUNS times: the
#     phase durations it prints, in CPU time (time.Now/time.Since are
#     rewritten to read the process's CPU clock: on a shared machine wall
#     time measures the other load), and the gctrace lines;
#   - in the model once (bucketlab run --cost-checkpoints): the count of
#     every cost kind at each time.Now/time.Since, so each phase's counts.
# fit.py then fits the prices stage by stage (see its header) from the
# fastest of the runs of each phase (the least disturbed by other load).
# The model's counts depend on the cache sizes in cost_constants.h (its map
# miss terms): when fit.py writes different sizes (a new machine), bucketlab
# is rebuilt and every workload recounted before the final fit, so that the
# prices are fitted to the counts the shipped model makes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-7}
go=${GO119:-/usr/lib/go-1.19/bin/go}
bl=$root/build/native/bucketlab
wrap=$root/build/native/bl_wrap
out=${BUCKETLAB_CALIB_DIR:-$root/build/calibrate}
[ -x "$bl" ] && [ -x "$wrap" ] || { echo "build first: cmake --preset native && cmake --build --preset native" >&2; exit 2; }
[ -x "$go" ] || { echo "Go 1.19 not found at $go" >&2; exit 2; }
mkdir -p "$out"
shift || true
if [ "${MODEL_ONLY:-0}" = 1 ]; then
  list=()
elif [ $# -gt 0 ]; then
  list=(); for n in "$@"; do list+=("$root/bench/calibrate/workloads/$n.go"); done
else
  list=("$root"/bench/calibrate/workloads/*.go)
fi
for w in "${list[@]}"; do
  name=$(basename "$w" .go)
  d=$out/$name
  rm -rf "$d" && mkdir -p "$d"
  # Phases are timed on the process's CPU clock (bench/go/bl_timing.go).
  "$wrap" "$w" | sed -e 's/^func main() {$/func blMain() {/' -e 's/time\.Now()/blNow()/g' -e 's/time\.Since(/blSince(/g' > "$d/main.go"
  if grep -q '"time"' "$d/main.go"; then echo 'var _ = time.Second' >> "$d/main.go"; fi
  cp "$root/bench/go/bl_timing.go" "$root/bench/go/bl_stub.s" "$d/"
  printf 'module blcalib\n\ngo 1.19\n' > "$d/go.mod"
  (cd "$d" && env -u GOFLAGS GOWORK=off "$go" build -o prog .)
  echo "== $name: $runs Go runs" >&2
  for i in $(seq "$runs"); do
    env -u GOGC -u GOMEMLIMIT GOMAXPROCS=1 GODEBUG=gctrace=1 "$d/prog" > "$d/go.$i.out" 2> "$d/go.$i.err"
  done
done
# Every workload's counts, from the bucketlab of this tree.
count_model() {
  for w in "$root"/bench/calibrate/workloads/*.go; do
    name=$(basename "$w" .go)
    d=$out/$name
    [ -s "$d/go.1.out" ] || { echo "$name has no Go runs in $out: measure it (calibrate.sh $runs $name)" >&2; exit 1; }
    echo "== $name: model" >&2
    # (The checkpoints are written before the run's summary; a failure after
    # them is reported but does not lose the counts.)
    "$bl" run "$w" --cost-checkpoints "$d/model.json" > "$d/model.out" 2> "$d/model.err" ||
      echo "warning: bucketlab run $name exited with status $? (see $d/model.err)" >&2
    [ -s "$d/model.json" ] || { echo "no checkpoints from the model for $name" >&2; exit 1; }
  done
}
if [ ${#list[@]} -gt 0 ]; then
  grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //' > "$out/machine.txt"
  nproc >> "$out/machine.txt"
fi
caches() { grep -E 'kL[12]Bytes =' "$root/core/runtime/cost_constants.h"; }
for pass in 1 2; do
  before=$(caches)
  count_model
  python3 "$root/bench/calibrate/fit.py" "$out" "$root" "$runs"
  [ "$(caches)" = "$before" ] && break
  echo "== the cache sizes changed: rebuilding bucketlab and recounting" >&2
  (cd "$root" && cmake --build --preset native --target bucketlab >&2)
done
