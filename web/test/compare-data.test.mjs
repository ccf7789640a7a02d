// Compare mode's pure figures (src/compare-data.js) and the x-axis helper
// (src/time-axis.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { diffRows, diffText, ratioText, mergeOnX, pick, sideConfig } from '../src/compare-data.js';
import { defaultConfig } from '../src/protocol.js';
import { OpsClock, X_AXES } from '../src/time-axis.js';
import { SampleTable } from '../src/samples.js';

const A = { memstats: { Alloc: 100, HeapAlloc: 100, NumGC: 2, Mallocs: 50, Brand: 7 }, modelled: { elapsed_ns: 1000, PauseTotalNs: 40, NumGC: 2, GCCPUFraction: 0.25 }, ops: 10, mapOps: 0 };
const B = { memstats: { Alloc: 150, HeapAlloc: 150, NumGC: 0, Mallocs: 50, Brand: 9 }, modelled: { elapsed_ns: 500, PauseTotalNs: 0, NumGC: 0, GCCPUFraction: 0 }, ops: 10, mapOps: 4 };

test('diff rows: MemStats in the page order, then modelled figures, B − A and B / A', () => {
  const rows = diffRows(A, B);
  assert.deepEqual(rows.map((r) => r.id), ['HeapAlloc', 'Mallocs', 'NumGC', 'Brand', 'elapsed_ns', 'PauseTotalNs', 'MeanPauseNs', 'GCCPUFraction', 'ops', 'mapOps']);
  const by = Object.fromEntries(rows.map((r) => [r.id, r]));
  assert.deepEqual(by.HeapAlloc, { id: 'HeapAlloc', label: 'HeapAlloc', a: 100, b: 150, diff: 50, ratio: 1.5 });
  assert.deepEqual(by.NumGC, { id: 'NumGC', label: 'NumGC', a: 2, b: 0, diff: -2, ratio: 0 });
  assert.equal(by.MeanPauseNs.a, 20);
  assert.equal(by.MeanPauseNs.b, 0);
  assert.equal(by.mapOps.ratio, null);  // A is 0: no ratio
  assert.equal(by.elapsed_ns.diff, -500);
});

test('diff rows skip a field one side lacks', () => {
  const rows = diffRows({ memstats: { HeapAlloc: 1, NumGC: 1 } }, { memstats: { HeapAlloc: 2 } });
  assert.deepEqual(rows.map((r) => r.id), ['HeapAlloc']);
});

test('difference and ratio texts', () => {
  assert.equal(diffText(1024), '+1,024');
  assert.equal(diffText(-3), '−3');
  assert.equal(diffText(0), '0');
  assert.equal(ratioText(1.5), '×1.50');
  assert.equal(ratioText(12.34), '×12.3');
  assert.equal(ratioText(250), '×250');
  assert.equal(ratioText(null), '–');
});

test('merge onto a shared x: union of both sides, null where a side has no sample', () => {
  const d = mergeOnX([1, 5, 9], [[10, 50, 90]], [2, 5, 20], [[-2, -5, -20]]);
  assert.deepEqual(d, [[1, 2, 5, 9, 20], [10, null, 50, 90, null], [null, -2, -5, null, -20]]);
  // a repeated x on one side keeps its last value
  assert.deepEqual(mergeOnX([1, 1, 3], [[7, 8, 9]], [], [[]]), [[1, 3], [8, 9], [null, null]]);
});

test('pick reads the x column and the named columns of a sample table', () => {
  const t = new SampleTable();
  t.apply({ epoch: 0, from: 0, columns: ['ops', 'nanotime', 'HeapAlloc'], rows: 2, data: new Float64Array([0, 1, 0, 4096, 90000, 8192]) });
  assert.deepEqual(pick(t, 'nanotime', ['HeapAlloc']), { x: [1, 90000], cols: [[0, 8192]] });
});

test('OpsClock translates recorded ops to simulated time exactly', () => {
  const c = new OpsClock();
  c.record(0, 1);
  c.record(4096, 51234);
  c.record(4096, 51300);  // a later batch at the same ops replaces
  assert.deepEqual(c.toTime([0, 4096, 5000]), [1, 51300, null]);
  c.reset();
  assert.deepEqual(c.toTime([0]), [null]);
});

test('x axis labels: simulated time is labelled modelled', () => {
  assert.equal(X_AXES.nanotime.label, 'modelled time');
  assert.equal(X_AXES.nanotime.tick(2500000), '2.50 ms');
  assert.equal(X_AXES.ops.tick(12000), '12k');
});

test("a side's settings become the core's config as the page's own run builds it", () => {
  assert.deepEqual(sideConfig({ go: 26, gogc: '400', memlimit: ' 64MiB ', seed: ' 7 ' }).config,
    { ...defaultConfig(), go: 26, gogc: 400, memlimit: '67108864', seed: '7' });
  assert.deepEqual(sideConfig({ go: 19, gogc: 'x', memlimit: '', seed: '' }).config, { ...defaultConfig(), go: 19, gogc: 100, memlimit: '', seed: '1' });
  assert.match(sideConfig({ go: 19, gogc: 100, memlimit: '64MB', seed: '1' }).error, /GOMEMLIMIT=64MB is malformed/);
  assert.match(sideConfig({ go: 19, gogc: 100, memlimit: '', seed: '-1' }).error, /Seed -1 is not a decimal uint64/);
});
