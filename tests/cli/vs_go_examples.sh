#!/usr/bin/env bash
# Every example under real Go 1.19 through `bucketlab vs-go`: map structure
# bucket-exact (every tophash byte, chain lengths, count, B, noverflow,
# hash0) and MemStats (Mallocs, TotalAlloc since main started; live
# HeapObjects/HeapAlloc after a final runtime.GC()) within 2% (exit 0);
# exit 3 means a difference, which fails the test.
set -uo pipefail
cli=$1 root=$2
if [ ! -x /usr/lib/go-1.19/bin/go ]; then
  echo "vs-go examples: /usr/lib/go-1.19/bin/go missing (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
fail=0 n=0
for f in "$root"/examples/*.go; do
  n=$((n + 1))
  out=$("$cli" vs-go "$f" 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $(basename "$f") (exit $rc)"
    echo "$out"
    fail=$((fail + 1))
  else
    echo "ok   $(basename "$f")"
  fi
done
echo "vs-go examples: $((n - fail))/$n agree with Go 1.19"
[ $fail -eq 0 ]
