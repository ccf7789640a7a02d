// The map view's pure geometry (src/mapview-layout.js): slot kinds from Go's
// constants (runtime/map.go 1.19, internal/runtime/maps/group.go), where each
// slot is drawn, hit testing, the evacuation paths, the heat map's pixels and
// zoom arithmetic.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  COLORS, classicSlotKind, swissSlotKind, layoutClassic, layoutSwiss, hitTest, findCell, slotTooltip, moveFocus,
  evacuationPaths, heatHeader, wantsDetail, heatGrid, heatPixels, rgb, zoomAt, heatRowAt, DETAIL_MAX_BUCKETS,
} from '../src/mapview-layout.js';

const bucket = (tophash, extra = {}) => ({
  addr: 1, spare: false, tophash, keys: tophash.map((t, i) => (t >= 5 ? `k${i}` : '')),
  elems: tophash.map((t, i) => (t >= 5 ? `v${i}` : '')), hash: tophash.map((t) => (t >= 5 ? `0x${t.toString(16)}00000000000001` : '')), ...extra,
});

test('tophash states: 0 emptyRest, 1 emptyOne, 2 evacuatedX, 3 evacuatedY, 4 evacuatedEmpty, >= 5 occupied; each has its own colour', () => {
  const kinds = [0, 1, 2, 3, 4, 5, 0xff].map((t) => classicSlotKind(t)[0]);
  assert.deepEqual(kinds, ['emptyRest', 'emptyOne', 'evacuatedX', 'evacuatedY', 'evacuatedEmpty', 'full', 'full']);
  const colours = new Set(kinds.slice(0, 6).map((k) => COLORS[k]));
  assert.equal(colours.size, 6);
});

test('Swiss control bytes: 0x80 empty, 0xfe tombstone, high bit clear full', () => {
  assert.deepEqual([0x80, 0xfe, 0x00, 0x7f].map((c) => swissSlotKind(c)[0]), ['emptyRest', 'deleted', 'full', 'full']);
  assert.notEqual(COLORS.deleted, COLORS.full);
});

const growing = {
  B: 2, nbuckets: 4, noldbuckets: 2, nevacuate: 1, growing: true,
  old_chains: [
    { index: 0, evacuated: true, chain: [bucket([2, 3, 3, 4, 4, 4, 4, 4])] },
    { index: 1, evacuated: false, chain: [bucket([9, 9, 9, 9, 9, 9, 9, 9]), bucket([7, 0, 0, 0, 0, 0, 0, 0], { spare: true })] },
  ],
  new_chains: [0, 1, 2, 3].map((i) => ({ index: i, evacuated: false, chain: [bucket(i === 0 ? [8, 0, 0, 0, 0, 0, 0, 0] : i === 2 ? [8, 8, 0, 0, 0, 0, 0, 0] : [0, 0, 0, 0, 0, 0, 0, 0])] })),
};

test('classic layout: old array left of the new one, 8 cells per bucket, chains to the right, frontier at nevacuate', () => {
  const L = layoutClassic(growing);
  // 2 old buckets + 1 old overflow + 4 new buckets, 8 slots each
  assert.equal(L.cells.length, 7 * 8);
  const old0 = L.cells[findCell(L, { array: 'old', bucket: 0, chain: 0, slot: 0 })];
  const new0 = L.cells[findCell(L, { array: 'new', bucket: 0, chain: 0, slot: 0 })];
  assert.ok(new0.x > old0.x, 'new array to the right');
  assert.equal(old0.kind, 'evacuatedX');
  const ovf = L.cells[findCell(L, { array: 'old', bucket: 1, chain: 1, slot: 0 })];
  const main1 = L.cells[findCell(L, { array: 'old', bucket: 1, chain: 0, slot: 7 })];
  assert.equal(ovf.y, main1.y, 'overflow bucket on its bucket\'s row');
  assert.ok(ovf.x > main1.x);
  assert.equal(L.buckets.filter((b) => b.spare).length, 1);
  assert.equal(L.links.length, 1);
  // the frontier sits between old bucket 0 (evacuated) and old bucket 1
  const row1 = L.cells[findCell(L, { array: 'old', bucket: 1, chain: 0, slot: 0 })];
  assert.ok(L.frontier.y > old0.y + old0.h && L.frontier.y < row1.y);
  // no two cells overlap, and every cell is inside the canvas
  for (let i = 0; i < L.cells.length; i++) {
    const a = L.cells[i];
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.w <= L.width && a.y + a.h <= L.height);
    assert.equal(hitTest(L, a.x + a.w / 2, a.y + a.h / 2), i);
  }
  assert.equal(hitTest(L, -5, -5), -1);
});

test('the tooltip shows where, the tophash byte, key, elem and hash as the core gave them', () => {
  const L = layoutClassic(growing);
  const c = L.cells[findCell(L, { array: 'old', bucket: 1, chain: 1, slot: 0 })];
  const t = slotTooltip(c);
  assert.equal(t[0], 'old bucket 1, overflow 1 (preallocated), slot 0');
  assert.match(t[1], /^tophash 0x07 /);
  assert.ok(t.includes('key k0') && t.includes('elem v0') && t.includes('hash 0x700000000000001'));
  const empty = slotTooltip(L.cells[findCell(L, { array: 'new', bucket: 1, chain: 0, slot: 0 })]);
  assert.deepEqual(empty.slice(1), ['tophash 0x00 — emptyRest: empty, and so is every later slot of the chain']);
});

test('evacuation paths go from the old slot to the X or Y slot', () => {
  const L = layoutClassic(growing);
  const evac = { valid: true, current: true, oldbucket: 0, newbit: 2, x_bucket: 0, y_bucket: 2, moves: [
    { src_chain: 0, src_slot: 0, y: false, dst_chain: 0, dst_slot: 0, key: 'a' },
    { src_chain: 0, src_slot: 1, y: true, dst_chain: 0, dst_slot: 0, key: 'b' },
    { src_chain: 0, src_slot: 2, y: true, dst_chain: 0, dst_slot: 1, key: 'c' },
  ] };
  const p = evacuationPaths(L, evac);
  assert.equal(p.length, 3);
  assert.deepEqual([p[1].to.array, p[1].to.bucket, p[1].to.slot], ['new', 2, 0]);
  assert.deepEqual([p[2].from.bucket, p[2].from.slot, p[2].to.slot], [0, 2, 1]);
  assert.deepEqual(evacuationPaths(L, { valid: false }), []);
});

test('Swiss layout: the directory, then each table\'s groups; tombstones are their own kind', () => {
  const g = (ctrl) => ({ ctrl, keys: ctrl.map(() => ''), elems: ctrl.map(() => ''), hash: ctrl.map(() => '') });
  const s = {
    dir_len: 2, global_depth: 1, directory: [0, 1], first_table: 0,
    tables: [
      { capacity: 16, used: 3, growth_left: 11, tombstones: 1, local_depth: 1, groups: [g([1, 2, 0xfe, 0x80, 0x80, 0x80, 0x80, 0x80]), g([3, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80])] },
      { capacity: 8, used: 0, growth_left: 7, tombstones: 0, local_depth: 1, groups: [g(Array(8).fill(0x80))] },
    ],
  };
  const L = layoutSwiss(s);
  assert.equal(L.dir.length, 2);
  assert.equal(L.cells.length, 24);
  assert.equal(L.cells.filter((c) => c.kind === 'deleted').length, 1);
  assert.equal(L.cells.filter((c) => c.kind === 'full').length, 3);
  const t1 = L.cells[findCell(L, { table: 1, group: 0, slot: 0 })];
  const t0 = L.cells[findCell(L, { table: 0, group: 1, slot: 0 })];
  assert.ok(t1.y > t0.y, 'table 1 below table 0');
  const small = layoutSwiss({ small_group: g([5, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]) });
  assert.equal(small.cells.length, 8);
});

test('keyboard focus moves slot by slot and row by row', () => {
  const L = layoutClassic(growing);
  const a = findCell(L, { array: 'new', bucket: 0, chain: 0, slot: 3 });
  assert.equal(moveFocus(L, a, 'ArrowRight'), a + 1);
  assert.equal(moveFocus(L, a, 'ArrowLeft'), a - 1);
  const down = L.cells[moveFocus(L, a, 'ArrowDown')];
  assert.deepEqual([down.array, down.bucket, down.slot], ['new', 1, 3]);
  assert.equal(moveFocus(L, -1, 'ArrowRight'), 0);
});

test('heat header, detail threshold and grid: 2^16 buckets make a 256 × 256 grid', () => {
  const h = heatHeader(new Uint32Array([0, 65536, 0, 0, 3, 0, 0, 0]));
  assert.deepEqual(h, { swiss: false, n: 65536, nold: 0, nevacuate: 0, stride: 3, ntables: 0, rows: 65536 });
  assert.equal(wantsDetail(h), false);
  assert.equal(wantsDetail({ swiss: false, rows: DETAIL_MAX_BUCKETS }), true);
  assert.deepEqual(heatGrid(65536), { cols: 256, rows: 256 });
  assert.deepEqual(heatGrid(8), { cols: 4, rows: 2 });
  assert.deepEqual(heatGrid(1), { cols: 1, rows: 1 });
});

test('heat pixels: empty, full, overflowing and evacuated buckets', () => {
  // 4 new buckets then 2 old: {occupied, chain, flags}
  const u = new Uint32Array([0, 4, 2, 1, 3, 0, 0, 0, 0, 1, 0, 8, 1, 0, 12, 2, 2, 4, 4, 0, 0, 1, 1, 6, 1, 0]);
  const { cols, rows, px } = heatPixels(u, 0, 4, 'occupancy', false);
  assert.deepEqual([cols, rows], [2, 2]);
  const at = (p, i) => [...p.slice(i * 4, i * 4 + 3)];
  assert.deepEqual(at(px, 0), rgb(COLORS.emptyRest));
  assert.deepEqual(at(px, 1), rgb(COLORS.full));
  assert.deepEqual(at(px, 2), rgb(COLORS.deleted), 'more than 8 entries: overflowing');
  const old = heatPixels(u, 4, 2, 'occupancy', false).px;
  assert.deepEqual(at(old, 0), rgb(COLORS.evacuatedEmpty));
  const chain = heatPixels(u, 0, 4, 'chain', false).px;
  assert.deepEqual(at(chain, 0), rgb(COLORS.emptyRest), 'one bucket: light');
  assert.deepEqual(at(chain, 3), rgb(COLORS.full), 'four buckets: dark');
});

test('zoom keeps the point under the cursor still; the row under a point follows zoom and pan', () => {
  const v = zoomAt({ zoom: 1, panX: 0, panY: 0 }, 4, 100, 50);
  assert.equal(v.zoom, 4);
  // the grid point under (100, 50) before is under it after
  assert.equal((100 - v.panX) / v.zoom, 100);
  assert.equal((50 - v.panY) / v.zoom, 50);
  assert.equal(zoomAt(v, 1000, 0, 0).zoom, 64, 'capped');
  const grid = heatGrid(65536);
  assert.equal(heatRowAt({ zoom: 1, panX: 0, panY: 0 }, 2, grid, 65536, 5, 3), 1 * 256 + 2);
  assert.equal(heatRowAt(v, 2, grid, 65536, 100 + 8 * 3, 50), Math.floor(50 / 2) * 256 + Math.floor((100 + 24 - v.panX) / 8));
  assert.equal(heatRowAt({ zoom: 1, panX: 0, panY: 0 }, 2, grid, 65536, -1, 0), -1);
});

test('a MapOp event\'s two 32-bit halves make the 16-digit hash the snapshots carry', async () => {
  const { eventHash } = await import('../src/mapview-layout.js');
  assert.equal(eventHash(0x158c3cb2, 0x36535fa1), '0x158c3cb236535fa1');
  assert.equal(eventHash(0, 1), '0x0000000000000001');
  assert.equal(eventHash(0xffffffff, 0xffffffff), '0xffffffffffffffff');
});

test('Swiss heat pixels: occupancy is full ÷ 8, the tombstones metric deleted ÷ 8', () => {
  // 2 groups: {full, deleted, table}
  const u = new Uint32Array([1, 2, 0, 0, 3, 1, 0, 0, 8, 0, 0, 0, 8, 0]);
  const occ = heatPixels(u, 0, 2, 'occupancy', true).px;
  const tomb = heatPixels(u, 0, 2, 'tombstones', true).px;
  const at = (p, i) => [...p.slice(i * 4, i * 4 + 3)];
  assert.deepEqual(at(occ, 0), rgb(COLORS.full));
  assert.deepEqual(at(occ, 1), rgb(COLORS.emptyRest));
  assert.deepEqual(at(tomb, 0), rgb(COLORS.emptyRest));
  assert.deepEqual(at(tomb, 1), rgb(COLORS.full));
});
