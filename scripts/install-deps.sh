#!/usr/bin/env bash
# Installs, idempotently, every tool bucketlab needs, from Debian's packages
# and the npm registry only. Safe to run again: it installs only what is missing.
#   scripts/install-deps.sh          system packages (+ web npm packages when web/package.json exists)
#   SKIP_NPM=1 scripts/install-deps.sh   system packages only
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package -> a file whose presence proves it is installed
declare -A probe=(
  [cmake]=/usr/bin/cmake
  [g++]=/usr/bin/g++
  [clang]=/usr/bin/clang++-14
  [make]=/usr/bin/make
  [emscripten]=/usr/bin/em++
  [node-acorn]=/usr/share/nodejs/acorn/package.json
  [catch2]=/usr/include/catch2/catch.hpp
  [golang-1.19-go]=/usr/lib/go-1.19/bin/go
  [chromium]=/usr/bin/chromium
  [libclang-rt-14-dev]=/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
)
missing=()
for pkg in "${!probe[@]}"; do
  [ -e "${probe[$pkg]}" ] || missing+=("$pkg")
done
# node/npm: the machine kind ships them (nodesource); fall back to Debian's if absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # --no-install-recommends keeps golang-1.19-go from pulling golang-go (which
  # would shadow the machine's modern `go` at /usr/bin/go).
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: system packages present"
fi

# The modern Go must stay first on PATH: check it was not shadowed by Go 1.19.
if command -v go >/dev/null; then
  v=$(go version)
  case "$v" in *go1.19*) echo "install-deps: WARNING: 'go' on PATH is Go 1.19 ($v); the modern Go was shadowed" >&2 ;; esac
fi

if [ "${SKIP_NPM:-}" != 1 ] && [ -f web/package.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    echo "install-deps: npm ci in web/"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
