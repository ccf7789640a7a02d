// Splits the wasm preset's SINGLE_FILE module (wasm inlined as base64) into
// a glue module without the base64 and a binary .wasm file, for the http
// build: the binary gzips to ~70 % of its base64 and compiles while it
// downloads (instantiateStreaming). The file:// build keeps the single file.
// usage: node scripts/split-wasm.mjs IN.mjs OUT_DIR
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const [input, outDir] = process.argv.slice(2);
if (!input || !outDir) {
  console.error('usage: node scripts/split-wasm.mjs bucketlab_web.mjs OUT_DIR');
  process.exit(2);
}
const glue = readFileSync(input, 'utf8');
const PREFIX = 'data:application/octet-stream;base64,';
const re = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/g;
const found = [...glue.matchAll(re)];
if (found.length !== 1) {
  console.error(`split-wasm: expected one inlined wasm in ${input}, found ${found.length}`);
  process.exit(1);
}
const wasm = Buffer.from(found[0][1], 'base64');
if (wasm.readUInt32LE(0) !== 0x6d736100) {  // "\0asm"
  console.error('split-wasm: the inlined data is not a wasm binary');
  process.exit(1);
}
// The glue keeps an empty data URI: it never reads it, because the loader
// (src/wasm-loader-url.js) hands it the instance through instantiateWasm.
const out = glue.replace(re, PREFIX);
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'bucketlab_split.mjs'), out);
writeFileSync(path.join(outDir, 'bucketlab.wasm'), wasm);
console.log(`split-wasm: ${wasm.length} bytes of wasm, ${out.length} bytes of glue`);
