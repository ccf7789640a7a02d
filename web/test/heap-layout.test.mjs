// The heap view's pure layout (src/heap-layout.js): grid, hit-testing,
// page → span, tooltips, free-run and occupancy histograms.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  gridLayout, pageAt, spanIndexByPage, spanRow, describePage, freeRuns, runBucketLabel,
  occupancyByClass, countPages, classColor, PAGE, SPAN_COLS, ROLE_UNKNOWN,
} from '../src/heap-layout.js';

test('a 64 MiB heap (8192 pages) fits 800 px wide and 420 px high in 6 px cells, 128 per row', () => {
  const l = gridLayout(8192, 800);
  assert.equal(l.cell, 6);          // 7 px: 112 cols → 74 rows = 518 px > 420
  assert.equal(l.cols, 128);        // floor(800/6) = 133, down to a multiple of 8
  assert.equal(l.rows, 64);
  assert.equal(l.gap, 1);
  assert.equal(l.height, 384);
  // a tiny heap gets the largest cell, and no more columns than pages
  const s = gridLayout(5, 800);
  assert.equal(s.cell, 12);
  assert.equal(s.cols, 5);
  assert.equal(s.rows, 1);
  // a 1 GiB heap (131072 pages) degrades to 1 px cells without a gap
  const b = gridLayout(131072, 800);
  assert.equal(b.cell, 1);
  assert.equal(b.gap, 0);
  assert.equal(b.cols, 800);
});

test('pageAt hit-tests cells row-major and refuses points outside', () => {
  const l = gridLayout(20, 60, { maxCell: 10 });  // 10 px cells, 6 per row → 4 rows
  assert.equal(l.cols, 6);
  assert.equal(pageAt(l, 20, 0, 0), 0);
  assert.equal(pageAt(l, 20, 59, 9), 5);
  assert.equal(pageAt(l, 20, 0, 10), 6);
  assert.equal(pageAt(l, 20, 15, 35), 19);
  assert.equal(pageAt(l, 20, 25, 35), -1);  // the 21st cell is past the last page
  assert.equal(pageAt(l, 20, -1, 0), -1);
  assert.equal(pageAt(l, 20, 61, 0), -1);
});

// Two spans: pages 1–2 a class-5 (48 B) scan span, 100 of 341 full, role 3;
// page 4 a large object (class 0) without a recorded role.
const spans = Uint32Array.from([
  1, 2, 5, 0, 48, 341, 100, 0, 3,
  4, 1, 0, 1, 5000, 1, 1, 1, ROLE_UNKNOWN,
]);
const pages = Uint8Array.from([PAGE.FREE, PAGE.IN_USE, PAGE.IN_USE, PAGE.RELEASED, PAGE.IN_USE, PAGE.FREE, PAGE.CACHED, PAGE.FREE]);

test('pages map to their span rows; rows decode', () => {
  const idx = spanIndexByPage(pages.length, spans);
  assert.deepEqual([...idx], [-1, 0, 0, -1, 1, -1, -1, -1]);
  assert.deepEqual(spanRow(spans, 1), { page: 4, npages: 1, sizeclass: 0, noscan: true, elemsize: 5000, nelems: 1, allocCount: 1, sweep: 1, role: ROLE_UNKNOWN });
});

test('the tooltip names the span, its class, fill, scan kind and role', () => {
  const idx = spanIndexByPage(pages.length, spans);
  const roles = ['object', 'map header (hmap)', 'map bucket array', 'map overflow bucket'];
  assert.deepEqual(describePage(2, pages, spans, idx, roles), [
    'page 2 (offset 16,384 B): in use',
    'span: pages 1–2 (2 pages, 16 KiB)',
    'size class 5 (48 B objects)',
    'nelems 341, allocCount 100 (29% full)',
    'scan · swept',
    'allocated for: map overflow bucket',
  ]);
  const large = describePage(4, pages, spans, idx, roles);
  assert.equal(large[2], 'size class 0 (large object, 5,000 B)');
  assert.equal(large[4], 'noscan · unswept');
  assert.equal(large[5], 'allocated for: (not recorded in this snapshot)');
  assert.deepEqual(describePage(3, pages, spans, idx, roles), ['page 3 (offset 24,576 B): released to the OS']);
});

test('free runs: free and released pages, not the page cache; 1 − largest/total', () => {
  const f = freeRuns(pages);
  // runs: [0], [3], [5], [7]: page 6 (cached) splits 5 from 7
  assert.equal(f.runs, 4);
  assert.equal(f.freePages, 4);
  assert.equal(f.largest, 1);
  assert.equal(f.fragmentation, 0.75);
  assert.deepEqual(f.buckets, [4]);
  const g = freeRuns(Uint8Array.from([0, 0, 0, 2, 1, 1, 0, 0, 0, 2]));
  assert.deepEqual([g.runs, g.freePages, g.largest], [2, 8, 5]);
  assert.equal(g.fragmentation, 1 - 5 / 8);
  assert.deepEqual(g.buckets, [0, 0, 1, 1]);  // 3 → "3–4", 5 → "5–8"
  assert.deepEqual([0, 1, 2, 3, 4].map(runBucketLabel), ['1', '2', '3–4', '5–8', '9–16']);
  assert.deepEqual(freeRuns(new Uint8Array(0)), { runs: 0, freePages: 0, largest: 0, fragmentation: 0, buckets: [] });
});

test('occupancy by class follows fragmentation.h: 10 % buckets, [10] = exactly full', () => {
  const rows = Uint32Array.from([
    0, 1, 2, 0, 16, 512, 512, 0, 0,   // class 2 full
    1, 1, 2, 0, 16, 512, 51, 0, 0,    // class 2 at 9.96 % → bucket 0
    2, 1, 2, 1, 16, 512, 52, 0, 0,    // 10.2 % → bucket 1
    3, 3, 0, 0, 20000, 1, 1, 0, 0,    // large: full
  ]);
  const occ = occupancyByClass(rows);
  assert.equal(occ.length, 2);
  assert.equal(occ[0].class, 0);
  assert.deepEqual(occ[0].occupancy, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  assert.equal(occ[1].class, 2);
  assert.equal(occ[1].spans, 3);
  assert.equal(occ[1].objects, 615);
  assert.equal(occ[1].capacity, 1536);
  assert.deepEqual(occ[1].occupancy, [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  assert.equal(rows.length % SPAN_COLS, 0);
});

test('page counts and class colours', () => {
  assert.deepEqual(countPages(pages), { free: 3, released: 1, inUse: 3, cached: 1 });
  assert.deepEqual(classColor(0), [71, 85, 105]);
  assert.notDeepEqual(classColor(1), classColor(2));
  for (const c of [1, 30, 67]) for (const v of classColor(c)) assert.ok(v >= 0 && v <= 255);
});
