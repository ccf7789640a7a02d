// The heap view: every 8 KiB page of the simulated heap as a cell (free,
// released, page cache, or in use by a span coloured by size class and
// filled to the span's allocCount/nelems), a hover/keyboard tooltip naming
// the span, the per-size-class occupancy histogram and the free-run
// histogram with the fragmentation figures. It draws what the worker sends
// (HEAP_DATA: the core's heapPages/heapSpans/heapRoles/fragmentation, or a
// retained snapshot's pages and spans); layout and aggregation are in
// heap-layout.js.
import {
  gridLayout, pageAt, spanIndexByPage, describePage, freeRuns, runBucketLabel, occupancyByClass, countPages,
  classColor, spanRow, FREE_RGB, RELEASED_RGB, CACHED_RGB, PAGE, PAGE_BYTES, SPAN_COLS,
} from './heap-layout.js';

const BG = [248, 250, 252];
const MIB = 1024 * 1024;

function el(tag, props = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role' || k === 'tabindex') e.setAttribute(k, v);
    else e[k] = v;
  }
  e.append(...kids);
  return e;
}

// Resizing a canvas reallocates and clears it: only when the size changes.
function sizeCanvas(c, w, h, dpr) {
  if (c.width !== w * dpr || c.height !== h * dpr) { c.width = w * dpr; c.height = h * dpr; c.style.width = `${w}px`; c.style.height = `${h}px`; }
}

export class HeapView {
  constructor(root) {
    this.root = root;
    this.data = null;       // {pages, spans, roles, fragmentation|null, label, live}
    this.layout = null;
    this.spanIdx = new Int32Array(0);
    this.focusPage = -1;
    this.label = el('p', { class: 'heap-label', 'data-testid': 'heap-label', 'aria-live': 'polite' }, 'No heap yet: run or step the workload.');
    this.legend = el('div', { class: 'heap-legend', 'aria-hidden': 'true' });
    for (const [name, rgb] of [['in use (hue = size class; the filled part = allocCount/nelems)', classColor(5)], ['free, retained', FREE_RGB], ['released to the OS', RELEASED_RGB], ['P page cache', CACHED_RGB]]) {
      this.legend.append(el('span', { class: 'sw', style: `background: rgb(${rgb})` }), el('span', {}, name));
    }
    this.canvas = el('canvas', {
      class: 'heap-canvas', 'data-testid': 'heap-canvas', tabindex: '0', role: 'img',
      'aria-label': 'Heap pages: one cell per 8 KiB page. Arrow keys move between pages; the page under the cursor is described below.',
    });
    this.canvas.dataset.png = 'heap-view';
    this.tip = el('div', { class: 'heap-tip', 'data-testid': 'heap-tooltip', role: 'tooltip', hidden: true });
    this.wrap = el('div', { class: 'heap-wrap' }, this.canvas, this.tip);
    this.frag = el('p', { class: 'heap-frag', 'data-testid': 'heap-frag' });
    this.occCanvas = el('canvas', { class: 'heap-hist', 'data-testid': 'heap-occupancy', role: 'img', 'aria-label': 'Span occupancy by size class' });
    this.occCanvas.dataset.png = 'heap-occupancy';
    this.runCanvas = el('canvas', { class: 'heap-hist', 'data-testid': 'heap-free-runs', role: 'img', 'aria-label': 'Free page runs by length' });
    this.runCanvas.dataset.png = 'heap-free-runs';
    this.hists = el('div', { class: 'heap-hists' },
      el('figure', {}, el('figcaption', {}, 'Span occupancy by size class (spans per 10 % of allocCount/nelems; last column: full)'), this.occCanvas),
      el('figure', {}, el('figcaption', {}, 'Free page runs by length (pages)'), this.runCanvas));
    root.append(this.label, this.legend, this.wrap, this.frag, this.hists);

    this.canvas.addEventListener('mousemove', (e) => {
      const r = this.canvas.getBoundingClientRect();
      this.hover(pageAt(this.layout ?? { cell: 1, cols: 0, rows: 0 }, this.npages, e.clientX - r.left, e.clientY - r.top), e.clientX - r.left, e.clientY - r.top);
    });
    this.canvas.addEventListener('mouseleave', () => { if (document.activeElement !== this.canvas) this.hover(-1); });
    this.canvas.addEventListener('blur', () => this.hover(-1));
    this.canvas.addEventListener('keydown', (e) => this.key(e));
    this.ro = new ResizeObserver(() => { if (this.data) this.render(); });
    this.ro.observe(root);
  }

  get npages() { return this.data ? this.data.pages.length : 0; }

  // data: {pages: Uint8Array, spans: Uint32Array, roles: string[], fragmentation: object|null, label: string, live: boolean}
  set(data) {
    this.data = data;
    this.spanIdx = spanIndexByPage(data.pages.length, data.spans);
    this.render();
  }
  clear() {
    this.data = null;
    this.label.textContent = 'No heap yet: run or step the workload.';
    this.frag.textContent = '';
    for (const c of [this.canvas, this.occCanvas, this.runCanvas]) { c.width = 0; c.height = 0; }
    this.hover(-1);
  }

  render() {
    if (!this.data) return;
    const { pages, spans, live } = this.data;
    const c = countPages(pages);
    const text = `${live ? 'live' : this.data.label} · ${pages.length.toLocaleString('en-US')} pages (${(pages.length * PAGE_BYTES / MIB).toFixed(1)} MiB mapped): ` +
      `${c.inUse} in use in ${spans.length / SPAN_COLS} spans, ${c.free} free, ${c.released} released, ${c.cached} in the page cache` +
      (this.data.note ? ` · ${this.data.note}` : '');
    if (this.label.textContent !== text) this.label.textContent = text;
    this.label.classList.toggle('past', !live);
    this.draw();
    this.drawHistograms();
    if (this.focusPage >= 0) this.hover(this.focusPage);
  }

  // The page cells, written straight into an ImageData (one pass over the pages).
  draw() {
    const { pages, spans } = this.data;
    const width = Math.max(200, Math.floor(this.root.clientWidth - 4));
    const L = gridLayout(pages.length, width);
    this.layout = L;
    const dpr = Math.max(1, Math.round(window.devicePixelRatio || 1));
    const cell = L.cell * dpr, gap = L.gap * dpr;
    const W = L.cols * cell, H = L.rows * cell;
    if (this.canvas.width !== W || this.canvas.height !== H) {
      this.canvas.width = W;
      this.canvas.height = H;
      this.canvas.style.width = `${L.width}px`;
      this.canvas.style.height = `${L.height}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!this.img || this.img.width !== W || this.img.height !== H) this.img = ctx.createImageData(W, H);
    const px = new Uint32Array(this.img.data.buffer);
    const pack = (rgb) => (255 << 24) | (rgb[2] << 16) | (rgb[1] << 8) | rgb[0];  // little-endian RGBA
    px.fill(pack(BG));
    const free = pack(FREE_RGB), released = pack(RELEASED_RGB), cached = pack(CACHED_RGB), outline = pack([203, 213, 225]);
    const classFull = [], classEmpty = [];
    const inner = cell - gap;
    for (let p = 0; p < pages.length; p++) {
      const x0 = (p % L.cols) * cell, y0 = Math.floor(p / L.cols) * cell;
      let top = 0, bottom = 0, split = 0;
      const st = pages[p];
      if (st === PAGE.IN_USE && this.spanIdx[p] >= 0) {
        const r = this.spanIdx[p] * SPAN_COLS;
        const sc = spans[r + 2];
        if (classFull[sc] === undefined) {
          const rgb = classColor(sc);
          classFull[sc] = pack(rgb);
          classEmpty[sc] = pack(rgb.map((v) => Math.round(v + (255 - v) * 0.72)));
        }
        bottom = classFull[sc];
        top = classEmpty[sc];
        const n = spans[r + 5];
        const fill = n ? spans[r + 6] / n : 0;
        split = inner - Math.round(inner * fill);  // rows above the filled part
      } else {
        top = bottom = st === PAGE.RELEASED ? released : st === PAGE.CACHED ? cached : st === PAGE.IN_USE ? pack([100, 116, 139]) : free;
      }
      // released cells (white) get an outline so they show on the background
      const edge = st === PAGE.RELEASED && inner >= 3 ? outline : 0;
      for (let y = 0; y < inner; y++) {
        const v = y < split ? top : bottom;
        const o = (y0 + y) * W + x0;
        if (edge && (y === 0 || y === inner - 1)) { for (let x = 0; x < inner; x++) px[o + x] = edge; continue; }
        for (let x = 0; x < inner; x++) px[o + x] = v;
        if (edge) { px[o] = edge; px[o + inner - 1] = edge; }
      }
    }
    ctx.putImageData(this.img, 0, 0);
  }

  drawHistograms() {
    const { pages, spans, fragmentation: f, live } = this.data;
    const runs = freeRuns(pages);
    const occ = occupancyByClass(spans);
    const pct = (v) => `${(100 * v).toFixed(1)} %`;
    let text;
    if (live && f) {
      text = `Free pages ${f.free_pages} in ${f.free_runs} runs, largest ${f.largest_free_run_pages} pages: run fragmentation 1 − largest/total = ${pct(f.run_fragmentation)} · ` +
        `idle ${f.idle_pages} pages (${f.released_pages} released) · page cache ${f.page_cache_pages} · internal (HeapInuse − HeapAlloc) ${f.internal_bytes.toLocaleString('en-US')} B of ${f.heap_inuse.toLocaleString('en-US')} B = ${pct(f.heap_inuse ? f.internal_bytes / f.heap_inuse : 0)}`;
    } else {
      text = `From the snapshot's pages: free pages ${runs.freePages} in ${runs.runs} runs, largest ${runs.largest} pages: run fragmentation ${pct(runs.fragmentation)}`;
    }
    if (this.frag.textContent !== text) this.frag.textContent = text;
    this.drawOccupancy(occ);
    this.drawRuns(runs);
  }

  drawOccupancy(occ) {
    const rowH = 14, labelW = 120, colW = 30, top = 16;
    const c = this.occCanvas, dpr = Math.max(1, Math.round(window.devicePixelRatio || 1));
    const w = labelW + 11 * colW + 8, h = top + Math.max(1, occ.length) * rowH + 4;
    sizeCanvas(c, w, h, dpr);
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = '#fff'; g.fillRect(0, 0, w, h);
    g.font = '10px system-ui, sans-serif';
    g.fillStyle = '#475569';
    for (let b = 0; b <= 10; b++) g.fillText(b === 10 ? 'full' : `${b}0`, labelW + b * colW + 2, 11);
    occ.forEach((e, i) => {
      const y = top + i * rowH;
      g.fillStyle = '#0f172a';
      g.fillText(e.class === 0 ? 'large' : `${e.class} (${e.elemsize} B)`, 2, y + 10);
      const max = Math.max(...e.occupancy);
      const rgb = classColor(e.class);
      e.occupancy.forEach((n, b) => {
        if (!n) return;
        const a = 0.2 + 0.8 * (n / max);
        g.fillStyle = `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${a.toFixed(3)})`;
        g.fillRect(labelW + b * colW, y, colW - 2, rowH - 2);
        g.fillStyle = a > 0.6 ? '#fff' : '#0f172a';
        g.fillText(String(n), labelW + b * colW + 2, y + 10);
      });
    });
  }

  drawRuns(runs) {
    const c = this.runCanvas, dpr = Math.max(1, Math.round(window.devicePixelRatio || 1));
    const n = Math.max(1, runs.buckets.length), barW = 44, h = 120, base = h - 16, w = n * barW + 10;
    sizeCanvas(c, w, h, dpr);
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = '#fff'; g.fillRect(0, 0, w, h);
    g.font = '10px system-ui, sans-serif';
    const max = Math.max(1, ...runs.buckets);
    runs.buckets.forEach((v, b) => {
      const bh = Math.round(((base - 14) * v) / max);
      g.fillStyle = '#64748b';
      g.fillRect(5 + b * barW, base - bh, barW - 4, bh);
      g.fillStyle = '#0f172a';
      if (v) g.fillText(String(v), 6 + b * barW, base - bh - 2);
      g.fillText(runBucketLabel(b), 5 + b * barW, h - 4);
    });
  }

  hover(p, x, y) {
    if (!this.data || p < 0) { this.tip.hidden = true; return; }
    const lines = describePage(p, this.data.pages, this.data.spans, this.spanIdx, this.data.roles ?? []);
    this.tip.textContent = lines.join('\n');
    this.tip.hidden = false;
    const L = this.layout;
    const cx = x ?? ((p % L.cols) + 0.5) * L.cell, cy = y ?? (Math.floor(p / L.cols) + 0.5) * L.cell;
    this.tip.style.left = `${Math.min(cx + 12, Math.max(0, L.width - 260))}px`;
    this.tip.style.top = `${cy + 14}px`;
    this.tipPage = p;
  }

  key(e) {
    if (!this.data || !this.layout) return;
    const d = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: this.layout.cols, ArrowUp: -this.layout.cols }[e.key];
    if (d === undefined) { if (e.key === 'Escape') this.hover(-1); return; }
    e.preventDefault();
    const p = Math.min(this.npages - 1, Math.max(0, (this.focusPage < 0 ? 0 : this.focusPage + d)));
    this.focusPage = p;
    this.hover(p);
  }

  // Test hooks: the cell of page p in canvas device pixels, and its span.
  cellCenter(p) {
    const L = this.layout, dpr = this.canvas.width / L.width, half = ((L.cell - L.gap) * dpr) / 2;
    return { x: Math.floor((p % L.cols) * L.cell * dpr + half), y: Math.floor(Math.floor(p / L.cols) * L.cell * dpr + half) };
  }
  span(p) { const i = this.spanIdx[p]; return i >= 0 ? spanRow(this.data.spans, i) : null; }

  // Redraws the page cells (full: the whole view, label and histograms too)
  // `frames` times, one per animation frame, and reports frames per second
  // and the mean draw time (the e2e benchmark).
  bench(frames = 120, full = false) {
    return new Promise((resolve) => {
      let n = 0, drawMs = 0;
      const t0 = performance.now();
      const tick = () => {
        const t = performance.now();
        if (full) { this.spanIdx = spanIndexByPage(this.npages, this.data.spans); this.render(); } else this.draw();
        drawMs += performance.now() - t;
        if (++n < frames) requestAnimationFrame(tick);
        else resolve({ frames, fps: (frames * 1000) / (performance.now() - t0), drawMs: drawMs / frames, pages: this.npages });
      };
      requestAnimationFrame(tick);
    });
  }
}

// What to ask the worker for, and when: the live heap at most every
// LIVE_EVERY_MS while a run goes on and once when it stops; a retained
// snapshot when the timeline points into the past. One request in flight;
// a newer wish replaces a queued one.
const LIVE_EVERY_MS = 400;
const LOST_AFTER_MS = 5000;

export class HeapController {
  // send(msg) posts to the worker; isOpen() says whether the panel is shown;
  // table() is the page's SampleTable (for snapshot labels).
  constructor(view, { send, isOpen, table, snapshotLabel, mapsLine }) {
    Object.assign(this, { view, send, isOpen, table, snapshotLabel, mapsLine });
    this.reset();
  }
  reset() {
    this.inflight = false;
    this.queued = null;
    this.at = null;           // null: live; else the ops the timeline points at
    this.lastLive = -Infinity;
    this.shown = null;        // the snapshot shown, or null when live
    this.view.clear();
  }
  want(req) {
    if (!this.isOpen()) return;
    // a reply lost with a failed worker must not block the view for good
    if (this.inflight && performance.now() - this.sentAt < LOST_AFTER_MS) { this.queued = req; return; }
    this.inflight = true;
    this.sentAt = performance.now();
    this.send(req);
  }
  // After each PROGRESS: running → throttled; otherwise (paused, stepped, ended) → now.
  onProgress(state) {
    if (this.at !== null) return;
    const t = performance.now();
    if (state === 'running' && t - this.lastLive < LIVE_EVERY_MS) return;
    this.lastLive = t;
    this.want({ at: null });
  }
  showAt(ops) { this.at = ops; this.want({ at: ops }); }
  goLive() { this.at = null; this.lastLive = -Infinity; this.want({ at: null }); }
  refresh() { this.want({ at: this.at }); }
  onData(m) {
    this.inflight = false;
    const q = this.queued;
    this.queued = null;
    // a reply that no longer matches what the timeline shows is dropped
    const current = (m.live && this.at === null) || (!m.live && this.at !== null);
    if (current) {
      if (m.live) {
        this.shown = null;
        this.view.set({ pages: m.pages, spans: m.spans, roles: m.roles, fragmentation: m.fragmentation, live: true, label: 'live' });
      } else if (m.snapshot) {
        this.shown = m.snapshot;
        this.view.set({ pages: m.pages, spans: m.spans, roles: m.roles, fragmentation: null, live: false,
          label: this.snapshotLabel(m.snapshot, this.table()), note: this.mapsLine(m.snapshot) });
      } else {
        this.shown = null;
        this.view.clear();
        this.view.label.textContent = 'No snapshot retained yet (they are taken at each GC start/end and map grow start/finish).';
      }
    }
    if (q) this.want(q);
  }
}
