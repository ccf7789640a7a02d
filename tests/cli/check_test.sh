#!/bin/bash
# `bucketlab check`: exit codes and Go-worded diagnostics with FILE:line:col.
# Expected messages come from the golden files' headers, which were verified
# against `go build` (tests/lang/errors/*.go, "// ERROR line:col: msg").
# Usage: check_test.sh BUCKETLAB_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
fails=0
t() {  # name, want-exit, command... ; stderr in $err
  local name=$1 want=$2
  shift 2
  err=$("$@" 2>&1 >/dev/null)
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, want $want; stderr: $err"
    fails=$((fails + 1))
  fi
}
has() {  # name, expected substring of $err
  if [[ "$err" != *"$2"* ]]; then
    echo "FAIL $1: stderr lacks '$2'; got: $err"
    fails=$((fails + 1))
  fi
}
golden() { sed -n 's|^// ERROR ||p' "$1" | head -1; }

ok=$src/tests/lang/programs/maps_basic.go
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t "valid program" 0 "$bin" check "$ok"
[ -z "$err" ] || { echo "FAIL valid program printed: $err"; fails=$((fails + 1)); }

f=$src/tests/lang/errors/mistake_shadow_unused.go
t "go1.26 wording" 1 "$bin" check "$f" --go 1.26
has "go1.26 wording" "$f:$(golden "$f")"

f=$src/tests/lang/errors/mistake_shadow_unused_go119.go
t "go1.19 wording (default)" 1 "$bin" check "$f"
has "go1.19 wording (default)" "$f:$(golden "$f")"
t "--impl classic is go1.19" 1 "$bin" check "$f" --impl classic
has "--impl classic is go1.19" "$(golden "$f")"

t "snippet on stdin" 1 bash -c "printf 'm := map[string]int{}\nm[k] = 1\n' | '$bin' check -"
has "snippet on stdin" "<stdin>:2:3: undefined: k"
t "valid snippet" 0 bash -c "printf 'm := map[string]int{}\nm[\"a\"] = 1\nfmt.Println(len(m))\n' | '$bin' check -"

t "binary input is an error, not a crash" 1 bash -c "head -c 3000 '$bin' | '$bin' check -"
has "binary input is an error, not a crash" "<stdin>:1:"

t "no arguments" 2 "$bin"
t "unknown flag" 2 "$bin" check "$ok" --bogus
has "unknown flag" "unknown flag --bogus"
t "unsupported version" 2 "$bin" check "$ok" --go 1.7
t "contradicting flags" 2 "$bin" check "$ok" --go 1.19 --impl swiss
t "missing file" 2 "$bin" check /nonexistent.go
t "unknown command" 2 "$bin" frobnicate
t "run a program" 0 "$bin" run "$ok"
t "run: bad flag value" 2 "$bin" run "$ok" --gogc lots
has "run: bad flag value" "--gogc needs an integer"
printf 'var m map[string]int\nm["a"] = 1\n' > "$tmp/nilmap.go"
t "run: a panic is a workload error" 1 "$bin" run "$tmp/nilmap.go"
has "run: panic message" "panic: assignment to entry in nil map"
has "run: panic position" "nilmap.go:2:"

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "cli check: all passed"
