#!/usr/bin/env bash
# Builds the static site into web/dist/. Until the playground page exists it
# is a placeholder page plus the wasm core module it loads.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf web/dist && mkdir -p web/dist
cp web/placeholder/index.html web/dist/
cp build/wasm/wasm/bucketlab_web.mjs web/dist/
echo "build-web: web/dist/ ready (placeholder page)"
