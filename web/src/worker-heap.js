// The worker's answer to HEAP (protocol.js): copies of the core's heap
// arrays, live or of the retained snapshot nearest a moment. Translation
// only; the arrays are views over wasm memory until copied (slice).
import { nearestSnapshot } from './timeline.js';

export function heapReply(session, at) {
  if (at === null || at === undefined) {
    const pages = session.heapPages().slice();  // takes the snapshot heapSpans/heapRoles read
    const spans = session.heapSpans().slice();
    return {
      msg: { live: true, pages, spans, roles: JSON.parse(session.heapRoles()), fragmentation: JSON.parse(session.fragmentation()) },
      transfer: [pages.buffer, spans.buffer],
    };
  }
  const list = JSON.parse(session.snapshotList());
  const snap = nearestSnapshot(list.snapshots, at);
  const pages = snap ? session.snapshotPages(snap.id).slice() : new Uint8Array(0);
  const spans = snap ? session.snapshotSpans(snap.id).slice() : new Uint32Array(0);
  const { taken, skipped, dropped, capacity } = list;
  return {
    msg: { live: false, pages, spans, roles: [], fragmentation: null, snapshot: snap, retained: { taken, skipped, dropped, capacity, kept: list.snapshots.length } },
    transfer: [pages.buffer, spans.buffer],
  };
}

// The answer to MAPVIEW with `at` (a past moment): the heat rows the nearest
// retained snapshot kept of the map (same layout as mapHeat) and, for a map
// small enough to draw slot by slot then, its slot grid (same layout as
// mapFlat, hashes 0); no evacuation (live only). heat is empty when the map
// was not alive then or its rows were not kept, flat null when the core kept
// no grid (a big map, or over its budget: docs/deviations.md R60).
export function mapViewAtReply(session, mapId, at) {
  const list = JSON.parse(session.snapshotList());
  const snap = nearestSnapshot(list.snapshots, at);
  const heat = snap ? session.snapshotMapHeat(snap.id, mapId).slice() : new Uint32Array(0);
  const grid = snap && heat.length ? session.snapshotMapFlat(snap.id, mapId).slice() : null;
  const flat = grid && grid.length ? grid : null;
  return {
    msg: { mapId, at, heat, flat, snapshot: null, evac: null, retained: snap, error: heat.length ? undefined : (snap ? 'not alive or not kept in this snapshot' : 'no snapshot retained yet') },
    transfer: flat ? [heat.buffer, flat.buffer] : [heat.buffer],
  };
}
