// Which events a PROGRESS batch carries (src/events.js): all new ones when
// few, the newest when many, hidden kinds left out, and every event not sent
// counted as skipped.
import test from 'node:test';
import assert from 'node:assert/strict';
import { selectEvents } from '../src/events.js';

const ev = (seq, kind = 'MapEvacuate') => ({ seq, kind, a: [0, seq, 0, 0], text: `e${seq}` });
const range = (from, to, kind) => Array.from({ length: to - from }, (_, i) => ev(from + i, kind));

test('few new events: all of them, none skipped', () => {
  const r = selectEvents({ total: 13, events: range(10, 13) }, 10, new Set(), 300);
  assert.equal(r.next, 13);
  assert.deepEqual(r.batch.events.map((e) => e.seq), [10, 11, 12]);
  assert.equal(r.batch.skipped, 0);
});

test('no new events: an empty batch', () => {
  const r = selectEvents({ total: 13, events: [] }, 13, new Set(), 300);
  assert.deepEqual([r.next, r.batch.skipped, r.batch.events.length], [13, 0, 0]);
});

test('more than max: the newest max, the rest counted', () => {
  const r = selectEvents({ total: 1000, events: range(0, 1000) }, 0, new Set(), 300);
  assert.equal(r.batch.events.length, 300);
  assert.equal(r.batch.events[0].seq, 700);
  assert.equal(r.batch.skipped, 700);
});

test('a window that starts after sentSeq: the gap is skipped', () => {
  // the worker read only the newest 3000 of 10000 new events
  const r = selectEvents({ total: 10000, events: range(7000, 10000) }, 0, new Set(), 5000);
  assert.equal(r.batch.skipped, 7000);
  assert.equal(r.batch.events.length, 3000);
  assert.equal(r.next, 10000);
});

test('hidden kinds are left out and not counted as skipped', () => {
  const evs = [ev(5, 'SpanAlloc'), ev(6, 'GcStart'), ev(7, 'SpanFree'), ev(8, 'GcEnd')];
  const r = selectEvents({ total: 9, events: evs }, 5, new Set(['SpanAlloc', 'SpanFree']), 300);
  assert.deepEqual(r.batch.events.map((e) => e.kind), ['GcStart', 'GcEnd']);
  assert.equal(r.batch.skipped, 0);
});

test('the cap applies after the filter', () => {
  const evs = [...range(0, 10, 'SpanAlloc'), ...range(10, 14, 'GcStart')];
  const r = selectEvents({ total: 14, events: evs }, 0, new Set(['SpanAlloc']), 3);
  assert.deepEqual(r.batch.events.map((e) => e.seq), [11, 12, 13]);
  assert.equal(r.batch.skipped, 1);
});
