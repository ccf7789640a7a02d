// The maps' shapes over time, one series per map, kept by the page from the
// maps() summary that comes with each PROGRESS batch (the core's sample table
// has no per-map columns). Pure: tested under node (web/test).
const LABELS = {
  classic: ['count', 'B', 'noverflow'],
  swiss: ['count', 'tables', 'tombstones'],
};
const MAX_POINTS = 4000;  // per map; then every other point is dropped (as the core's sample table does)

export class MapSeries {
  constructor() { this.reset(); }
  reset() { this.byId = new Map(); }
  // x: the batch's position (ops); maps: the core's maps() array
  add(x, maps) {
    for (const m of maps) {
      if (!m.alive) continue;
      const labels = LABELS[m.impl] ?? LABELS.classic;
      let s = this.byId.get(m.id);
      if (!s) { s = { labels, x: [], ...Object.fromEntries(labels.map((l) => [l, []])) }; this.byId.set(m.id, s); }
      // a second batch at the same x (a step that did not move) replaces the point
      if (s.x.length && s.x[s.x.length - 1] === x) for (const l of labels) s[l].pop();
      else s.x.push(x);
      for (const l of labels) s[l].push(m[l]);
      if (s.x.length > MAX_POINTS) {
        const half = (a) => a.filter((_, i) => i % 2 === 0 || i === a.length - 1);
        s.x = half(s.x);
        for (const l of labels) s[l] = half(s[l]);
      }
    }
  }
  // {labels, x, <label>: []} of a map, or an empty classic series
  get(id) {
    return this.byId.get(id) ?? { labels: LABELS.classic, x: [], count: [], B: [], noverflow: [] };
  }
}
