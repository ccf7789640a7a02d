// http(s) build: the glue without its inlined binary (scripts/split-wasm.mjs)
// and bucketlab.wasm as a file beside it, compiled while it streams in.
import createGlue from './wasm/bucketlab_web_split.mjs';
import wasmUrl from './wasm/bucketlab.wasm?url';

async function instantiate(imports) {
  const response = fetch(wasmUrl);
  try {
    return await WebAssembly.instantiateStreaming(response, imports);
  } catch {
    // a host that does not send Content-Type: application/wasm
    const bytes = await (await fetch(wasmUrl)).arrayBuffer();
    return WebAssembly.instantiate(bytes, imports);
  }
}

export default function createBucketlab() {
  let fail;
  const failed = new Promise((_, reject) => { fail = reject; });
  const ready = createGlue({
    instantiateWasm(imports, receive) {
      instantiate(imports).then((r) => receive(r.instance, r.module), fail);
      return {};  // exports arrive through receive()
    },
  });
  return Promise.race([ready, failed]);
}
