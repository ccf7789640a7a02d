// The map view: the selected map drawn on a canvas from what the core
// reports (MAPVIEW → MAPVIEWED in protocol.js). Small maps in detail: each
// bucket's 8 slots coloured by tophash state, overflow chains to the right,
// preallocated overflow buckets outlined, old and new arrays side by side
// while growing with the nevacuate frontier, and the last evacuation's
// entries animated to their X / Y destinations; Swiss maps as directory →
// tables → groups of control bytes. Big maps become a zoomable heat map.
// Geometry and colours live in mapview-layout.js (pure, node-tested). The
// slot grid comes as the core's flat snapshot (map-flat.js: bytes and
// hashes, no text); a slot's key and elem are asked for when it is hovered
// or focused (requestSlot → slotArrived).
import {
  COLORS, layoutClassic, layoutSwiss, hitTest, slotTooltip, moveFocus, evacuationPaths,
  heatHeader, heatPixels, zoomAt, heatRowAt, HEAT_METRICS, CELL, eventHash,
} from './mapview-layout.js';
import { snapshotMapLine } from './timeline.js';
import { decodeFlat, slotRef, slotKey } from './map-flat.js';

// Event log rows of "step map op" (the core's MapOp events: a0 the map,
// a2:a3 the key's hash) become links to the key's slot (MapView.highlight).
export function linkMapOpRow(row, e) {
  if (e.kind !== 'MapOp') return;
  row.dataset.map = String(e.a[0]);
  row.dataset.hash = eventHash(e.a[2], e.a[3]);
  row.tabIndex = 0;
  row.setAttribute('role', 'button');
  row.title = 'show this key\'s slot in the map view';
}

const ANIM_MS = 900;

export class MapView {
  // request(mapId, at): ask the worker (at: null live, else an instruction
  // count); snapshotLabel(snap): "snapshot at … (sample k, n ops)".
  constructor(root, { request, requestSlot = () => {}, snapshotLabel = (s) => `snapshot at ${s.label}` }) {
    this.root = root;
    this.requestFn = request;
    this.requestSlotFn = requestSlot;
    this.asked = new Set();     // slotKey of slot texts asked for and not yet arrived
    this.waiters = new Map();   // slotKey -> [resolve] (slotText)
    this.tipAt = null;          // [cell index, x, y] of the slot tooltip shown
    this.snapshotLabel = snapshotLabel;
    this.at = null;          // the timeline's moment (null: live)
    this.mapId = null;       // the map last asked for
    root.replaceChildren();
    this.head = el('p', 'mv-head');
    this.head.dataset.testid = 'mapview-head';
    const bar = el('div', 'mv-bar');
    this.metric = document.createElement('select');
    this.metric.setAttribute('aria-label', 'Heat map metric');
    this.metric.dataset.testid = 'mapview-metric';
    this.metric.addEventListener('change', () => { this.heatImage = null; this.draw(); });
    this.metric.hidden = true;  // heat map only
    this.zoomNote = el('span', 'note', '');
    bar.append(this.metric, this.zoomNote);
    this.wrap = el('div', 'mv-wrap');
    this.canvas = document.createElement('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Map view: buckets or groups of the selected map. Arrow keys move between slots; + and - zoom the heat map.');
    this.canvas.dataset.testid = 'mapview-canvas';
    this.tip = el('div', 'mv-tip');
    this.tip.setAttribute('role', 'tooltip');
    this.tip.setAttribute('aria-live', 'polite');
    this.tip.dataset.testid = 'mapview-tooltip';
    this.tip.hidden = true;
    this.wrap.append(this.canvas);
    this.legend = el('p', 'mv-legend');
    // the tooltip lives outside the scrolled, clipped canvas box
    root.append(this.head, bar, this.wrap, this.legend, this.tip);
    this.state = null;       // {mapId, name, header, heat, snapshot, evac}
    this.layout = null;
    this.focus = -1;
    this.hover = -1;
    this.view = { zoom: 1, panX: 0, panY: 0 };
    this.anim = null;
    this.lastEvacKey = '';
    this.perf = { frames: 0, drawMs: 0 };
    this.bindInput();
    this.clear('The map view draws the chosen map when the run pauses, steps or ends.');
  }

  request(mapId) { this.mapId = mapId; this.requestFn(mapId, this.at); }
  // The timeline scrubbed to `ops`: draw the nearest retained snapshot's
  // slots of the same map (a small map: the grid the core kept, drawn as
  // live but without keys, hashes or evacuation moves) or its heat rows;
  // goLive() returns to the live map.
  showAt(ops) { this.at = ops; if (this.mapId !== null) this.request(this.mapId); }
  goLive() { if (this.at === null) return; this.at = null; if (this.mapId !== null) this.request(this.mapId); }

  // MAPVIEWED: heat is a Uint32Array (header + rows), flat the slot grid
  // (detail only; decoded to the JSON snapshot's shape without key text),
  // evac the last evacuation (classic only).
  show(m, name) {
    if ((m.at ?? null) !== this.at) return;  // a reply for a moment no longer shown
    const header = heatHeader(m.heat);
    const same = this.state && this.state.mapId === m.mapId;
    // A repeated reply about the same state (no run slice or step since: the
    // worker's `changes`) keeps the drawn grid and the slot texts already fetched.
    const unchanged = same && m.flat && this.state.flat && m.changes !== undefined && m.changes === this.state.changes && m.gen === this.state.gen && this.layout;
    const snapshot = unchanged ? this.state.snapshot : m.flat ? decodeFlat(m.flat) : (m.snapshot ?? null);
    if (!unchanged) this.asked.clear();  // texts asked of the previous snapshot are re-asked of this one
    this.state = { mapId: m.mapId, name, header, heat: m.heat, snapshot, flat: m.flat ?? null, changes: m.changes, gen: m.gen, evac: m.evac ?? null, error: m.error, retained: m.at === undefined || m.at === null ? null : { snap: m.retained ?? null } };
    this.heatImage = null;
    if (!same) { this.view = { zoom: 1, panX: 0, panY: 0 }; this.focus = -1; }
    if (!unchanged) this.layout = snapshot && !snapshot.error ? ('nbuckets' in snapshot ? layoutClassic(snapshot) : layoutSwiss(snapshot)) : null;
    this.mode = this.layout ? 'detail' : header && header.rows ? 'heat' : 'none';
    this.canvas.dataset.mode = this.mode;
    this.fillMetrics();
    this.describe();
    // Animate the last evacuation when it is new (a step or a run moved a bucket).
    const key = m.evac?.valid && m.evac.current ? `${m.mapId}:${m.evac.newbit}:${m.evac.oldbucket}:${m.evac.moves.length}:${m.evac.moves.map((x) => x.key).join()}` : '';
    const paths = this.layout && key && key !== this.lastEvacKey ? evacuationPaths(this.layout, m.evac) : [];
    this.lastEvacKey = key || this.lastEvacKey;
    this.anim = paths.length ? { paths, t0: performance.now() } : null;
    this.canvas.dataset.animating = this.anim ? '1' : '0';
    this.resize();
    this.draw();
    if (this.anim) this.animate();
    if (this.pending?.mapId === m.mapId) this.applyHighlight();
    else if (this.focus >= 0) this.showTip(this.focus);
    else this.tip.hidden = true;
  }

  // Focus the slot whose key has this hash (a MapOp row of the event log);
  // applied when the map's data is (or arrives) on the canvas.
  highlight(mapId, hash) {
    this.pending = { mapId, hash };
    if (this.state?.mapId === mapId) this.applyHighlight();
  }
  applyHighlight() {
    const { hash } = this.pending;
    this.pending = null;
    const i = this.layout ? this.layout.cells.findIndex((c) => c.hash === hash) : -1;
    this.canvas.dataset.highlight = i >= 0 ? hash : '';
    if (i < 0) {
      this.tip.replaceChildren(el('div', '', this.mode === 'heat' ? `key hash ${hash}: the heat map draws buckets, not keys`
        : this.state?.retained ? `key hash ${hash}: a past snapshot keeps no hashes (live only)` : `key hash ${hash}: not in the map (deleted?)`));
      this.placeTip(8, 8);
      return;
    }
    this.focus = i;
    this.draw();
    const c = this.layout.cells[i];
    this.wrap.scrollTop = Math.max(0, c.y - 40);
    this.wrap.scrollLeft = Math.max(0, c.x - 80);
    this.showTip(i);
    // data-highlight says "shown", so only once the key's text is in the tooltip
    const layout = this.layout;
    this.slotText(c).then(() => { if (this.layout === layout && this.focus === i) this.canvas.dataset.highlight = hash; });
  }

  // ------------------------------------------------------------ slot text
  // A drawn slot whose key/elem text the view does not have yet.
  // (Never in the past: a retained snapshot keeps no keys; the core's text is of the live map.)
  needsText(c) { return !!c && c.kind === 'full' && !c.textKnown && !!this.state && !this.state.retained; }
  askText(c) {
    const k = slotKey(this.state.mapId, slotRef(c));
    if (this.asked.has(k)) return;
    this.asked.add(k);
    this.requestSlotFn(this.state.mapId, slotRef(c));
  }
  // SLOT_TEXT: the core's text of one slot; kept when it is of the slot
  // drawn (same hash: the map has not changed under it).
  slotArrived(m) {
    const k = slotKey(m.mapId, m.ref);
    this.asked.delete(k);
    const L = this.layout;
    const i = L && this.state?.mapId === m.mapId ? L.cells.findIndex((c) => slotKey(m.mapId, slotRef(c)) === k) : -1;
    const c = L?.cells[i];
    if (c && m.slot?.valid && m.slot.hash === c.hash) {
      c.key = m.slot.key;
      c.elem = m.slot.elem;
      c.textKnown = true;
    }
    for (const resolve of this.waiters.get(k) ?? []) resolve(c ?? null);
    this.waiters.delete(k);
    if (c && this.tipAt && this.tipAt[0] === i && !this.tip.hidden) this.showTip(...this.tipAt);
  }
  // The text of the drawn slot matching q (a cell or {array, bucket, chain, slot} /
  // {table, group, slot}): resolves to its key ('' for an empty slot), asking the core if needed.
  slotText(q) {
    const cells = this.layout?.cells ?? [];
    const c = cells.includes(q) ? q : cells.find((d) => Object.keys(q).every((k) => d[k] === q[k]));
    if (!this.needsText(c)) return Promise.resolve(c ? c.key : null);
    const k = slotKey(this.state.mapId, slotRef(c));
    return new Promise((resolve) => {
      this.waiters.set(k, [...(this.waiters.get(k) ?? []), (cell) => resolve(cell ? cell.key : null)]);
      this.askText(c);
    });
  }

  // A new run: live again, no map chosen.
  reset() { this.at = null; this.mapId = null; this.clear(); }

  clear(text = 'No map selected.') {
    this.state = null; this.layout = null; this.mode = 'none'; this.anim = null;
    for (const list of this.waiters.values()) for (const resolve of list) resolve(null);  // nothing drawn to name
    this.waiters.clear(); this.asked.clear(); this.tipAt = null;
    this.canvas.dataset.mode = 'none';
    this.head.textContent = text;
    this.tip.hidden = true;
    this.resize(); this.draw();
  }

  fillMetrics() {
    const h = this.state?.header;
    const list = h ? HEAT_METRICS[h.swiss ? 'swiss' : 'classic'] : [];
    const sig = list.map((x) => x[0]).join();
    if (this.metric.dataset.sig !== sig) {
      this.metric.dataset.sig = sig;
      this.metric.replaceChildren(...list.map(([v, what]) => { const o = document.createElement('option'); o.value = v; o.textContent = `${v}: ${what}`; return o; }));
    }
    this.metric.hidden = this.mode !== 'heat';
    this.zoomNote.textContent = this.mode === 'heat' ? 'wheel or +/− to zoom, drag or arrow keys to pan' : '';
  }

  describe() {
    const s = this.state, h = s?.header, snap = s?.snapshot;
    this.canvas.dataset.snapshot = s?.retained ? String(s.retained.snap?.id ?? '') : '';
    if (s?.retained && !h) { this.head.textContent = this.retainedText(s); this.legend.replaceChildren(); return; }
    if (s?.error || snap?.error) { this.head.textContent = `${s.name}: ${s.error ?? snap.error}`; return; }
    if (!h) { this.head.textContent = `${s?.name ?? ''}: no data`; return; }
    let t;
    if (h.swiss) t = `${s.name}: ${h.ntables ? `${h.ntables} table(s), ${h.n} groups` : h.n ? 'small map: one group' : 'no storage yet'}`;
    else t = `${s.name}: ${h.n} buckets${h.nold ? `, growing from ${h.nold} old buckets, nevacuate ${h.nevacuate}` : ''}`;
    this.head.textContent = s.retained ? this.retainedText(s) : `${t} · ${this.mode === 'heat' ? 'heat map (too big to draw slot by slot)' : 'every slot drawn'}`;
    const items = this.mode === 'heat'
      ? [['emptyRest', 'empty'], ['full', 'full'], ['deleted', h.swiss ? '(tombstones metric: all 8)' : 'overflowing (more than 8)'], ...(h.swiss ? [] : [['evacuatedEmpty', 'evacuated old bucket']])]
      : h.swiss
        ? [['emptyRest', 'empty (0x80)'], ['full', 'full (H2)'], ['deleted', 'tombstone (0xfe)']]
        : [['emptyRest', 'emptyRest'], ['emptyOne', 'emptyOne'], ['full', 'occupied'], ['evacuatedX', 'evacuatedX'], ['evacuatedY', 'evacuatedY'], ['evacuatedEmpty', 'evacuatedEmpty'], ['spare', 'preallocated overflow (outline)'], ['frontier', 'nevacuate']];
    this.legend.replaceChildren(...items.flatMap(([k, what]) => {
      const sw = el('span', 'mv-swatch');
      sw.style.background = COLORS[k];
      return [sw, el('span', 'mv-key', what)];
    }));
  }

  // A past moment: the retained snapshot's slots or heat rows, labelled as such.
  retainedText(s) {
    const snap = s.retained.snap, h = s.header;
    if (!snap) return `${s.name}: no snapshot retained at or before this moment yet`;
    const what = h ? (snapshotMapLine(snap, s.mapId) ?? 'not summarised') : 'not alive then, or its rows were not kept';
    if (this.mode === 'detail') return `${s.name}: ${this.snapshotLabel(snap)}: ${what} · every slot drawn from the snapshot (${h.swiss ? 'control' : 'tophash'} bytes); keys, elems, hashes and evacuation moves are live only`;
    return `${s.name}: ${this.snapshotLabel(snap)}: ${what} · heat per ${h?.swiss ? 'group' : 'bucket'}; slot detail (keys, hashes, evacuation moves) is live only`;
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    const w = this.mode === 'detail' ? Math.max(200, this.layout.width) : this.mode === 'heat' ? Math.max(320, Math.min(this.root.clientWidth || 640, 900)) : 200;
    const h = this.mode === 'detail' ? Math.max(40, this.layout.height) : this.mode === 'heat' ? Math.round(w * (this.state.header.nold ? 0.5 : 0.75)) : 30;
    this.cssW = w; this.cssH = h;
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.dpr = dpr;
  }

  // ------------------------------------------------------------ drawing
  draw() {
    const t = performance.now();
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = COLORS.background;
    ctx.fillRect(0, 0, this.cssW, this.cssH);
    if (this.mode === 'detail') this.drawDetail(ctx);
    else if (this.mode === 'heat') this.drawHeat(ctx);
    this.perf.frames++;
    this.perf.drawMs += performance.now() - t;
  }

  drawDetail(ctx, progress = -1) {
    const L = this.layout;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = COLORS.text;
    for (const t of L.titles) {
      ctx.textAlign = t.align ?? 'left';
      ctx.font = t.small ? '10px system-ui, sans-serif' : '11px system-ui, sans-serif';
      ctx.fillText(t.text, t.x, t.y);
    }
    ctx.textAlign = 'left';
    for (const d of L.dir ?? []) {
      ctx.strokeStyle = COLORS.emptyOne;
      ctx.strokeRect(d.x + 0.5, d.y + 0.5, d.w, d.h);
      ctx.fillStyle = COLORS.text;
      ctx.font = '9px system-ui, sans-serif';
      ctx.fillText(String(d.table), d.x + 3, d.y + CELL - 1);
    }
    for (const b of L.buckets) {
      ctx.fillStyle = b.evacuated ? '#fbf3e6' : '#f6f8fa';
      ctx.fillRect(b.x, b.y, b.w, b.h);
      ctx.lineWidth = b.spare ? 2 : 1;
      ctx.strokeStyle = b.spare ? COLORS.spare : b.overflow ? '#8896a5' : '#c3ccd6';
      ctx.setLineDash(b.overflow && !b.spare ? [3, 2] : []);
      ctx.strokeRect(b.x - 0.5, b.y - 0.5, b.w + 1, b.h + 1);
    }
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#8896a5';
    for (const l of L.links) {
      ctx.beginPath(); ctx.moveTo(l.x1 + 1, l.y); ctx.lineTo(l.x2 - 2, l.y); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(l.x2 - 5, l.y - 3); ctx.lineTo(l.x2 - 2, l.y); ctx.lineTo(l.x2 - 5, l.y + 3); ctx.stroke();
    }
    for (const c of L.cells) {
      ctx.fillStyle = COLORS[c.kind];
      ctx.fillRect(c.x, c.y, c.w, c.h);
    }
    if (L.frontier) {
      ctx.strokeStyle = COLORS.frontier;
      ctx.lineWidth = 2;
      // the line only (between rows, never over a slot); the section title says nevacuate's value
      ctx.beginPath(); ctx.moveTo(L.frontier.x1, L.frontier.y); ctx.lineTo(L.frontier.x2, L.frontier.y); ctx.stroke();
      ctx.lineWidth = 1;
    }
    for (const i of [this.hover, this.focus]) {
      if (i < 0 || !L.cells[i]) continue;
      const c = L.cells[i];
      ctx.strokeStyle = COLORS.focus;
      ctx.lineWidth = 2;
      ctx.strokeRect(c.x - 1, c.y - 1, c.w + 2, c.h + 2);
      ctx.lineWidth = 1;
    }
    if (this.anim && progress >= 0) {
      // each moved entry travels from its old slot to its X or Y slot
      const e = progress < 0.5 ? 2 * progress * progress : 1 - (-2 * progress + 2) ** 2 / 2;
      for (const p of this.anim.paths) {
        const ax = p.from.x + CELL / 2, ay = p.from.y + CELL / 2, bx = p.to.x + CELL / 2, by = p.to.y + CELL / 2;
        ctx.strokeStyle = p.y ? COLORS.evacuatedY : COLORS.evacuatedX;
        ctx.globalAlpha = 0.35;
        ctx.beginPath(); ctx.moveTo(ax, ay); ctx.lineTo(bx, by); ctx.stroke();
        ctx.globalAlpha = 1;
        ctx.fillStyle = ctx.strokeStyle;
        ctx.beginPath(); ctx.arc(ax + (bx - ax) * e, ay + (by - ay) * e, 4, 0, 2 * Math.PI); ctx.fill();
      }
    }
  }

  heatImages() {
    if (this.heatImage) return this.heatImage;
    const h = this.state.header, u32 = this.state.heat;
    const metric = this.metric.value || 'occupancy';
    const mk = (from, n) => {
      const { cols, rows, px } = heatPixels(u32, from, n, metric, h.swiss);
      const c = document.createElement('canvas');
      c.width = cols; c.height = rows;
      c.getContext('2d').putImageData(new ImageData(px, cols, rows), 0, 0);
      return { canvas: c, grid: { cols, rows }, from, n };
    };
    this.heatImage = [mk(0, h.n)];
    if (h.nold) this.heatImage.push(mk(h.n, h.nold));
    return this.heatImage;
  }

  // The grids side by side (new, then old while growing); each fits its half at zoom 1.
  heatPanes() {
    const imgs = this.heatImages();
    const paneW = this.cssW / imgs.length, top = 16;
    return imgs.map((im, k) => {
      const scale = Math.min((paneW - 8) / im.grid.cols, (this.cssH - top - 4) / im.grid.rows);
      return { ...im, x: k * paneW, y: top, scale, label: k ? `old array (${im.n})` : this.state.header.swiss ? `groups (${im.n})` : `buckets (${im.n})` };
    });
  }

  drawHeat(ctx) {
    const v = this.view;
    for (const p of this.heatPanes()) {
      ctx.save();
      ctx.beginPath(); ctx.rect(p.x, p.y, this.cssW / this.heatImage.length, this.cssH - p.y); ctx.clip();
      ctx.imageSmoothingEnabled = false;
      ctx.setTransform(this.dpr * v.zoom, 0, 0, this.dpr * v.zoom, this.dpr * (p.x + v.panX), this.dpr * (p.y + v.panY));
      ctx.drawImage(p.canvas, 0, 0, p.grid.cols * p.scale, p.grid.rows * p.scale);
      ctx.restore();
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      ctx.fillStyle = COLORS.text;
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(p.label + (v.zoom > 1 ? ` · zoom ${v.zoom.toFixed(1)}×` : ''), p.x + 2, 12);
    }
  }

  animate() {
    const step = () => {
      if (!this.anim) return;
      const p = Math.min(1, (performance.now() - this.anim.t0) / ANIM_MS);
      const ctx = this.canvas.getContext('2d');
      this.draw();
      if (p < 1) {
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        this.drawDetail(ctx, p);
        requestAnimationFrame(step);
      } else {
        this.anim = null;
        this.canvas.dataset.animating = '0';
        this.draw();
      }
    };
    requestAnimationFrame(step);
  }

  // ------------------------------------------------------------ input
  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  bindInput() {
    const c = this.canvas;
    c.addEventListener('mousemove', (e) => {
      const [x, y] = this.point(e);
      if (this.drag) {
        this.view = { ...this.view, panX: this.drag.panX + x - this.drag.x, panY: this.drag.panY + y - this.drag.y };
        this.draw();
        return;
      }
      if (this.mode === 'detail') {
        const i = hitTest(this.layout, x, y);
        if (i !== this.hover) { this.hover = i; this.draw(); }
        if (i >= 0) this.showTip(i, x, y); else this.tip.hidden = this.focus < 0;
      } else if (this.mode === 'heat') this.heatTip(x, y);
    });
    c.addEventListener('mouseleave', () => { this.hover = -1; this.tip.hidden = true; this.drag = null; this.draw(); });
    c.addEventListener('mousedown', (e) => {
      if (this.mode !== 'heat') return;
      const [x, y] = this.point(e);
      this.drag = { x, y, panX: this.view.panX, panY: this.view.panY };
    });
    window.addEventListener('mouseup', () => { this.drag = null; });
    c.addEventListener('wheel', (e) => {
      if (this.mode !== 'heat') return;
      e.preventDefault();
      const [x, y] = this.point(e);
      this.zoomBy(e.deltaY < 0 ? 1.25 : 0.8, x, y);
    }, { passive: false });
    c.addEventListener('keydown', (e) => {
      if (this.mode === 'detail' && e.key.startsWith('Arrow')) {
        e.preventDefault();
        this.focus = moveFocus(this.layout, this.focus, e.key);
        this.draw();
        this.showTip(this.focus);
      } else if (this.mode === 'heat') {
        const pan = { ArrowLeft: [40, 0], ArrowRight: [-40, 0], ArrowUp: [0, 40], ArrowDown: [0, -40] }[e.key];
        if (pan) { e.preventDefault(); this.panBy(pan[0], pan[1]); } else if (e.key === '+' || e.key === '=') { e.preventDefault(); this.zoomBy(1.25); } else if (e.key === '-') { e.preventDefault(); this.zoomBy(0.8); }
      }
      if (e.key === 'Escape') { this.focus = -1; this.tip.hidden = true; this.draw(); }
    });
    c.addEventListener('blur', () => { if (this.hover < 0) this.tip.hidden = true; });
  }

  zoomBy(f, x = this.cssW / 2, y = this.cssH / 2) {
    this.view = zoomAt(this.view, f, x, y);
    this.draw();
  }
  panBy(dx, dy) {
    this.view = { ...this.view, panX: this.view.panX + dx, panY: this.view.panY + dy };
    this.draw();
  }

  // (x, y) in canvas CSS px → the tooltip's place in the view's box
  placeTip(x, y) {
    const r = this.canvas.getBoundingClientRect(), R = this.root.getBoundingClientRect();
    this.tip.style.left = `${Math.max(0, r.left - R.left + x)}px`;
    this.tip.style.top = `${r.top - R.top + y}px`;
    this.tip.hidden = false;
  }

  showTip(i, x, y) {
    const c = this.layout?.cells[i];
    if (!c) { this.tip.hidden = true; this.tipAt = null; return; }
    this.tipAt = [i, x, y];
    const lines = slotTooltip(c);
    if (this.state?.retained) lines.push('key, elem and hash: live only (a past snapshot keeps the bytes)');
    const waiting = this.needsText(c);
    if (waiting) { lines.splice(2, 0, 'key … (asking the core)'); this.askText(c); }
    this.tip.dataset.pending = waiting ? '1' : '0';
    this.tip.replaceChildren(...lines.map((l) => el('div', '', l)));
    this.placeTip((x ?? c.x + c.w) + 10, (y ?? c.y + c.h) + 10);
  }

  heatTip(x, y) {
    const panes = this.heatPanes();
    const paneW = this.cssW / panes.length;
    const p = panes[Math.min(panes.length - 1, Math.floor(x / paneW))];
    const r = heatRowAt(this.view, p.scale, p.grid, p.n, x - p.x, y - p.y);
    if (r < 0) { this.tip.hidden = true; return; }
    const u = this.state.heat, o = 8 + (p.from + r) * this.state.header.stride;
    const lines = this.state.header.swiss
      ? [`table ${u[o + 2]}, group ${r}`, `${u[o]} full, ${u[o + 1]} tombstones, ${8 - u[o] - u[o + 1]} empty`]
      : [`${p.from ? 'old ' : ''}bucket ${r}`, `${u[o]} occupied slots, chain of ${u[o + 1]} bucket(s)`,
        ...((u[o + 2] & 1) ? ['evacuated'] : []), ...((u[o + 2] & 2) ? ['uses a preallocated overflow bucket'] : [])];
    this.tip.replaceChildren(...lines.map((l) => el('div', '', l)));
    this.placeTip(x + 14, y + 14);
  }

  // For tests: where a slot is drawn (CSS px of the canvas), the state shown.
  cellRect(q) {
    const i = this.layout?.cells.findIndex((c) => Object.keys(q).every((k) => c[k] === q[k])) ?? -1;
    if (i < 0) return null;
    const c = this.layout.cells[i];
    return { x: c.x, y: c.y, w: c.w, h: c.h, kind: c.kind, key: c.key, hash: c.hash, byte: c.byte };
  }
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
