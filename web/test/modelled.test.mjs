import test from 'node:test';
import assert from 'node:assert/strict';
import { formatNs, modelledRows } from '../src/modelled.js';

test('formatNs picks the unit', () => {
  assert.equal(formatNs(420), '420 ns');
  assert.equal(formatNs(12345), '12.3 µs');
  assert.equal(formatNs(45901746), '45.90 ms');
  assert.equal(formatNs(2.5e9), '2.500 s');
  assert.equal(formatNs(undefined), '–');
});

test('modelledRows: pauses newest first, mean pause, group shares', () => {
  const m = { nanotime: 1001, elapsed_ns: 1000, NumGC: 2, PauseTotalNs: 9000, PauseNs: [5000, 4000], GCCPUFraction: 0.0831,
    groups: { interpreter: 600, maps: 300, gc_stw: 100, sweep: 0 } };
  const rows = Object.fromEntries(modelledRows(m).map((r) => [r.id, r]));
  assert.equal(rows.elapsed.value, 1000);
  assert.equal(rows.LastPause.value, 5000);
  assert.equal(rows.MeanPause.value, 4500);
  assert.equal(rows.MeanPause.text, '4.5 µs');
  assert.equal(rows.GCCPUFraction.text, '0.0831');
  assert.equal(rows['group-maps'].text, '300 ns (30.0%)');
  assert.equal(rows['group-sweep'], undefined);  // groups that cost nothing are left out
});

test('modelledRows: no GC yet, no session', () => {
  const rows = Object.fromEntries(modelledRows({ nanotime: 1, elapsed_ns: 0, NumGC: 0, PauseTotalNs: 0, PauseNs: [], GCCPUFraction: 0, groups: {} }).map((r) => [r.id, r]));
  assert.equal(rows.LastPause.text, '–');
  assert.equal(rows.MeanPause.text, '–');
  assert.deepEqual(modelledRows({}), []);
  assert.deepEqual(modelledRows(undefined), []);
});
