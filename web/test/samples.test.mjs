// The page's copy of the sample table (src/samples.js): batches append; a
// new epoch (the core halved its resolution) starts over; gaps are refused.
import test from 'node:test';
import assert from 'node:assert/strict';
import { SampleTable } from '../src/samples.js';

const cols = ['ops', 'Mallocs', 'reason'];
const batch = (epoch, from, rows) => ({ epoch, from, columns: cols, rows: rows.length, data: new Float64Array(rows.flat()) });

test('batches append rows; columns read back', () => {
  const t = new SampleTable();
  assert.ok(t.apply(batch(0, 0, [[0, 0, 0], [1000, 10, 0]])));
  assert.ok(t.apply(batch(0, 2, [[2000, 30, 2]])));
  assert.equal(t.rows, 3);
  assert.deepEqual(t.column('ops'), [0, 1000, 2000]);
  assert.deepEqual(t.rate('Mallocs'), [null, 10, 20]);  // per 1000 ops
  assert.equal(t.last('reason'), 2);
  assert.equal(t.findLast('reason', 2), 2);
  assert.equal(t.findLast('reason', 1), -1);
  assert.equal(t.findLast('nope', 0), -1);
  assert.equal(t.value(1, 'Mallocs'), 10);
});

test('a new epoch replaces what the page had', () => {
  const t = new SampleTable();
  t.apply(batch(0, 0, [[0, 0, 0], [1000, 10, 0], [2000, 20, 0]]));
  assert.ok(t.apply(batch(1, 0, [[0, 0, 0], [2000, 20, 0]])));
  assert.deepEqual(t.column('ops'), [0, 2000]);
});

test('a gap is refused (the page then resets)', () => {
  const t = new SampleTable();
  t.apply(batch(0, 0, [[0, 0, 0]]));
  assert.equal(t.apply(batch(0, 5, [[5000, 1, 0]])), false);
  assert.equal(t.rows, 1);
});

test('growth keeps earlier rows', () => {
  const t = new SampleTable();
  for (let i = 0; i < 3000; i++) t.apply(batch(0, i, [[i, i * 2, 0]]));
  assert.equal(t.rows, 3000);
  assert.equal(t.column('Mallocs')[2999], 5998);
});

test('the worker sends only new rows, and everything again after a new epoch or a shrink', async () => {
  const { nextBatch } = await import('../src/samples.js');
  const sent = { epoch: -1, rows: 0 };
  assert.deepEqual(nextBatch(sent, { epoch: 0, rows: 5 }), { epoch: 0, from: 0, rows: 5 });
  assert.deepEqual(nextBatch(sent, { epoch: 0, rows: 5 }), { epoch: 0, from: 5, rows: 0 });
  assert.deepEqual(nextBatch(sent, { epoch: 0, rows: 9 }), { epoch: 0, from: 5, rows: 4 });
  assert.deepEqual(nextBatch(sent, { epoch: 1, rows: 6 }), { epoch: 1, from: 0, rows: 6 });  // halved
  assert.deepEqual(nextBatch(sent, { epoch: 1, rows: 2 }), { epoch: 1, from: 0, rows: 2 });  // a new session
  // a page fed these batches holds exactly the core's table
  const t = new SampleTable();
  const core = (rows) => new Float64Array(rows * 3).map((_, i) => i);
  const s2 = { epoch: -1, rows: 0 };
  for (const [epoch, rows] of [[0, 3], [0, 7], [1, 4], [1, 8]]) {
    const b = nextBatch(s2, { epoch, rows });
    assert.ok(t.apply({ ...b, columns: cols, data: core(rows).slice(b.from * 3, (b.from + b.rows) * 3) }));
    assert.deepEqual(Array.from(t.data.subarray(0, t.rows * 3)), Array.from(core(rows)));
  }
});
