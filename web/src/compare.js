// Compare mode (view): two runs side by side, each in its own worker
// (worker.js, the same protocol as the page's), run to the end at full
// speed; overlaid charts on the shared simulated-time axis (A solid, B
// dashed) and the difference of their final counters. Side A is the
// editor's source and settings; side B has its own settings and,
// optionally, its own snippet. Figures come from the core only
// (compare-data.js does the B − A arithmetic and the alignment).
import uPlot from 'uplot';
import createWorker from './worker-factory.js';
import { MSG } from './protocol.js';
import { SampleTable } from './samples.js';
import { diffRows, diffText, ratioText, mergeOnX, sideConfig } from './compare-data.js';
import { X_AXES } from './time-axis.js';
import { shortNumber } from './memstats-fields.js';

const RUN_DEADLINE_MS = 120000;  // a side that does not end by then is stopped (its worker terminated)
// chart id -> [title, columns, bytes?]
const CHARTS = [
  ['heap', 'HeapAlloc and NextGC (bytes)', ['HeapAlloc', 'NextGC'], true],
  ['inuse', 'HeapInuse and HeapReleased (bytes)', ['HeapInuse', 'HeapReleased'], true],
  ['gc', 'NumGC (completed cycles)', ['NumGC'], false],
];
const COLORS = ['#1d4ed8', '#b45309'];

// One side: a worker, its sample table and its final figures.
class Side {
  constructor(name) {
    this.name = name;
    this.worker = null;
    this.gen = 0;
    this.reset();
  }
  reset() {
    this.table = new SampleTable();
    this.final = null;  // {memstats, modelled, ops, mapOps, state, error}
    this.last = null;
  }
  // Runs source+config to the end; resolves with this.final or rejects with a message.
  run(source, config) {
    this.reset();
    if (!this.worker) this.worker = createWorker();
    const gen = ++this.gen;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.stop(); reject(new Error(`side ${this.name} did not finish within ${RUN_DEADLINE_MS / 1000} s (stopped)`)); }, RUN_DEADLINE_MS);
      const done = (f, v) => { clearTimeout(timer); f(v); };
      this.worker.onerror = (e) => { e.preventDefault?.(); this.stop(); done(reject, new Error(`side ${this.name}: the worker crashed (${e.message ?? 'unknown error'})`)); };
      this.worker.onmessage = ({ data: m }) => {
        if (m.type === MSG.PROGRESS) this.worker.postMessage({ type: MSG.ACK });
        if (m.type === MSG.READY) { this.worker.postMessage({ type: MSG.LOAD, gen, source, config }); return; }
        if (m.type === MSG.FAILED) { done(reject, new Error(`side ${this.name}: ${m.message}`)); return; }
        if (m.gen !== gen) return;
        if (m.type === MSG.LOADED) {
          if (!m.ok) done(reject, new Error(`side ${this.name} does not compile: ${m.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('; ')}`));
          else this.worker.postMessage({ type: MSG.RUN, speed: { opsPerSec: 0 } });
        } else if (m.type === MSG.PROGRESS) {
          if (!this.table.apply(m.samples)) this.table.reset();
          this.last = m;
          this.onProgress?.();
        } else if (m.type === MSG.ENDED) {
          const r = m.result, l = this.last;
          this.final = { memstats: l.memstats, modelled: l.modelled, ops: r.ops, mapOps: r.mapOps, state: r.state,
            error: r.state === 'done' ? '' : `${r.error}${r.errorLine ? ` (line ${r.errorLine}:${r.errorCol})` : ''}` };
          done(resolve, this.final);
        }
      };
      if (this.ready) this.worker.postMessage({ type: MSG.LOAD, gen, source, config });
      else {
        // the first READY loads; later runs reuse the ready worker
        const first = this.worker.onmessage;
        this.worker.onmessage = (ev) => { if (ev.data.type === MSG.READY) this.ready = true; first(ev); };
      }
    });
  }
  stop() {
    try { this.worker?.terminate(); } catch { /* gone */ }
    this.worker = null;
    this.ready = false;
  }
}

export class ComparePanel {
  // root: the panel element (index.html #compare); getA(): {source, config (the page's settings form values)}
  constructor(root, { getA, onShare }) {
    this.root = root;
    this.getA = getA;
    this.onShare = onShare;
    this.sides = { a: new Side('A'), b: new Side('B') };
    this.plots = {};
    this.running = false;
    const q = (id) => root.querySelector(`#${id}`);
    this.el = { go: q('cmp-go'), gogc: q('cmp-gogc'), memlimit: q('cmp-memlimit'), seed: q('cmp-seed'), same: q('cmp-same'),
      source: q('cmp-source'), run: q('cmp-run'), link: q('cmp-share'), status: q('cmp-status'), charts: q('cmp-charts'), table: q('cmp-diff'), aTitle: q('cmp-a') };
    this.el.same.addEventListener('change', () => this.syncSame());
    this.el.run.addEventListener('click', () => this.runBoth());
    this.el.link.addEventListener('click', () => this.onShare(this.link()));
    this.syncSame();
  }
  get open() { return !this.root.hidden; }
  show(on) {
    this.root.hidden = !on;
    if (on) this.describeA();
  }
  describeA() {
    const c = this.getA().config;
    this.el.aTitle.textContent = `Side A (the editor): Go ${c.go === 26 ? '1.24+ Swiss' : '1.19 buckets'}, GOGC ${c.gogc}, GOMEMLIMIT ${c.memlimit || 'off'}, seed ${c.seed}`;
  }
  syncSame() {
    const same = this.el.same.checked;
    this.el.source.disabled = same;
    if (same) this.el.source.value = '';
    else if (!this.el.source.value) this.el.source.value = this.getA().source;
  }
  form() {
    return { go: Number(this.el.go.value), gogc: Number.parseInt(this.el.gogc.value, 10), memlimit: this.el.memlimit.value.trim(), seed: this.el.seed.value.trim() || '1' };
  }
  bSide() {
    const a = this.getA();
    return { source: this.el.same.checked ? a.source : this.el.source.value, config: this.form() };
  }
  // Side B from a v2 link; side A went to the editor.
  setB(b, aSource) {
    const c = b.config ?? {};
    if (c.go !== undefined) this.el.go.value = String(c.go);
    if (c.gogc !== undefined) this.el.gogc.value = String(c.gogc);
    if (c.memlimit !== undefined) this.el.memlimit.value = c.memlimit;
    if (c.seed !== undefined) this.el.seed.value = c.seed;
    this.el.same.checked = b.source === aSource;
    this.el.source.value = this.el.same.checked ? '' : b.source;
    this.syncSame();
    this.show(true);
    this.status('Loaded from a compare link: press Run both to reproduce both runs.');
  }
  link() { return { a: this.getA(), b: this.bSide() }; }
  status(t) { this.el.status.textContent = t; }

  async runBoth() {
    if (this.running) return;
    this.describeA();
    const a = this.getA(), b = this.bSide();
    const ca = sideConfig(a.config), cb = sideConfig(b.config);
    if (ca.error || cb.error) { this.status(`Fix the setting: ${ca.error ? `side A: ${ca.error}` : `side B: ${cb.error}`}`); return; }
    this.running = true;
    this.el.run.disabled = true;
    this.root.dataset.state = 'running';
    this.status('Running both sides…');
    const tell = () => this.status(`Running both sides… ${['a', 'b'].map((k) => `${k.toUpperCase()}: ${(this.sides[k].last?.result?.ops ?? 0).toLocaleString('en-US')} ops${this.sides[k].final ? ' (done)' : ''}`).join(', ')}`);
    this.sides.a.onProgress = tell;
    this.sides.b.onProgress = tell;
    try {
      const [fa, fb] = await Promise.all([this.sides.a.run(a.source, ca.config), this.sides.b.run(b.source, cb.config)]);
      this.draw();
      this.table(fa, fb);
      const note = [fa, fb].map((f, i) => (f.error ? ` Side ${'AB'[i]} ended early: ${f.error}.` : '')).join('');
      this.status(`Both runs finished.${note}`);
      this.root.dataset.state = 'done';
    } catch (e) {
      this.status(String(e.message ?? e));
      this.root.dataset.state = 'failed';
    } finally {
      this.running = false;
      this.el.run.disabled = false;
    }
  }

  // Overlaid charts: x = simulated time; each side's final MemStats end its lines.
  draw() {
    const ax = X_AXES.nanotime;
    for (const [id, title, cols, bytes] of CHARTS) {
      const side = (s) => {
        const x = s.table.rows ? s.table.column('nanotime') : [];
        const ys = cols.map((c) => (s.table.rows ? s.table.column(c) : []));
        const f = s.final;
        if (f && f.modelled && (!x.length || f.modelled.nanotime > x[x.length - 1])) {
          x.push(f.modelled.nanotime);
          cols.forEach((c, i) => ys[i].push(f.memstats[c] ?? null));
        }
        return { x, ys };
      };
      const A = side(this.sides.a), B = side(this.sides.b);
      const data = mergeOnX(A.x, A.ys, B.x, B.ys);
      let box = this.el.charts.querySelector(`[data-testid="cmp-chart-${id}"]`);
      if (!box) {
        box = document.createElement('figure');
        box.className = 'chart';
        box.dataset.testid = `cmp-chart-${id}`;
        const cap = document.createElement('figcaption');
        cap.textContent = `${title} · A solid, B dashed · x: modelled time`;
        box.append(cap);
        this.el.charts.append(box);
      }
      const series = [{ label: ax.label, value: (u, v) => (v == null ? '–' : ax.value(v)) }];
      for (const [s, dash] of [['A', null], ['B', [6, 4]]]) {
        cols.forEach((c, i) => series.push({ label: `${s} ${c}`, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true, ...(dash ? { dash } : {}) }));
      }
      const opts = {
        width: Math.max(260, box.clientWidth - 12), height: 200,  // the grid (style.css) sizes each figure
        scales: { x: { time: false } },
        axes: [{ label: ax.label, values: (u, v) => v.map(ax.tick), size: 40, labelSize: 16 }, { values: (u, v) => v.map((n) => shortNumber(n, bytes)), size: 56 }],
        series,
      };
      this.plots[id]?.destroy();
      this.plots[id] = new uPlot(opts, data, box);
      this.resizer ??= new ResizeObserver((entries) => {
        for (const en of entries) {
          const u = this.plots[en.target.dataset.testid.replace('cmp-chart-', '')];
          const w = Math.max(260, en.target.clientWidth - 12);
          if (u && Math.abs(u.width - w) > 4) u.setSize({ width: w, height: 200 });
        }
      });
      this.resizer.observe(box);  // one column on a tablet, three on a wide screen
    }
  }

  table(fa, fb) {
    const rows = diffRows(fa, fb);
    const head = document.createElement('tr');
    for (const h of ['', 'A', 'B', 'B − A', 'B / A']) {
      const th = document.createElement('th');
      th.textContent = h;
      th.scope = 'col';
      head.append(th);
    }
    const body = rows.map((r) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = r.label;
      tr.append(th);
      const cell = (side, v, text) => {
        const td = document.createElement('td');
        td.dataset.testid = `cmp-${side}-${r.id}`;
        td.dataset.value = String(v);
        td.textContent = text;
        tr.append(td);
      };
      const fmt = (v) => (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toPrecision(6));
      cell('a', r.a, fmt(r.a));
      cell('b', r.b, fmt(r.b));
      cell('diff', r.diff, Number.isInteger(r.diff) ? diffText(r.diff) : diffText(Number(r.diff.toPrecision(6))));
      cell('ratio', r.ratio, ratioText(r.ratio));
      if (r.diff !== 0) tr.className = 'differs';
      return tr;
    });
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    tbody.append(...body);
    this.el.table.replaceChildren(thead, tbody);
  }
}
