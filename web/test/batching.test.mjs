import test from 'node:test';
import assert from 'node:assert/strict';
import { takeBatchesNow, BATCH_EVERY_MS } from '../src/batching.js';

test('nothing queued: nothing to take', () => {
  assert.equal(takeBatchesNow([], 1000, -Infinity), false);
});

test('running: at most one take every BATCH_EVERY_MS', () => {
  const q = [{ state: 'running' }];
  assert.equal(takeBatchesNow(q, 0, -Infinity), true);  // the first one at once
  assert.equal(takeBatchesNow(q, 1000 + BATCH_EVERY_MS - 1, 1000), false);
  assert.equal(takeBatchesNow(q, 1000 + BATCH_EVERY_MS, 1000), true);
  assert.equal(takeBatchesNow(q, 1040, 1000, 50), false);
  assert.equal(takeBatchesNow(q, 1050, 1000, 50), true);
});

test('a batch that ends the run (paused, stepped, done) is taken at once', () => {
  for (const state of ['ready', 'done', 'panicked', 'stopped']) {
    assert.equal(takeBatchesNow([{ state: 'running' }, { state }], 1001, 1000), true, state);
  }
  // only the newest decides: an older final batch cannot be followed by a running one
  assert.equal(takeBatchesNow([{ state: 'ready' }, { state: 'running' }], 1001, 1000), false);
});
