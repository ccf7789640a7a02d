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

test('lastWhere finds the newest GC-end row; row() reads a row by name', () => {
  const t = new SampleTable();
  t.apply(batch(0, 0, [[0, 0, 0], [1000, 10, 2], [2000, 20, 0], [3000, 30, 2], [4000, 40, 1]]));
  assert.deepEqual(t.lastWhere('reason', 2), { ops: 3000, Mallocs: 30, reason: 2 });
  assert.equal(t.lastWhere('reason', 3), null);
  assert.equal(t.lastWhere('nope', 2), null);
  assert.deepEqual(t.row(0), { ops: 0, Mallocs: 0, reason: 0 });
  assert.equal(t.row(5), null);
});
