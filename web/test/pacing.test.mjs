// The worker's pacing (src/pacing.js): slices adapt to about
// TARGET_SLICE_MS whatever an instruction costs, so Pause waits at most
// that long; a speed limit spaces slices out to its rate.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Pacer, TARGET_SLICE_MS, MAX_SLICE_OPS, MIN_SLICE_OPS } from '../src/pacing.js';

// Simulates a core that runs `opsPerMs` instructions per millisecond.
function settle(p, opsPerMs, rounds = 40) {
  let t = 0;
  for (let i = 0; i < rounds; i++) {
    const { ops } = p.next(t);
    const ms = ops / opsPerMs;
    t += ms;
    p.record(ops, ops, ms);
  }
  return p.sliceOps;
}

test('unlimited: a slice converges to the target duration, for cheap and costly instructions', () => {
  for (const opsPerMs of [200, 5000, 40000]) {
    const n = settle(new Pacer(0, 0), opsPerMs);
    const ms = n / opsPerMs;
    assert.ok(Math.abs(ms - TARGET_SLICE_MS) < 0.5, `${opsPerMs} ops/ms: a slice takes ${ms} ms`);
  }
});

test('slice sizes stay within bounds', () => {
  assert.equal(settle(new Pacer(0, 0), 1e9), MAX_SLICE_OPS);
  assert.equal(settle(new Pacer(0, 0), 1), MIN_SLICE_OPS);
});

test('a slice that ended the run early says nothing about speed', () => {
  const p = new Pacer(0, 0);
  const before = p.sliceOps;
  p.record(10, before, 5);
  assert.equal(p.sliceOps, before);
});

test('a speed limit runs one frame of work, then waits for the clock', () => {
  const p = new Pacer(60_000, 1000);  // 60k ops/s = 1000 per 1/60 s
  assert.deepEqual(p.next(1000), { ops: 1000, waitMs: 0 });  // the first chunk goes at once
  p.record(1000, 1000, 0.1);
  const w = p.next(1000.1);
  assert.equal(w.ops, 1000);
  assert.ok(Math.abs(w.waitMs - (2000 / 60 - 0.1)) < 1e-6, `wait ${w.waitMs}`);  // until 2000 ops are due
  // over a simulated second the pace holds: about 60k ops, never ahead by more than one chunk
  let t = 1000.1, ran = 1000;
  while (t < 2000) {
    const { ops, waitMs } = p.next(t);
    if (waitMs > 0) { t += waitMs; continue; }
    p.record(ops, ops, 0.1);
    ran += ops;
    t += 0.1;
    assert.ok(ran <= (60_000 * (t - 1000)) / 1000 + 2000, `ahead at ${t}: ${ran}`);
  }
  assert.ok(ran >= 59_000 && ran <= 62_000, `ran ${ran}`);
});

test('after a stall the pace restarts instead of bursting', () => {
  const p = new Pacer(60_000, 0);
  p.record(1000, 1000, 1);
  const r = p.next(10_000);  // 10 s later (a hidden tab)
  assert.deepEqual(r, { ops: 1000, waitMs: 0 });
  p.record(1000, 1000, 1);
  assert.ok(p.next(10_001).waitMs > 10, 'no catch-up burst');
});
