#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz preset) and runs each for a bounded
# time, seeded from the examples and the test workloads. Any crash, hang
# (-timeout), leak or sanitizer report fails the run; the input that did it
# is left in build/fuzz/artifacts/ (add it to tests/fuzz/regressions/ as a
# regression test once fixed: every file there is replayed first).
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${JOBS:-2}"
bin=build/fuzz/tests/fuzz
work=build/fuzz/work
rm -rf "$work" && mkdir -p "$work" build/fuzz/artifacts
# Seeds: byte 0 selects the Go version (bit 0), GOGC (bit 1) and stepping (bit 2).
for t in fuzz_front fuzz_run; do
  mkdir -p "$work/$t"
  i=0
  for f in examples/*.go tests/lang/programs/*.go tests/lang/errors/*.go tests/lang/run/*.go; do
    [ -f "$f" ] || continue
    i=$((i + 1))
    { printf "\\x0$((i % 8))"; cat "$f"; } > "$work/$t/seed-$i"
  done
done
mkdir -p "$work/fuzz_maps"
head -c 4096 /dev/zero | tr '\0' '\1' > "$work/fuzz_maps/seed-assign"
printf '\x01\x07\x00\x00\x00\x01\x05\x03\x02\x09\x04\x04\x05\x06\x05\x07\x07\x01\x08\x00\x10' > "$work/fuzz_maps/seed-mixed"
status=0
for t in fuzz_front fuzz_run fuzz_maps; do
  # regressions first: inputs that once failed must keep passing
  if compgen -G "tests/fuzz/regressions/$t/*" >/dev/null; then
    "$bin/$t" tests/fuzz/regressions/$t/* >"$work/$t.regressions.log" 2>&1 || { echo "fuzz: $t regression FAILED (see $work/$t.regressions.log)"; status=1; }
  fi
  if "$bin/$t" "$work/$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix=build/fuzz/artifacts/$t- -print_final_stats=1 >"$work/$t.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz: $t ok ($runs inputs in ${secs}s, corpus $(ls "$work/$t" | wc -l))"
  else
    echo "fuzz: $t FAILED (log: $work/$t.log; input: build/fuzz/artifacts/)"
    grep -m5 -E 'ERROR|SUMMARY|Deadly|==' "$work/$t.log" || true
    status=1
  fi
done
exit $status
