// The per-map shape series the map chart draws (src/map-series.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { MapSeries } from '../src/map-series.js';

const classic = (id, count, B, noverflow, alive = true) => ({ id, impl: 'classic', alive, count, B, noverflow });

test('one series per map, points appended per batch', () => {
  const s = new MapSeries();
  s.add(0, [classic(0, 0, 0, 0)]);
  s.add(100, [classic(0, 9, 1, 0), classic(1, 3, 0, 0)]);
  assert.deepEqual(s.get(0).x, [0, 100]);
  assert.deepEqual(s.get(0).B, [0, 1]);
  assert.deepEqual(s.get(1).count, [3]);
  assert.deepEqual(s.get(7).x, []);
});

test('a batch at the same x replaces the last point', () => {
  const s = new MapSeries();
  s.add(50, [classic(0, 1, 0, 0)]);
  s.add(50, [classic(0, 2, 0, 0)]);
  assert.deepEqual([s.get(0).x, s.get(0).count], [[50], [2]]);
});

test('swiss maps chart tables and tombstones; collected maps stop', () => {
  const s = new MapSeries();
  s.add(0, [{ id: 0, impl: 'swiss', alive: true, count: 5, tables: 1, tombstones: 0 }]);
  s.add(10, [{ id: 0, impl: 'swiss', alive: false, count: 0, tables: 0, tombstones: 0 }]);
  assert.deepEqual(s.get(0).labels, ['count', 'tables', 'tombstones']);
  assert.deepEqual(s.get(0).x, [0]);
});

test('long runs keep a bounded series, first and last points kept', () => {
  const s = new MapSeries();
  for (let i = 0; i <= 4000; i++) s.add(i, [classic(0, i, 0, 0)]);
  const x = s.get(0).x;
  assert.ok(x.length <= 4000 && x.length > 1000);
  assert.equal(x[0], 0);
  assert.equal(x[x.length - 1], 4000);
  assert.equal(s.get(0).count.length, x.length);
});
