// Live charts (uPlot) over the sample table: heap, allocation rates,
// fragmentation, and the first map's shape; GC cycles marked on each.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLORS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2'];

// Vertical lines at the x of each finished GC cycle.
function gcMarks(getMarks) {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = 'rgba(220,38,38,0.45)';
        ctx.lineWidth = 1;
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

// 14,000,000 -> 14M: axis ticks stay short at 260 px wide charts
const compact = (u, v) => v.map((x) => (x == null ? '' : Math.abs(x) >= 1e6 ? `${+(x / 1e6).toFixed(2)}M` : Math.abs(x) >= 1e4 ? `${+(x / 1e3).toFixed(1)}k` : String(x)));
const bytes = (u, v) => v.map((x) => (x == null ? '' : x >= 1 << 20 ? (x / (1 << 20)).toFixed(1) + 'M' : x >= 1024 ? (x / 1024).toFixed(0) + 'K' : String(x)));

export class Charts {
  constructor(root, getMarks) {
    this.root = root;
    this.getMarks = getMarks;
    this.defs = [
      { id: 'heap', title: 'Heap (bytes)', series: ['HeapAlloc', 'HeapInuse', 'HeapIdle', 'HeapReleased', 'NextGC'], values: bytes },
      { id: 'rates', title: 'Mallocs / Frees per 1000 ops', series: ['Mallocs/kop', 'Frees/kop'] },
      { id: 'frag', title: 'Fragmentation (1 − HeapAlloc/HeapInuse)', series: ['fragmentation'] },
      // B (or a Swiss map's table count) is small: it gets the right-hand axis
      { id: 'map', title: 'Map', series: ['count', 'B', 'noverflow'], right: 1 },
    ];
    this.plots = {};
    for (const d of this.defs) {
      const box = document.createElement('figure');
      box.className = 'chart';
      box.dataset.testid = `chart-${d.id}`;
      box.setAttribute('data-testid', `chart-${d.id}`);
      const cap = document.createElement('figcaption');
      cap.textContent = d.title;
      d.cap = cap;
      box.append(cap);
      root.append(box);
      d.box = box;
    }
    this.resize();
    new ResizeObserver(() => this.resize()).observe(root);
  }
  make(d, width) {
    const axes = [{ label: 'ops', values: compact }, { values: d.values ?? compact, size: 56, space: 22 }];
    const series = d.series.map((name, i) => ({
      label: name, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true,
      ...(d.right === i ? { scale: 'r' } : {}),
    }));
    if (d.right !== undefined) axes.push({ scale: 'r', side: 1, size: 36, grid: { show: false }, values: compact });
    const opts = {
      width, height: this.height(),
      legend: { show: true, live: false },  // names and colours only: values are in the MemStats table
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false } },
      axes,
      series: [{ label: 'ops' }, ...series],
      plugins: [gcMarks(this.getMarks)],
    };
    const data = [[], ...d.series.map(() => [])];
    if (this.plots[d.id]) this.plots[d.id].destroy();
    this.plots[d.id] = new uPlot(opts, data, d.box);
  }
  // two charts a row on wide screens (projectors), one on laptops
  columns() { return this.root.clientWidth >= 900 ? 2 : 1; }
  height() { return window.innerHeight >= 1000 ? 190 : 150; }
  resize() {
    const cols = this.columns();
    this.root.style.gridTemplateColumns = `repeat(${cols}, minmax(0, 1fr))`;
    const w = Math.max(260, Math.floor((this.root.clientWidth - (cols - 1) * 8) / cols - 14));
    for (const d of this.defs) {
      if (!this.plots[d.id] || Math.abs(this.plots[d.id].width - w) > 4) {
        const old = this.plots[d.id]?.data;
        this.make(d, w);
        if (old) this.plots[d.id].setData(old);
      }
    }
  }
  // table: SampleTable; mapSeries: one map's {labels, x, <label>: []} (map-series.js)
  // now: {ops, memstats} of the latest PROGRESS (drawn after the last sample)
  update(table, mapSeries, mapName = '', now = null) {
    const def = this.defs.find((d) => d.id === 'map');
    def.cap.textContent = `Map ${mapName || '(none yet)'}: ${mapSeries.labels.join(', ')} (${mapSeries.labels[1]} on the right axis)`;
    if (!table.rows) {
      for (const d of this.defs) this.plots[d.id].setData([[], ...d.series.map(() => [])]);
      return;
    }
    const x = table.column('ops');
    const heapCols = ['HeapAlloc', 'HeapInuse', 'HeapIdle', 'HeapReleased', 'NextGC'];
    const heap = heapCols.map((c) => table.column(c));
    const rates = [table.rate('Mallocs'), table.rate('Frees')];
    const frag = table.column('fragmentation');
    // The core samples every few thousand operations; while stepping, the
    // MemStats of this very moment end the lines, so they reach "now".
    if (now && now.memstats && now.ops > x[x.length - 1]) {
      x.push(now.ops);
      heapCols.forEach((c, i) => heap[i].push(now.memstats[c] ?? null));
      for (const r of rates) r.push(null);
      const ms = now.memstats;
      frag.push(ms.HeapInuse ? 1 - ms.HeapAlloc / ms.HeapInuse : 0);  // the chart's definition, as the core computes it
    }
    this.plots.heap.setData([x, ...heap]);
    this.plots.rates.setData([x, ...rates]);
    this.plots.frag.setData([x, frag]);
    const labels = mapSeries.labels;
    if (labels.join() !== def.series.join()) {
      def.series = labels;
      this.make(def, this.plots.map.width);
    }
    this.plots.map.setData([mapSeries.x, ...labels.map((l) => mapSeries[l])]);
  }
}
