// file:// build: the SINGLE_FILE module, wasm inlined (nothing to fetch).
export { default } from './wasm/bucketlab_web.mjs';
