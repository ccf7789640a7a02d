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
