#!/usr/bin/env bash
# Builds the static site: web/dist/ (any static host) and
# web/dist-inline/index.html (one file that opens from file://), from the
# wasm module the wasm preset built.
set -euo pipefail
cd "$(dirname "$0")/.."
mod=build/wasm/wasm/bucketlab_web.mjs
[ -f "$mod" ] || { echo "build-web: $mod missing (run the wasm build first: make build-wasm)" >&2; exit 1; }
mkdir -p web/src/wasm
cp "$mod" web/src/wasm/
cd web
# dist/ loads the wasm as its own file; dist-inline/ keeps it inlined
node scripts/split-wasm.mjs src/wasm/bucketlab_web.mjs src/wasm
npx vite build --logLevel warn
VARIANT=inline npx vite build --logLevel warn
echo "build-web: web/dist/ ready (static host) and web/dist-inline/index.html (file://)"
