// Export formats (src/export-format.js): CSV and JSON of the sample table
// read back to exactly the same values.
import test from 'node:test';
import assert from 'node:assert/strict';
import { SampleTable } from '../src/samples.js';
import { samplesCsv, samplesJson, parseCsv, exportName } from '../src/export-format.js';

const cols = ['ops', 'HeapAlloc', 'fragmentation', 'reason'];
const t = new SampleTable();
t.apply({ epoch: 0, from: 0, columns: cols, rows: 3, data: new Float64Array([0, 0, 0, 0, 4096, 123456789, 0.1 + 0.2, 2, 9007199254740991, 1, 1 / 3, 3]) });

test('CSV: a header row, one line per sample, exact numbers', () => {
  const csv = samplesCsv(t);
  assert.equal(csv, 'ops,HeapAlloc,fragmentation,reason\n0,0,0,0\n4096,123456789,0.30000000000000004,2\n9007199254740991,1,0.3333333333333333,3\n');
  const back = parseCsv(csv);
  assert.deepEqual(back[0], cols);
  assert.equal(back.length, 4);
  for (let r = 0; r < 3; r++) assert.deepEqual(back[r + 1].map(Number), cols.map((c) => t.value(r, c)));
});

test('CSV quoting round-trips', () => {
  const q = { columns: ['a,b', 'say "hi"'], rows: 1, value: () => 'x\ny' };
  const rows = parseCsv(samplesCsv(q));
  assert.deepEqual(rows, [['a,b', 'say "hi"'], ['x\ny', 'x\ny']]);
});

test('JSON: columns and rows, plus what the caller adds', () => {
  const j = JSON.parse(samplesJson(t, { go: 19 }));
  assert.deepEqual(j.columns, cols);
  assert.equal(j.go, 19);
  assert.deepEqual(j.rows[1], [4096, 123456789, 0.30000000000000004, 2]);
  assert.equal(j.rows.length, 3);
});

test('file names are safe and dated', () => {
  assert.equal(exportName('chart heap/1', 'png', new Date(2026, 11, 7, 9, 5, 3)), 'bucketlab-chart-heap-1-20261207-090503.png');
});
