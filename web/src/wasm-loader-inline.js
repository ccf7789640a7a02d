// file:// build: the single-file module (the binary inlined as base64);
// a page opened from file:// may not fetch a .wasm beside it.
import createBucketlab from './wasm/bucketlab_web.mjs';

export default createBucketlab;
