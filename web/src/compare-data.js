// Compare mode's figures, pure (tested under node): the difference table of
// two finished runs, and the two runs' sample columns merged onto one
// shared x (simulated time) for overlaid charts. Every number comes from
// the core (memstats(), modelled(), the sample table); nothing is computed
// here but B − A, B / A and the alignment.
import { MEMSTATS_FIELDS } from './memstats-fields.js';
import { defaultConfig } from './protocol.js';
import { memlimitBytes, seedOk } from './settings.js';

// The modelled() figures the table compares, after MemStats.
// [id, label, read(modelled) -> number, unit]
export const MODELLED_ROWS = [
  ['elapsed_ns', 'simulated time (ns)', (m) => m.elapsed_ns],
  ['PauseTotalNs', 'PauseTotalNs', (m) => m.PauseTotalNs],
  ['MeanPauseNs', 'mean pause (ns)', (m) => (m.NumGC ? m.PauseTotalNs / m.NumGC : 0)],
  ['GCCPUFraction', 'GCCPUFraction', (m) => m.GCCPUFraction],
];

// One row per MemStats field both runs report (MEMSTATS_FIELDS order, Alloc
// left out: it is HeapAlloc), then the modelled figures, then `extra`
// (e.g. ops). a, b: {memstats, modelled, ops, mapOps}.
// Row: {id, label, a, b, diff: b − a, ratio: b / a (null when a is 0)}.
export function diffRows(a, b) {
  const rows = [];
  const push = (id, label, va, vb) => {
    if (typeof va !== 'number' || typeof vb !== 'number') return;
    rows.push({ id, label, a: va, b: vb, diff: vb - va, ratio: va !== 0 ? vb / va : null });
  };
  const known = MEMSTATS_FIELDS.map(([n]) => n);
  const names = [...known, ...Object.keys(a.memstats ?? {}).filter((n) => !known.includes(n))];
  for (const n of names) {
    if (n === 'Alloc') continue;
    push(n, n, a.memstats?.[n], b.memstats?.[n]);
  }
  if (a.modelled && b.modelled) for (const [id, label, read] of MODELLED_ROWS) push(id, label, read(a.modelled), read(b.modelled));
  push('ops', 'instructions (ops)', a.ops, b.ops);
  push('mapOps', 'map operations', a.mapOps, b.mapOps);
  return rows;
}

// Text for a difference cell: "+1,024", "−3", "0".
export function diffText(d) {
  if (d === 0) return '0';
  const s = Math.abs(d).toLocaleString('en-US', { maximumFractionDigits: 6 });
  return (d > 0 ? '+' : '−') + s;
}
// Text for a ratio cell: "×1.50", "–" when A is 0.
export function ratioText(r) {
  if (r === null || r === undefined || !Number.isFinite(r)) return '–';
  return `×${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}`;
}

// Two runs' series on one x: xa with columns ya[k], xb with yb[k] (each x
// sorted ascending, as the core samples) → uPlot data [x, ...ya', ...yb']
// where x is the sorted union and each side has null where it has no
// sample (the charts join across the gaps: spanGaps). A repeated x within
// one side keeps that side's last value there.
export function mergeOnX(xa, ya, xb, yb) {
  const xs = [...new Set([...xa, ...xb])].sort((p, q) => p - q);
  const at = new Map(xs.map((x, i) => [x, i]));
  const place = (xsrc, cols) => cols.map((col) => {
    const out = new Array(xs.length).fill(null);
    for (let i = 0; i < xsrc.length; i++) out[at.get(xsrc[i])] = col[i] ?? null;
    return out;
  });
  return [xs, ...place(xa, ya), ...place(xb, yb)];
}

// A sample table (samples.js SampleTable or {columns, rows:number, data}) as
// {x, cols} for mergeOnX: x from column xname, one array per name.
export function pick(table, xname, names) {
  return { x: table.column(xname), cols: names.map((n) => table.column(n)) };
}

// The settings a side's form holds → the core's load() config, or a message.
export function sideConfig(f) {
  const c = defaultConfig();
  c.go = Number(f.go);
  const g = Number.parseInt(f.gogc, 10);
  c.gogc = Number.isFinite(g) ? g : 100;
  const ml = memlimitBytes(String(f.memlimit ?? '').trim());
  if (!ml.ok) return { error: ml.error };
  c.memlimit = ml.bytes;
  c.seed = String(f.seed ?? '').trim() || '1';
  if (!seedOk(c.seed)) return { error: `Seed ${c.seed} is not a decimal uint64.` };
  return { config: c };
}
