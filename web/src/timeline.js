// The timeline's pure logic (timeline-view.js wires it to the page): which
// sample row the scrubber points at, what the counters show there, and which
// retained snapshot (core/sim/snapshots.h) the heap view shows for it.
// Tested under node (web/test).

// Columns of the sample table that are not MemStats fields.
const NOT_MEMSTATS = new Set(['ops', 'map_ops', 'nanotime', 'reason', 'fragmentation']);

// The scrubber's range runs over rows 0..rows-1 plus one more stop, "live"
// (the newest state, the counters as the worker last reported them).
export function scrubMax(rows) { return Math.max(0, rows); }
export function isLive(value, rows) { return value >= rows; }

// The MemStats fields of one sample row: {field: value}. table: SampleTable.
export function rowCounters(table, row) {
  const out = {};
  if (row < 0 || row >= table.rows) return out;
  for (const c of table.columns) if (!NOT_MEMSTATS.has(c)) out[c] = table.value(row, c);
  return out;
}

// The first row whose ops is ≥ ops (rows are in ops order), or rows - 1.
export function rowAtOrAfter(table, ops) {
  if (!table.rows) return -1;
  let lo = 0, hi = table.rows - 1;
  const w = table.columns.length, c = table.index.ops;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.data[mid * w + c] >= ops) hi = mid; else lo = mid + 1;
  }
  return lo;
}

// The retained snapshot to show for a moment `ops`: the newest taken at or
// before it (what the heap last looked like), else the first after it.
// snapshots: the core's list, in ops order. null when there is none.
export function nearestSnapshot(snapshots, ops) {
  if (!snapshots || !snapshots.length) return null;
  let best = null;
  for (const s of snapshots) {
    if (s.ops <= ops) best = s;
    else break;
  }
  return best ?? snapshots[0];
}

// "snapshot at GC 3 start (sample 41, 1,234,567 ops)"; the sample is the
// first row taken at or after the snapshot.
export function snapshotLabel(snap, table) {
  const row = rowAtOrAfter(table, snap.ops);
  const sample = row >= 0 ? `sample ${row}, ` : '';
  return `snapshot at ${snap.label} (${sample}${snap.ops.toLocaleString('en-US')} ops)`;
}

// The scrubber's own text: "sample 12 of 80 · 123,456 ops" or "live".
export function positionLabel(table, value) {
  if (isLive(value, table.rows)) return 'live';
  return `sample ${value} of ${table.rows - 1} · ${table.value(value, 'ops').toLocaleString('en-US')} ops`;
}

// What a retained snapshot says of map `mapId` (its summary, snapshots.h):
// "B=5, 40 entries" (classic) or "3 table(s), 40 entries" (Swiss), plus
// ", growing" mid-grow; null when the map was not alive or not kept then.
export function snapshotMapLine(snap, mapId) {
  const mp = (snap?.maps ?? []).find((x) => x.id === mapId);
  if (!mp || !mp.alive) return null;
  const shape = mp.impl === 'swiss' ? `${mp.tables} table(s)` : `B=${mp.B}`;
  return `${shape}, ${mp.count} entries${mp.growing ? ', growing' : ''}`;
}
