// The bucket / group view of one map, drawn from the core's inspectMap()
// snapshot (INSPECTED in protocol.js). One cell per slot, coloured by the
// state its tophash (classic) or control byte (Swiss) encodes; the key and
// value are in the cell's title. Built with textContent/attributes only.

// Classic tophash states, runtime/map.go (Go 1.19) constants.
const EMPTY_REST = 0, EMPTY_ONE = 1, EVACUATED_X = 2, EVACUATED_Y = 3, EVACUATED_EMPTY = 4, MIN_TOP_HASH = 5;
// Swiss control bytes, internal/runtime/maps/group.go.
const CTRL_EMPTY = 0x80, CTRL_DELETED = 0xfe;

export function classicSlotState(tophash) {
  if (tophash === EMPTY_REST) return ['empty', 'emptyRest: empty, and nothing after it'];
  if (tophash === EMPTY_ONE) return ['empty', 'emptyOne: empty'];
  if (tophash === EVACUATED_X) return ['evac', 'evacuatedX: moved to the same index of the new array'];
  if (tophash === EVACUATED_Y) return ['evac', 'evacuatedY: moved to index + old size in the new array'];
  if (tophash === EVACUATED_EMPTY) return ['evac-empty', 'evacuatedEmpty: empty, bucket evacuated'];
  if (tophash >= MIN_TOP_HASH) return ['full', `tophash ${hex(tophash)}`];
  return ['empty', `tophash ${tophash}`];
}

export function swissSlotState(ctrl) {
  if (ctrl === CTRL_EMPTY) return ['empty', 'ctrlEmpty (0x80)'];
  if (ctrl === CTRL_DELETED) return ['tomb', 'ctrlDeleted (0xFE): a tombstone'];
  if ((ctrl & 0x80) === 0) return ['full', `full, H2 = ${hex(ctrl)}`];
  return ['empty', `ctrl ${hex(ctrl)}`];
}

const hex = (n) => `0x${n.toString(16).padStart(2, '0')}`;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function slots(states, keys, elems) {
  const box = el('span', 'slots');
  states.forEach(([cls, what], i) => {
    const c = el('span', `slot ${cls}`);
    const k = keys?.[i], v = elems?.[i];
    c.title = k ? `${what}\nkey ${k}\nvalue ${v}` : what;
    box.append(c);
  });
  return box;
}

function classic(root, s, name) {
  const head = el('p', 'ins-head');
  head.textContent = `${name}: ${s.key_type} → ${s.elem_type}, B=${s.B} (${s.nbuckets} buckets of ${s.bucketsize} B), count ${s.count}, noverflow ${s.noverflow}` +
    (s.growing ? `; growing${s.same_size_grow ? ' (same size)' : ''} from ${s.noldbuckets} old buckets, nevacuate ${s.nevacuate}` : '');
  root.append(head);
  const section = (title, chains, cls) => {
    const sec = el('div', `ins-sec ${cls}`);
    sec.append(el('p', 'ins-title', title));
    for (const ch of chains) {
      const row = el('div', `ins-row${ch.evacuated ? ' evacuated' : ''}`);
      row.append(el('span', 'ins-idx', String(ch.index)));
      ch.chain.forEach((b, j) => {
        if (j) row.append(el('span', 'ins-arrow', '→'));
        const box = slots(b.tophash.map(classicSlotState), b.keys, b.elems);
        if (j) box.classList.add('overflow');
        row.append(box);
      });
      sec.append(row);
    }
    return sec;
  };
  if (s.old_chains?.length) root.append(section(`old array (${s.noldbuckets} buckets): evacuated buckets are marked`, s.old_chains, 'old'));
  if (!s.nbuckets) { root.append(el('p', 'ins-more', 'no bucket array yet (allocated at the first insert)')); return; }
  root.append(section(s.old_chains?.length ? `new array (${s.nbuckets} buckets)` : `buckets (${s.nbuckets})`, s.new_chains ?? [], 'new'));
  const shown = (s.new_chains ?? []).length;
  if (shown < s.nbuckets) root.append(el('p', 'ins-more', `… first ${shown} of ${s.nbuckets} buckets shown`));
}

function swiss(root, s, name) {
  root.append(el('p', 'ins-head', `${name}: ${s.key_type} → ${s.elem_type}, ` +
    (s.small ? 'small map: one group, no table yet'
      : s.dir_len ? `${s.table_count} table(s), directory of ${s.dir_len} (global depth ${s.global_depth}), capacity ${s.capacity}`
        : 'no storage yet (allocated at the first insert)') +
    `, used ${s.used}, tombstones ${s.tombstones}`));
  const sec = el('div', 'ins-sec new');
  for (const t of s.tables ?? []) {
    sec.append(el('p', 'ins-title', `table ${t.index}: capacity ${t.capacity}, used ${t.used}, growthLeft ${t.growth_left}, tombstones ${t.tombstones}, local depth ${t.local_depth}`));
    const row = el('div', 'ins-row wrap');
    t.groups.forEach((g, j) => {
      const box = slots(g.ctrl.map(swissSlotState), g.keys, g.elems);
      box.title = `group ${j}`;
      row.append(box);
    });
    sec.append(row);
  }
  if (s.small_group) {  // a small map's one group
    const row = el('div', 'ins-row');
    row.append(slots(s.small_group.ctrl.map(swissSlotState), s.small_group.keys, s.small_group.elems));
    sec.append(row);
  }
  root.append(sec);
  const shown = (s.tables ?? []).length;
  if (shown < s.table_count) root.append(el('p', 'ins-more', `… first ${shown} of ${s.table_count} tables shown`));
}

// Renders a snapshot (or its error) into root.
export function renderInspection(root, snapshot, name) {
  root.replaceChildren();
  if (!snapshot || snapshot.error) {
    root.append(el('p', 'ins-head', snapshot?.error ? `${name}: ${snapshot.error}` : 'No map selected.'));
    return;
  }
  if ('nbuckets' in snapshot) classic(root, snapshot, name);
  else swiss(root, snapshot, name);
  const legend = el('p', 'ins-legend');
  for (const [cls, what] of [['full', 'full'], ['empty', 'empty'], ['evac', 'evacuated (X/Y)'], ['evac-empty', 'evacuated, empty'], ['tomb', 'tombstone']]) {
    legend.append(el('span', `slot ${cls}`), el('span', 'ins-key', what));
  }
  root.append(legend);
}
