// The timeline: a scrubber over the sample rows plus a "live" stop. When it
// points into the past the counters show that row, the charts a marker at
// its x, and the heap view the nearest retained snapshot (the caller wires
// those through onScrub). Pure logic in timeline.js.
import { scrubMax, isLive, positionLabel } from './timeline.js';

export class TimelineView {
  // root: container; table(): SampleTable; onScrub({live, row, ops}) when moved.
  constructor(root, { table, onScrub }) {
    this.table = table;
    this.onScrub = onScrub;
    this.input = document.createElement('input');
    Object.assign(this.input, { type: 'range', min: '0', max: '0', value: '0', step: '1', id: 'timeline-scrubber' });
    this.input.setAttribute('data-testid', 'timeline-scrubber');
    this.input.setAttribute('aria-label', 'Timeline: choose a sample to show; the rightmost stop is live');
    this.pos = document.createElement('output');
    this.pos.setAttribute('data-testid', 'timeline-position');
    this.pos.setAttribute('for', 'timeline-scrubber');
    this.pos.textContent = 'live';
    this.liveBtn = document.createElement('button');
    this.liveBtn.textContent = 'Live';
    this.liveBtn.title = 'Back to the newest state';
    this.liveBtn.setAttribute('data-testid', 'timeline-live');
    this.liveBtn.disabled = true;
    const label = document.createElement('label');
    label.className = 'timeline';
    label.append('Timeline ', this.input);
    root.append(label, this.pos, this.liveBtn);
    this.input.addEventListener('input', () => this.moved());
    this.liveBtn.addEventListener('click', () => this.goLive());
    this.live = true;
  }
  // After new samples: the range grows; at live it stays at live.
  update() {
    // the core halved its sample table: row numbers moved, so go back to live
    const epoch = this.table().epoch;
    if (epoch !== this.epoch) { this.epoch = epoch; if (!this.live) { this.input.max = String(scrubMax(this.table().rows)); this.goLive(); return; } }
    const rows = this.table().rows;
    const max = scrubMax(rows);
    if (String(max) !== this.input.max) this.input.max = String(max);
    if (this.live) { this.input.value = String(max); this.pos.textContent = 'live'; }
    else if (Number(this.input.value) >= rows) this.goLive();  // the table was reset under us
  }
  goLive() {
    this.input.value = this.input.max;
    this.moved();
  }
  moved() {
    const t = this.table(), v = Number(this.input.value);
    this.live = isLive(v, t.rows);
    this.pos.textContent = positionLabel(t, v);
    this.liveBtn.disabled = this.live;
    document.body.classList.toggle('scrubbed', !this.live);
    this.onScrub(this.live ? { live: true } : { live: false, row: v, ops: t.value(v, 'ops') });
  }
  reset() { this.live = true; this.liveBtn.disabled = true; document.body.classList.remove('scrubbed'); this.update(); }
}

// A vertical marker at x on every uPlot chart (null removes it), drawn
// as an element over the plot (uPlot keeps its overlay's children) and the
// legend set to that x.
export function markCharts(charts, x) {
  for (const u of Object.values(charts.plots)) {
    let m = u.over.querySelector('.timeline-mark');
    if (x === null || x === undefined) { if (m) m.remove(); continue; }
    if (!m) {
      m = document.createElement('div');
      m.className = 'timeline-mark';
      m.setAttribute('data-testid', 'timeline-mark');
      u.over.append(m);
    }
    const left = u.valToPos(x, 'x');
    m.style.left = `${Math.round(left)}px`;
    m.hidden = !(left >= 0 && left <= u.over.clientWidth);
    const xs = u.data[0];
    let idx = 0;
    while (idx + 1 < xs.length && xs[idx + 1] <= x) idx++;
    u.setLegend({ idx });
  }
}
