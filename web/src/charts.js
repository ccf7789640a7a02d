// Live charts (uPlot) over the sample table: heap, allocation rates,
// fragmentation, and the first live map's shape; GC cycles marked on each.
// x is simulated time (the cost model's nanotime, labelled "modelled") or
// the instruction count (ops), as the page's x-axis menu says (time-axis.js).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { shortNumber } from './memstats-fields.js';
import { X_AXES, DEFAULT_X } from './time-axis.js';

const COLORS = ['#1d4ed8', '#15803d', '#b45309', '#7e22ce', '#b91c1c', '#0e7490'];

// Vertical dashed lines at the x of each finished GC cycle.
function gcMarks(getMarks) {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = 'rgba(185,28,28,0.5)';
        ctx.lineWidth = Math.max(1, devicePixelRatio);
        ctx.setLineDash([4, 3]);
        for (const x of getMarks()) {
          const px = Math.round(u.valToPos(x, 'x', true));
          if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(px, u.bbox.top);
          ctx.lineTo(px, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

const ticks = (bytes) => (u, vals) => vals.map((v) => shortNumber(v, bytes));

// series: [label, scale] ('y' left axis, 'y2' right axis)
const MAP_SERIES = {
  classic: [['count', 'y'], ['B', 'y2'], ['noverflow', 'y']],
  swiss: [['count', 'y'], ['tables', 'y2'], ['tombstones', 'y']],
};

export class Charts {
  constructor(root, getMarks) {
    this.root = root;
    this.getMarks = getMarks;
    this.xcol = DEFAULT_X;  // the sample column on x: 'nanotime' or 'ops'
    this.defs = [
      { id: 'heap', title: 'Heap (bytes) · dashed: GC cycle ends', series: ['HeapAlloc', 'HeapInuse', 'HeapIdle', 'HeapReleased', 'NextGC'].map((s) => [s, 'y']), bytes: true },
      { id: 'rates', title: 'Mallocs / Frees per 1000 ops', series: [['Mallocs/kop', 'y'], ['Frees/kop', 'y']] },
      { id: 'frag', title: 'Fragmentation: 1 − HeapAlloc/HeapInuse', series: [['fragmentation', 'y']] },
      { id: 'map', title: 'First map: count, noverflow (left), B (right)', series: MAP_SERIES.classic },
    ];
    this.plots = {};
    for (const d of this.defs) {
      const box = document.createElement('figure');
      box.className = 'chart';
      box.setAttribute('data-testid', `chart-${d.id}`);
      const cap = document.createElement('figcaption');
      cap.textContent = d.title;
      box.append(cap);
      root.append(box);
      d.box = box;
      d.cap = cap;
    }
    this.resize();
    // the grid decides each figure's width (one or two columns): follow it
    const ro = new ResizeObserver(() => this.resize());
    for (const d of this.defs) ro.observe(d.box);
  }
  make(d, width) {
    const right = d.series.some(([, sc]) => sc === 'y2');
    const axes = [
      { label: X_AXES[this.xcol].label, values: (u, vals) => vals.map(X_AXES[this.xcol].tick), size: 40, labelSize: 16 },
      { values: ticks(d.bytes), size: 52 },
    ];
    if (right) axes.push({ scale: 'y2', side: 1, values: ticks(false), size: 36, grid: { show: false } });
    const opts = {
      width, height: 160,
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false }, ...(right ? { y2: { range: (u, mn, mx) => [0, Math.max(1, mx + 1)] } } : {}) },
      axes,
      series: [{ label: X_AXES[this.xcol].label, value: (u, v) => (v == null ? '–' : X_AXES[this.xcol].value(v)) },
        ...d.series.map(([s, sc], i) => ({ label: s, scale: sc, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true }))],
      plugins: [gcMarks(this.getMarks)],
    };
    const data = [[], ...d.series.map(() => [])];
    if (this.plots[d.id]) this.plots[d.id].destroy();
    this.plots[d.id] = new uPlot(opts, data, d.box);
  }
  // x axis: 'nanotime' (modelled time) or 'ops'; the plots are rebuilt (their axis changes), the caller redraws
  setAxis(id) {
    if (!X_AXES[id] || id === this.xcol) return;
    this.xcol = id;
    for (const d of this.defs) this.make(d, this.plots[d.id].width);
  }
  resize() {
    for (const d of this.defs) {
      const w = Math.max(260, Math.floor(d.box.clientWidth - 10));
      if (!this.plots[d.id] || Math.abs(this.plots[d.id].width - w) > 4) {
        const old = this.plots[d.id]?.data;
        this.make(d, w);
        if (old) this.plots[d.id].setData(old);
      }
    }
  }
  // table: SampleTable; mapSeries: {name, labels, x: [], <label>: []} (map-series.js, x already in
  // this.xcol's unit); now: {ops, ns, memstats} of the latest batch (drawn after the last sample) or null
  update(table, mapSeries, now = null) {
    const def = this.defs.find((d) => d.id === 'map');
    const want = mapSeries.labels[1] === 'tables' ? MAP_SERIES.swiss : MAP_SERIES.classic;
    if (want !== def.series) {
      def.series = want;
      this.make(def, this.plots.map.width);
    }
    const l = def.series.map(([s]) => s);
    def.cap.textContent = `Map ${mapSeries.name ? `“${mapSeries.name}”` : '(first)'}: ${l[0]}, ${l[2]} (left), ${l[1]} (right)`;
    if (!table.rows) {
      for (const d of this.defs) this.plots[d.id].setData([[], ...d.series.map(() => [])]);
      return;
    }
    const x = table.column(this.xcol);
    const heapCols = ['HeapAlloc', 'HeapInuse', 'HeapIdle', 'HeapReleased', 'NextGC'];
    const heap = heapCols.map((c) => table.column(c));
    const rates = [table.rate('Mallocs'), table.rate('Frees')];
    const frag = table.column('fragmentation');
    // The core samples every few thousand operations; the MemStats of the
    // latest batch end the lines, so a step draws up to "now", not a dot.
    const nowX = now ? (this.xcol === 'ops' ? now.ops : now.ns) : undefined;
    if (now && now.memstats && nowX > x[x.length - 1]) {
      const ms = now.memstats;
      x.push(nowX);
      heapCols.forEach((c, i) => heap[i].push(ms[c] ?? null));
      for (const r of rates) r.push(null);
      frag.push(ms.HeapInuse ? 1 - ms.HeapAlloc / ms.HeapInuse : 0);  // the chart's definition (its title)
    }
    this.plots.heap.setData([x, ...heap]);
    this.plots.rates.setData([x, ...rates]);
    this.plots.frag.setData([x, frag]);
    this.plots.map.setData([mapSeries.x, ...l.map((s) => mapSeries[s] ?? [])]);
  }
}
