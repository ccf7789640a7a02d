// The charts' x axis: simulated time (the cost model's nanotime, "modelled";
// the default) or the instruction count (ops). Pure: tested under node.
// The sample table has both columns; the map series (map-series.js) is kept
// by ops, so the page records each batch's (ops, nanotime) pair here and
// the map chart's x is translated exactly, never interpolated.
import { formatNs } from './modelled.js';
import { shortNumber } from './memstats-fields.js';

export const X_AXES = Object.freeze({
  nanotime: { id: 'nanotime', label: 'modelled time', tick: (v) => (v === 0 ? '0' : formatNs(v).replace(/\.0+ /, ' ')), value: (v) => formatNs(v) },
  ops: { id: 'ops', label: 'ops (instructions)', tick: (v) => shortNumber(v, false), value: (v) => v.toLocaleString('en-US') },
});
export const DEFAULT_X = 'nanotime';

export class OpsClock {
  constructor() { this.reset(); }
  reset() { this.at = new Map(); }
  // a batch at `ops` instructions had simulated time `ns`
  record(ops, ns) { if (Number.isFinite(ops) && Number.isFinite(ns)) this.at.set(ops, ns); }
  // xs in ops → nanotime (null for an ops value never recorded)
  toTime(xs) { return xs.map((x) => this.at.get(x) ?? null); }
}
