// The timeline's pure logic (src/timeline.js): rows → counters, ops → row,
// the snapshot the heap view shows for a moment, labels.
import test from 'node:test';
import assert from 'node:assert/strict';
import { SampleTable } from '../src/samples.js';
import { rowCounters, rowAtOrAfter, nearestSnapshot, snapshotLabel, positionLabel, isLive, scrubMax, snapshotMapLine } from '../src/timeline.js';

const cols = ['ops', 'map_ops', 'nanotime', 'HeapAlloc', 'NumGC', 'fragmentation', 'reason'];
function table(rows) {
  const t = new SampleTable();
  t.apply({ epoch: 0, from: 0, columns: cols, rows: rows.length, data: new Float64Array(rows.flat()) });
  return t;
}
const t = table([
  [0, 0, 0, 0, 0, 0, 0],
  [1000, 10, 50, 4096, 0, 0.5, 0],
  [2500, 20, 90, 8192, 1, 0.25, 2],
  [4000, 30, 120, 12288, 1, 0.1, 3],
]);

test('a row gives its MemStats fields only', () => {
  assert.deepEqual(rowCounters(t, 2), { HeapAlloc: 8192, NumGC: 1 });
  assert.deepEqual(rowCounters(t, 9), {});
});

test('ops → the first row at or after it', () => {
  assert.equal(rowAtOrAfter(t, 0), 0);
  assert.equal(rowAtOrAfter(t, 1), 1);
  assert.equal(rowAtOrAfter(t, 2500), 2);
  assert.equal(rowAtOrAfter(t, 2501), 3);
  assert.equal(rowAtOrAfter(t, 1e9), 3);
  assert.equal(rowAtOrAfter(new SampleTable(), 5), -1);
});

test('the snapshot shown is the newest at or before the moment, else the first', () => {
  const snaps = [
    { id: 0, ops: 900, label: 'map 0 grow start' },
    { id: 1, ops: 2400, label: 'GC 1 start' },
    { id: 3, ops: 2450, label: 'GC 1 end' },
  ];
  assert.equal(nearestSnapshot(snaps, 100).id, 0);    // nothing before: the first
  assert.equal(nearestSnapshot(snaps, 900).id, 0);
  assert.equal(nearestSnapshot(snaps, 2449).id, 1);
  assert.equal(nearestSnapshot(snaps, 1e9).id, 3);
  assert.equal(nearestSnapshot([], 5), null);
  assert.equal(snapshotLabel(snaps[1], t), 'snapshot at GC 1 start (sample 2, 2,400 ops)');
});

test('the scrubber: one stop per row plus live', () => {
  assert.equal(scrubMax(t.rows), 4);
  assert.ok(isLive(4, t.rows));
  assert.ok(!isLive(3, t.rows));
  assert.equal(positionLabel(t, 4), 'live');
  assert.equal(positionLabel(t, 1), 'sample 1 of 3 · 1,000 ops');
});

test('snapshotMapLine: what a retained snapshot says of one map', () => {
  const snap = { maps: [
    { id: 0, alive: true, impl: 'classic', B: 5, count: 40, growing: false },
    { id: 1, alive: false, impl: 'classic', B: 0, count: 0 },
    { id: 2, alive: true, impl: 'classic', B: 6, count: 417, growing: true },
    { id: 3, alive: true, impl: 'swiss', tables: 3, count: 2000 },
  ] };
  assert.equal(snapshotMapLine(snap, 0), 'B=5, 40 entries');
  assert.equal(snapshotMapLine(snap, 1), null);           // collected by then
  assert.equal(snapshotMapLine(snap, 2), 'B=6, 417 entries, growing');
  assert.equal(snapshotMapLine(snap, 3), '3 table(s), 2000 entries');
  assert.equal(snapshotMapLine(snap, 64), null);          // beyond the kept maps
  assert.equal(snapshotMapLine(null, 0), null);
});
