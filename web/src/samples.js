// The page's copy of the core's sample table, fed by PROGRESS batches
// (protocol.js): appends rows, or starts over when the core halved its
// resolution (a new epoch). Pure: tested under node (web/test).
// The worker's side: which rows of the core's table go in the next batch.
// sent: {epoch, rows} of what the page already has (updated in place);
// now: {epoch, rows} of the core's table. A new epoch (or a table that
// shrank) resends everything from row 0.
export function nextBatch(sent, now) {
  let from = sent.rows;
  if (now.epoch !== sent.epoch || from > now.rows) from = 0;
  sent.epoch = now.epoch;
  sent.rows = now.rows;
  return { epoch: now.epoch, from, rows: now.rows - from };
}

export class SampleTable {
  constructor() { this.reset(); }
  reset() {
    this.columns = [];
    this.index = {};
    this.rows = 0;
    this.epoch = -1;
    this.data = new Float64Array(0);
  }
  // batch: {epoch, from, columns, rows, data}
  apply(batch) {
    if (!batch) return false;
    if (batch.epoch !== this.epoch || batch.from === 0) {
      this.columns = batch.columns;
      this.index = Object.fromEntries(batch.columns.map((c, i) => [c, i]));
      this.epoch = batch.epoch;
      this.rows = 0;
    }
    if (batch.from !== this.rows) return false;  // a gap: the worker resends from 0 next time
    const w = this.columns.length;
    const need = (this.rows + batch.rows) * w;
    if (need > this.data.length) {
      const grown = new Float64Array(Math.max(need, this.data.length * 2, 1024));
      grown.set(this.data.subarray(0, this.rows * w));
      this.data = grown;
    }
    this.data.set(batch.data.subarray(0, batch.rows * w), this.rows * w);
    this.rows += batch.rows;
    return true;
  }
  column(name) {
    const c = this.index[name];
    const w = this.columns.length;
    const out = new Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * w + c];
    return out;
  }
  // Per-row rate of a cumulative counter per 1000 x-units (e.g. Mallocs per 1k ops).
  rate(name, xname = 'ops') {
    const v = this.column(name), x = this.column(xname);
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const dx = i ? x[i] - x[i - 1] : 0;
      out[i] = dx > 0 ? ((v[i] - v[i - 1]) * 1000) / dx : null;
    }
    return out;
  }
  value(row, name) {
    return this.data[row * this.columns.length + this.index[name]];
  }
  // The last row whose column `name` equals v, or -1.
  findLast(name, v) {
    const w = this.columns.length, c = this.index[name];
    if (c === undefined) return -1;
    for (let i = this.rows - 1; i >= 0; i--) if (this.data[i * w + c] === v) return i;
    return -1;
  }
  last(name) {
    if (!this.rows) return undefined;
    return this.data[(this.rows - 1) * this.columns.length + this.index[name]];
  }
}
