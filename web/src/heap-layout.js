// Pure layout and aggregation for the heap view (heap-view.js draws): where
// each 8 KiB page goes on the canvas, which span a page belongs to, the
// colour of a page, and the histograms the panel shows. Everything here
// reads the core's arrays (heapPages / heapSpans, or a retained snapshot's)
// as they are; no allocator logic. Tested under node (web/test).

// Page states (core/runtime/heap_snapshot.h PageState).
export const PAGE = Object.freeze({ FREE: 0, RELEASED: 1, IN_USE: 2, CACHED: 3 });
export const PAGE_NAMES = Object.freeze(['free (idle, retained)', 'released to the OS', 'in use', 'free (P page cache)']);
export const PAGE_BYTES = 8192;

// heapSpans rows (core/runtime/heap_snapshot.h span_rows): 9 u32 columns.
export const SPAN_COLS = 9;
export const SPAN = Object.freeze({ PAGE: 0, NPAGES: 1, CLASS: 2, NOSCAN: 3, ELEMSIZE: 4, NELEMS: 5, ALLOC: 6, SWEEP: 7, ROLE: 8 });
export const ROLE_UNKNOWN = 0xffffffff;
export const SWEEP_NAMES = Object.freeze(['swept', 'unswept', 'in the mcache']);

// Grid for npages cells in a canvas `width` CSS px wide: the largest cell
// (at most maxCell, at least 1 px) whose rows fit within maxHeight, with a
// 1 px gap once cells are 4 px or more. cols is a multiple of 8 when it can be
// (so 64-page chunks line up).
export function gridLayout(npages, width, { maxCell = 12, maxHeight = 420 } = {}) {
  const n = Math.max(1, npages);
  let cell = maxCell;
  for (; cell > 1; cell--) {
    const cols = Math.max(1, Math.floor(width / cell));
    if (Math.ceil(n / cols) * cell <= maxHeight) break;
  }
  let cols = Math.max(1, Math.floor(width / cell));
  if (cols >= 16) cols -= cols % 8;
  cols = Math.min(cols, n);
  const rows = Math.ceil(n / cols);
  const gap = cell >= 4 ? 1 : 0;
  return { cols, rows, cell, gap, width: cols * cell, height: rows * cell };
}

// The page under canvas point (x, y) in CSS px, or -1.
export function pageAt(layout, npages, x, y) {
  if (x < 0 || y < 0) return -1;
  const c = Math.floor(x / layout.cell), r = Math.floor(y / layout.cell);
  if (c >= layout.cols || r >= layout.rows) return -1;
  const p = r * layout.cols + c;
  return p < npages ? p : -1;
}

// For each page, the index of the span row covering it, or -1.
export function spanIndexByPage(npages, spans) {
  const idx = new Int32Array(npages).fill(-1);
  for (let i = 0, r = 0; r + SPAN_COLS <= spans.length; i++, r += SPAN_COLS) {
    const p0 = spans[r + SPAN.PAGE], n = spans[r + SPAN.NPAGES];
    for (let p = p0; p < p0 + n && p < npages; p++) idx[p] = i;
  }
  return idx;
}

export function spanRow(spans, i) {
  const r = i * SPAN_COLS;
  return {
    page: spans[r], npages: spans[r + 1], sizeclass: spans[r + 2], noscan: spans[r + 3] === 1,
    elemsize: spans[r + 4], nelems: spans[r + 5], allocCount: spans[r + 6], sweep: spans[r + 7], role: spans[r + 8],
  };
}

// Colour of a size class: hue walks the 68 classes (golden-angle steps so
// neighbours differ), large objects (class 0) slate. [r, g, b].
export function classColor(sizeclass) {
  if (sizeclass === 0) return [71, 85, 105];
  const h = (sizeclass * 137.508) % 360;
  return hslToRgb(h, 0.65, 0.45);
}
export const FREE_RGB = [226, 232, 240];
export const RELEASED_RGB = [255, 255, 255];
export const CACHED_RGB = [254, 240, 138];

export function hslToRgb(h, s, l) {
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(255 * f(0)), Math.round(255 * f(8)), Math.round(255 * f(4))];
}

// A page's fill level: allocCount / nelems of its span (1 for a large object).
export function fillLevel(s) {
  return s.nelems ? s.allocCount / s.nelems : 0;
}

// One line per fact, for the hover tooltip.
export function describePage(page, pages, spans, spanIdx, roles) {
  const state = pages[page];
  const lines = [`page ${page} (offset ${(page * PAGE_BYTES).toLocaleString('en-US')} B): ${PAGE_NAMES[state] ?? state}`];
  const i = spanIdx[page];
  if (i < 0) return lines;
  const s = spanRow(spans, i);
  lines.push(`span: pages ${s.page}–${s.page + s.npages - 1} (${s.npages} page${s.npages === 1 ? '' : 's'}, ${(s.npages * PAGE_BYTES / 1024).toLocaleString('en-US')} KiB)`);
  lines.push(s.sizeclass === 0
    ? `size class 0 (large object, ${s.elemsize.toLocaleString('en-US')} B)`
    : `size class ${s.sizeclass} (${s.elemsize} B objects)`);
  lines.push(`nelems ${s.nelems}, allocCount ${s.allocCount} (${Math.round(100 * fillLevel(s))}% full)`);
  lines.push(`${s.noscan ? 'noscan' : 'scan'} · ${SWEEP_NAMES[s.sweep] ?? 'sweep ' + s.sweep}`);
  lines.push(`allocated for: ${s.role === ROLE_UNKNOWN ? (s.allocCount ? '(not recorded in this snapshot)' : '(no objects)') : roles[s.role] ?? `role ${s.role}`}`);
  return lines;
}

// Free-page runs: maximal runs of pages free in the page allocator (free
// or released; the P's page cache is not the allocator's, as in
// core/runtime/fragmentation.h). Histogram buckets by length: 1, 2, 3–4,
// 5–8, ... (powers of two).
export function freeRuns(pages) {
  const runs = [];
  let start = -1;
  for (let p = 0; p <= pages.length; p++) {
    const free = p < pages.length && (pages[p] === PAGE.FREE || pages[p] === PAGE.RELEASED);
    if (free && start < 0) start = p;
    else if (!free && start >= 0) { runs.push(p - start); start = -1; }
  }
  const total = runs.reduce((a, b) => a + b, 0);
  const largest = runs.reduce((a, b) => Math.max(a, b), 0);
  const buckets = [];
  for (const len of runs) {
    const b = len <= 1 ? 0 : Math.ceil(Math.log2(len));
    while (buckets.length <= b) buckets.push(0);
    buckets[b]++;
  }
  return { runs: runs.length, freePages: total, largest, fragmentation: total ? 1 - largest / total : 0, buckets };
}
export function runBucketLabel(b) {
  if (b === 0) return '1';
  const lo = (1 << (b - 1)) + 1, hi = 1 << b;
  return lo === hi ? String(hi) : `${lo}–${hi}`;
}

// Per size class: spans, objects, capacity and the occupancy histogram
// (allocCount/nelems in 10 % buckets [0,10%) … [90%,100%), [10] = full),
// the definition of core/runtime/fragmentation.h, from span rows.
export function occupancyByClass(spans) {
  const by = new Map();
  for (let r = 0; r + SPAN_COLS <= spans.length; r += SPAN_COLS) {
    const c = spans[r + SPAN.CLASS];
    let e = by.get(c);
    if (!e) { e = { class: c, elemsize: spans[r + SPAN.ELEMSIZE], spans: 0, objects: 0, capacity: 0, occupancy: new Array(11).fill(0) }; by.set(c, e); }
    const n = spans[r + SPAN.NELEMS], a = spans[r + SPAN.ALLOC];
    e.spans++;
    e.objects += a;
    e.capacity += n;
    e.occupancy[a >= n ? 10 : Math.floor((10 * a) / n)]++;
    if (c !== 0) e.elemsize = spans[r + SPAN.ELEMSIZE];
  }
  return [...by.values()].sort((x, y) => x.class - y.class);
}

export function countPages(pages) {
  const n = [0, 0, 0, 0];
  for (const p of pages) n[p]++;
  return { free: n[0], released: n[1], inUse: n[2], cached: n[3] };
}
