// The wasm module's surface, loaded in node exactly as tests and scripts use it.
const test = require('node:test');
const assert = require('node:assert');
const modulePath = process.env.BUCKETLAB_WASM_NODE;

test('module loads and reports itself', async () => {
  assert.ok(modulePath, 'BUCKETLAB_WASM_NODE must point at bucketlab_node.cjs (run through ctest)');
  const m = await require(modulePath)();
  assert.deepStrictEqual(JSON.parse(m.coreInfo()), { name: 'bucketlab', core: 'wasm' });
});
