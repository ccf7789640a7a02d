// http(s) build: the glue without the inlined wasm, and the .wasm as its own
// asset (scripts/split-wasm.mjs), compiled while it downloads.
import createGlue from './wasm/bucketlab_split.mjs';
import wasmUrl from './wasm/bucketlab.wasm?url';

async function compile() {
  const url = new URL(wasmUrl, import.meta.url);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`fetching ${url.pathname} failed: HTTP ${res.status}`);
  // A host that serves .wasm with another Content-Type refuses streaming: compile the bytes.
  if (WebAssembly.compileStreaming && (res.headers.get('Content-Type') ?? '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

export default async function createBucketlab() {
  const module = await compile();
  let fail;
  const failed = new Promise((_, reject) => { fail = reject; });
  const ready = createGlue({
    // emscripten's hook: instantiate with its imports, hand the instance back
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), fail);
      return {};
    },
  });
  return Promise.race([ready, failed]);
}
