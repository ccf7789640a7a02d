// Splits the wasm core's SINGLE_FILE module (wasm/CMakeLists.txt) for the
// http build: the binary goes to its own file, which a browser compiles
// while it downloads and which gzips ~30% smaller than base64 text, and
// the glue keeps an empty data URI (the worker hands it the instance via
// Module.instantiateWasm, src/wasm-loader-split.js). The file:// build
// keeps the single file (no fetch from origin null).
// usage: node scripts/split-wasm.mjs SRC.mjs OUTDIR
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';

const [src, outDir] = process.argv.slice(2);
if (!src || !outDir) { console.error('usage: split-wasm.mjs SRC.mjs OUTDIR'); process.exit(2); }
const text = readFileSync(src, 'utf8');
// emscripten 3.1.6: wasmBinaryFile="data:application/octet-stream;base64,<wasm>"
const re = /wasmBinaryFile="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/g;
const hits = [...text.matchAll(re)];
if (hits.length !== 1) {
  console.error(`split-wasm: expected one inlined wasm binary in ${src}, found ${hits.length} (emscripten glue changed?)`);
  process.exit(1);
}
const wasm = Buffer.from(hits[0][1], 'base64');
if (wasm.readUInt32LE(0) !== 0x6d736100) { console.error('split-wasm: the inlined data is not a wasm module'); process.exit(1); }
if (!text.includes('Module["instantiateWasm"]')) { console.error('split-wasm: the glue has no instantiateWasm hook'); process.exit(1); }
mkdirSync(outDir, { recursive: true });
copyFileSync(src, path.join(outDir, 'bucketlab_web.mjs'));
writeFileSync(path.join(outDir, 'bucketlab.wasm'), wasm);
writeFileSync(path.join(outDir, 'bucketlab_web_split.mjs'),
  text.replace(re, 'wasmBinaryFile="data:application/octet-stream;base64,"'));
console.log(`split-wasm: bucketlab.wasm ${wasm.length} bytes, glue ${text.length - hits[0][1].length} bytes`);
