#!/usr/bin/env bash
# Builds the static site: web/dist/ (any static host) and
# web/dist-inline/index.html (one file that opens from file://), from the
# wasm module the wasm preset built.
set -euo pipefail
cd "$(dirname "$0")/.."
mod=build/wasm/wasm/bucketlab_web.mjs
[ -f "$mod" ] || { echo "build-web: $mod missing (run the wasm build first: make build-wasm)" >&2; exit 1; }
cd web
# the single-file module for dist-inline/, and the split glue + .wasm for dist/
node scripts/split-wasm.mjs "../$mod" src/wasm
npx vite build --logLevel warn
VARIANT=inline npx vite build --logLevel warn
echo "build-web: web/dist/ ready (static host) and web/dist-inline/index.html (file://)"
gz() { gzip -9c "$@" | wc -c; }
printf 'build-web: gzip sizes: page JS %s, CSS %s, worker JS %s, wasm %s bytes; single file %s bytes\n' \
  "$(cat dist/assets/index-*.js | gz)" "$(cat dist/assets/*.css | gz)" "$(cat dist/assets/worker-*.js | gz)" \
  "$(cat dist/assets/*.wasm | gz)" "$(gz dist-inline/index.html)"
