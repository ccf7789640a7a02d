// The map view's geometry and colours, with no DOM: where each bucket /
// group / slot goes on the canvas, what colour a tophash or control byte
// gets, the heat map's pixels and the zoom/pan arithmetic. The core
// computes every value (wasm Session.inspectMap, mapHeat, lastEvacuation);
// this module only places them. mapview.js draws; the e2e tests import
// COLORS from here so that they never hard-code a colour.

// Classic tophash states, runtime/map.go (Go 1.19).
export const EMPTY_REST = 0, EMPTY_ONE = 1, EVACUATED_X = 2, EVACUATED_Y = 3, EVACUATED_EMPTY = 4, MIN_TOP_HASH = 5;
// Swiss control bytes, internal/runtime/maps/group.go.
export const CTRL_EMPTY = 0x80, CTRL_DELETED = 0xfe;

export const COLORS = Object.freeze({
  emptyRest: '#e6eaef',
  emptyOne: '#b9c4d0',
  full: '#2f78c4',
  evacuatedX: '#e8890c',
  evacuatedY: '#a3339a',
  evacuatedEmpty: '#f2dcb8',
  deleted: '#d42f2f',       // Swiss tombstone (ctrlDeleted)
  spare: '#1a9a47',         // outline of a preallocated overflow bucket
  frontier: '#d42f2f',      // nevacuate
  focus: '#111111',
  text: '#333333',
  background: '#ffffff',
});

// What a byte means, as a COLORS key and a description.
export function classicSlotKind(tophash) {
  switch (tophash) {
    case EMPTY_REST: return ['emptyRest', 'emptyRest: empty, and so is every later slot of the chain'];
    case EMPTY_ONE: return ['emptyOne', 'emptyOne: empty'];
    case EVACUATED_X: return ['evacuatedX', 'evacuatedX: moved to the same index of the new array'];
    case EVACUATED_Y: return ['evacuatedY', 'evacuatedY: moved to index + old size in the new array'];
    case EVACUATED_EMPTY: return ['evacuatedEmpty', 'evacuatedEmpty: empty, bucket evacuated'];
    default: return ['full', `occupied (tophash ≥ minTopHash ${MIN_TOP_HASH})`];
  }
}
export function swissSlotKind(ctrl) {
  if (ctrl === CTRL_EMPTY) return ['emptyRest', 'ctrlEmpty (0x80): empty'];
  if (ctrl === CTRL_DELETED) return ['deleted', 'ctrlDeleted (0xfe): a tombstone'];
  if ((ctrl & 0x80) === 0) return ['full', 'full: the byte is H2, the hash\'s low 7 bits'];
  return ['emptyRest', `ctrl ${hex2(ctrl)}`];
}

// A MapOp event's key hash (a2 = high 32 bits, a3 = low) as the snapshots spell hashes.
export function eventHash(hi, lo) {
  return `0x${((BigInt(hi) << 32n) | BigInt(lo)).toString(16).padStart(16, '0')}`;
}

export const hex2 = (n) => `0x${n.toString(16).padStart(2, '0')}`;

// Above these the view switches to the heat map (a full snapshot formats
// every key: fine for a few hundred buckets, megabytes for 2^16).
export const DETAIL_MAX_BUCKETS = 128;  // classic: new + old buckets
export const DETAIL_MAX_GROUPS = 256;   // Swiss: groups over all tables

// From mapHeat()'s header: {swiss, rows, n (new buckets or groups), nold, nevacuate, stride, ntables}.
export function heatHeader(u32) {
  if (!u32 || u32.length < 8) return null;
  const swiss = u32[0] === 1, n = u32[1], nold = u32[2];
  return { swiss, n, nold, nevacuate: u32[3], stride: u32[4], ntables: u32[5], rows: n + nold };
}
export function wantsDetail(h) {
  if (!h) return false;
  return h.swiss ? h.n <= DETAIL_MAX_GROUPS : h.rows <= DETAIL_MAX_BUCKETS;
}

// ---------------------------------------------------------------- detail layout

export const CELL = 12;          // a slot, px
export const PAD = 1;            // between slots
export const BUCKET_W = 8 * (CELL + PAD) + 1;
export const LINK_W = 12;        // the overflow arrow between chained buckets
export const ROW_H = CELL + 6;
export const LABEL_W = 44;       // bucket index
export const TITLE_H = 20;       // a section title line

// Classic snapshot (classic_map_json) → cells (one per slot, with what the
// tooltip shows), buckets (outlines), links (overflow arrows), titles and
// the nevacuate frontier. Old array on the left, new on the right.
export function layoutClassic(s) {
  const out = { kind: 'classic', cells: [], buckets: [], links: [], titles: [], frontier: null, width: 0, height: 0 };
  const sections = [];
  if (s.old_chains?.length) sections.push(['old', s.old_chains, `old array: ${s.noldbuckets} buckets, nevacuate ${s.nevacuate}`]);
  sections.push(['new', s.new_chains ?? [], s.old_chains?.length ? `new array: ${s.nbuckets} buckets (B=${s.B})` : `${s.nbuckets} buckets (B=${s.B})`]);
  let x0 = 0;
  for (const [array, chains, title] of sections) {
    const longest = Math.max(1, ...chains.map((c) => c.chain.length));
    const width = LABEL_W + longest * (BUCKET_W + LINK_W);
    out.titles.push({ x: x0 + 2, y: 14, text: title });
    chains.forEach((ch, r) => {
      const y = TITLE_H + r * ROW_H;
      out.titles.push({ x: x0 + LABEL_W - 6, y: y + CELL - 1, text: String(ch.index), align: 'right', small: true });
      ch.chain.forEach((b, k) => {
        const bx = x0 + LABEL_W + k * (BUCKET_W + LINK_W);
        out.buckets.push({ x: bx, y, w: BUCKET_W, h: CELL + 2, spare: !!b.spare, overflow: k > 0, array, bucket: ch.index, chain: k, evacuated: !!ch.evacuated });
        if (k > 0) out.links.push({ x1: bx - LINK_W, x2: bx, y: y + CELL / 2 + 1 });
        for (let i = 0; i < 8; i++) {
          const th = b.tophash[i];
          const [kind, what] = classicSlotKind(th);
          out.cells.push({
            x: bx + 1 + i * (CELL + PAD), y: y + 1, w: CELL, h: CELL, kind, what,
            array, bucket: ch.index, chain: k, slot: i, byte: th, byteName: 'tophash',
            key: b.keys?.[i] ?? '', elem: b.elems?.[i] ?? '', hash: b.hash?.[i] ?? '', spare: !!b.spare,
          });
        }
      });
    });
    if (array === 'old' && s.growing) {
      // nevacuate: every old bucket above this line is evacuated
      const r = chains.findIndex((c) => c.index >= s.nevacuate);
      const y = TITLE_H + (r < 0 ? chains.length : r) * ROW_H - 3;
      out.frontier = { x1: x0, x2: x0 + width - LINK_W, y, nevacuate: s.nevacuate };
    }
    out.height = Math.max(out.height, TITLE_H + chains.length * ROW_H + 4);
    x0 += width + 16;
  }
  out.width = x0;
  return out;
}

export const GROUPS_PER_ROW = 6;
const DIR_W = 18;

// Swiss snapshot (swiss_map_json) → the directory (one box per entry,
// labelled with its table), then each table's title and its groups.
export function layoutSwiss(s) {
  const out = { kind: 'swiss', cells: [], buckets: [], links: [], titles: [], dir: [], frontier: null, width: 0, height: 0 };
  const groupW = BUCKET_W, gap = 8;
  let y = 0;
  const addGroup = (g, x, yy, table, group) => {
    out.buckets.push({ x, y: yy, w: groupW, h: CELL + 2, table, group });
    for (let i = 0; i < 8; i++) {
      const c = g.ctrl[i];
      const [kind, what] = swissSlotKind(c);
      out.cells.push({
        x: x + 1 + i * (CELL + PAD), y: yy + 1, w: CELL, h: CELL, kind, what,
        array: 'table', table, group, slot: i, byte: c, byteName: 'ctrl',
        key: g.keys?.[i] ?? '', elem: g.elems?.[i] ?? '', hash: g.hash?.[i] ?? '',
      });
    }
  };
  const rowW = GROUPS_PER_ROW * (groupW + gap);
  if (s.small_group) {
    out.titles.push({ x: 0, y: 14, text: 'small map: one group, no directory or table yet' });
    addGroup(s.small_group, 0, TITLE_H, 0, 0);
    out.width = rowW;
    out.height = TITLE_H + ROW_H + 4;
    return out;
  }
  if (s.directory?.length) {
    out.titles.push({ x: 0, y: 14, text: `directory: ${s.dir_len} entries, global depth ${s.global_depth}` });
    s.directory.forEach((t, i) => out.dir.push({ x: (i % 32) * DIR_W, y: TITLE_H + Math.floor(i / 32) * ROW_H, w: DIR_W - 2, h: CELL + 2, table: t }));
    y = TITLE_H + Math.ceil(s.directory.length / 32) * ROW_H + 6;
  }
  for (const [ti, t] of (s.tables ?? []).entries()) {
    const ord = (s.first_table ?? 0) + ti;
    out.titles.push({ x: 0, y: y + 14, text: `table ${ord}: capacity ${t.capacity}, used ${t.used}, growthLeft ${t.growth_left}, tombstones ${t.tombstones}, local depth ${t.local_depth}${t.dir_entries ? ` (${t.dir_entries} directory entr${t.dir_entries === 1 ? 'y' : 'ies'}; a split halves them)` : ''}` });
    y += TITLE_H;
    t.groups.forEach((g, gi) => {
      addGroup(g, (gi % GROUPS_PER_ROW) * (groupW + gap), y + Math.floor(gi / GROUPS_PER_ROW) * ROW_H, ord, gi);
    });
    y += Math.ceil(t.groups.length / GROUPS_PER_ROW) * ROW_H + 6;
  }
  out.width = Math.max(rowW, 32 * DIR_W);
  out.height = y + 4;
  return out;
}

export function hitTest(layout, x, y) {
  if (!layout) return -1;
  const cells = layout.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (x >= c.x && x < c.x + c.w && y >= c.y && y < c.y + c.h) return i;
  }
  return -1;
}

export function findCell(layout, q) {
  return layout?.cells.findIndex((c) => Object.keys(q).every((k) => c[k] === q[k])) ?? -1;
}

// The tooltip of a slot: key, elem, the byte and the hash, as the core gave them.
export function slotTooltip(c) {
  const where = c.array === 'table' ? `table ${c.table}, group ${c.group}, slot ${c.slot}`
    : `${c.array} bucket ${c.bucket}${c.chain ? `, overflow ${c.chain}` : ''}${c.spare ? ' (preallocated)' : ''}, slot ${c.slot}`;
  const lines = [where, `${c.byteName} ${hex2(c.byte)} — ${c.what}`];
  if (c.key) lines.push(`key ${c.key}`, `elem ${c.elem}`);
  if (c.hash) lines.push(`hash ${c.hash}`);
  return lines;
}

// Keyboard: the cell to focus after an arrow key (±1 slot, ±1 row).
export function moveFocus(layout, i, key) {
  const cells = layout?.cells ?? [];
  if (!cells.length) return -1;
  if (i < 0) return 0;
  const c = cells[i];
  if (key === 'ArrowRight') return Math.min(cells.length - 1, i + 1);
  if (key === 'ArrowLeft') return Math.max(0, i - 1);
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    const dir = key === 'ArrowDown' ? 1 : -1;
    let best = -1, bestD = Infinity;
    for (let j = 0; j < cells.length; j++) {
      const d = cells[j];
      const dy = (d.y - c.y) * dir;
      if (dy <= 0) continue;
      const score = dy * 1000 + Math.abs(d.x - c.x);
      if (score < bestD) { bestD = score; best = j; }
    }
    return best < 0 ? i : best;
  }
  return i;
}

// The last evacuation's moves as from/to cell rectangles (both in the layout).
export function evacuationPaths(layout, evac) {
  if (!layout || layout.kind !== 'classic' || !evac?.valid) return [];
  const paths = [];
  for (const m of evac.moves) {
    const from = findCell(layout, { array: 'old', bucket: evac.oldbucket, chain: m.src_chain, slot: m.src_slot });
    const to = findCell(layout, { array: 'new', bucket: m.y ? evac.y_bucket : evac.x_bucket, chain: m.dst_chain, slot: m.dst_slot });
    if (from >= 0 && to >= 0) paths.push({ from: layout.cells[from], to: layout.cells[to], y: m.y, key: m.key });
  }
  return paths;
}

// ---------------------------------------------------------------- heat map

// Buckets (or groups) in a square-ish grid, row-major: 2^16 → 256 × 256.
export function heatGrid(n) {
  const cols = Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(1, Math.sqrt(n)))));
  return { cols, rows: Math.max(1, Math.ceil(n / cols)) };
}

export function rgb(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

// A white → blue → dark ramp for 0..1, and red for "over the top".
function ramp(t) {
  const a = rgb(COLORS.emptyRest), b = rgb(COLORS.full);
  if (t <= 0) return a;
  if (t <= 1) return a.map((v, i) => Math.round(v + (b[i] - v) * t));
  return rgb(COLORS.deleted);
}

export const HEAT_METRICS = Object.freeze({
  classic: [['occupancy', 'occupied slots of the chain ÷ 8 (red: overflowing)'], ['chain', 'chain length: 1 bucket light … 4+ dark']],
  swiss: [['occupancy', 'full slots ÷ 8'], ['tombstones', 'tombstones ÷ 8']],
});

// Pixels (RGBA, one per bucket/group) of rows [from, from + n) of a heat table.
export function heatPixels(u32, from, n, metric, swiss) {
  const h = heatHeader(u32);
  const stride = h?.stride ?? 3;
  const { cols, rows } = heatGrid(n);
  const px = new Uint8ClampedArray(cols * rows * 4);
  const evac = rgb(COLORS.evacuatedEmpty);
  for (let r = 0; r < n; r++) {
    const o = 8 + (from + r) * stride;
    const a = u32[o], b = u32[o + 1], flags = u32[o + 2];
    let c;
    if (swiss) c = metric === 'tombstones' ? ramp(b / 8) : ramp(a / 8);
    else if (flags & 1) c = evac;  // an evacuated old bucket
    else if (metric === 'chain') c = ramp(Math.min(1, (b - 1) / 3));
    else c = ramp(a > 8 ? 1.01 : a / 8);
    px.set([c[0], c[1], c[2], 255], r * 4);
  }
  return { cols, rows, px };
}

// Zoom by `factor` keeping the point (cx, cy) of the canvas still.
export function zoomAt(view, factor, cx, cy, min = 1, max = 64) {
  const zoom = Math.min(max, Math.max(min, view.zoom * factor));
  const k = zoom / view.zoom;
  return { zoom, panX: cx - (cx - view.panX) * k, panY: cy - (cy - view.panY) * k };
}

// The row (bucket or group number) under canvas point (x, y), or -1.
export function heatRowAt(view, scale, grid, n, x, y) {
  const gx = Math.floor((x - view.panX) / (view.zoom * scale));
  const gy = Math.floor((y - view.panY) / (view.zoom * scale));
  if (gx < 0 || gy < 0 || gx >= grid.cols || gy >= grid.rows) return -1;
  const r = gy * grid.cols + gx;
  return r < n ? r : -1;
}
