// The worker's MAPVIEW-at-a-moment reply (worker-heap.js): the nearest
// retained snapshot's heat rows of the map, no slot detail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapViewAtReply } from '../src/worker-heap.js';

function fakeSession(snapshots, heats, flats = {}) {
  const asked = [], askedFlat = [];
  return {
    asked,
    askedFlat,
    snapshotMapFlat: (id, mapId) => { askedFlat.push([id, mapId]); return flats[`${id}:${mapId}`] ?? new Uint32Array(0); },
    snapshotList: () => JSON.stringify({ taken: snapshots.length, skipped: 0, dropped: 0, capacity: 128, snapshots }),
    snapshotMapHeat: (id, mapId) => { asked.push([id, mapId]); return heats[`${id}:${mapId}`] ?? new Uint32Array(0); },
  };
}

test('mapViewAtReply: the heat of the snapshot at or before the moment', () => {
  const rows = new Uint32Array([0, 32, 16, 0, 3, 0, 0, 0, 5, 1, 0]);
  const s = fakeSession([{ id: 4, ops: 100 }, { id: 7, ops: 500 }, { id: 9, ops: 900 }], { '7:2': rows });
  const r = mapViewAtReply(s, 2, 899);
  assert.deepEqual(s.asked, [[7, 2]]);
  assert.equal(r.msg.retained.id, 7);
  assert.equal(r.msg.at, 899);
  assert.equal(r.msg.mapId, 2);
  assert.deepEqual([...r.msg.heat], [...rows]);
  assert.notEqual(r.msg.heat, rows);              // a copy (the original is a view over wasm memory)
  assert.equal(r.msg.snapshot, null);
  assert.equal(r.msg.flat, null);                 // no grid kept: the heat rows only
  assert.deepEqual(s.askedFlat, [[7, 2]]);
  assert.equal(r.msg.evac, null);                 // the evacuation is live only
  assert.equal(r.msg.error, undefined);
  assert.deepEqual(r.transfer, [r.msg.heat.buffer]);
});

test('mapViewAtReply: a map not kept, and no snapshot at all', () => {
  const s = fakeSession([{ id: 0, ops: 10 }], {});
  const r = mapViewAtReply(s, 70, 5);              // before the first: the first
  assert.equal(r.msg.retained.id, 0);
  assert.equal(r.msg.heat.length, 0);
  assert.match(r.msg.error, /not kept/);
  const none = mapViewAtReply(fakeSession([], {}), 0, 5);
  assert.equal(none.msg.retained, null);
  assert.equal(none.msg.heat.length, 0);
  assert.match(none.msg.error, /no snapshot/);
});

test('mapViewAtReply: a small map\'s slot grid kept by the snapshot comes with its heat', () => {
  const rows = new Uint32Array([0, 16, 8, 0, 3, 0, 0, 0]);
  const grid = new Uint32Array([0, 48, 21, 24, 48]);
  const s = fakeSession([{ id: 3, ops: 100 }, { id: 5, ops: 400 }], { '3:0': rows }, { '3:0': grid, '5:0': grid });
  const r = mapViewAtReply(s, 0, 399);
  assert.deepEqual(s.askedFlat, [[3, 0]]);
  assert.deepEqual([...r.msg.flat], [...grid]);
  assert.notEqual(r.msg.flat, grid);              // copied out of wasm memory
  assert.deepEqual(r.transfer, [r.msg.heat.buffer, r.msg.flat.buffer]);
  assert.equal(r.msg.evac, null);
  // no heat rows (dead or not kept): no grid asked for either
  const dead = fakeSession([{ id: 3, ops: 100 }], {}, { '3:1': grid });
  assert.equal(mapViewAtReply(dead, 1, 200).msg.flat, null);
  assert.deepEqual(dead.askedFlat, []);
});
