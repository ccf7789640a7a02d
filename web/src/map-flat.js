// The full map snapshot as the core packs it (Session.mapFlat: one
// Uint32Array, layout maps::FlatMapSnapshot in core/maps/map_inspect.h),
// decoded into the shape of the JSON snapshot (classic_map_json /
// swiss_map_json in core/sim/report.cpp) minus the key and elem text, which
// the view asks for one slot at a time (Session.inspectSlot). No DOM; every
// value is the core's, this module only unpacks it.

// Header word indexes (map_inspect.h).
export const KIND = 0, HEADER_LEN = 1, ROW_STRIDE = 2, ROW_COUNT = 3, ROW_OFF = 4, GROUP_COUNT = 5, GROUP_OFF = 6,
  GROUP_STRIDE = 7, DIR_OFF = 8, DIR_LEN = 9;
const C = { count: 10, flags: 12, B: 13, noverflow: 14, hash0: 15, nevacuate: 16, bits: 18, nbuckets: 19, noldbuckets: 21,
  allocated_buckets: 23, spare_overflow_left: 25, first_bucket: 27, new_chains: 29, keysize: 30, elemsize: 31, bucketsize: 32,
  hmap: 33, buckets: 35, oldbuckets: 37, extra: 39, next_overflow: 41 };
const S = { used: 10, seed: 12, clear_seq: 14, dir_len: 16, global_depth: 18, global_shift: 19, writing: 20, bits: 21,
  capacity: 22, tombstones: 24, table_count: 26, slot_size: 28, elem_off: 29, group_size: 30, first_table: 31, map: 33, dir_ptr: 35 };
const GROWING = 1, SAME_SIZE_GROW = 2, INDIRECT_KEY = 4, INDIRECT_ELEM = 8, NOSCAN = 16;
const TOMBSTONE_POSSIBLE = 1, SMALL = 2, PRUNES_TOMBSTONES = 32;
const ROW_SPARE = 1, ROW_FLAGS = 2, ROW_BYTES = 3, ROW_HASH = 5;

// A (lo, hi) word pair as a number (exact below 2^53: counts, addresses) ...
export const u64 = (w, at) => w[at + 1] * 2 ** 32 + w[at];
// ... and as the snapshots spell a hash: "0x" and 16 hex digits, "" for 0.
export function hashHex(lo, hi) {
  if (lo === 0 && hi === 0) return '';
  return `0x${hi.toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}`;
}
const i64 = (w, at) => (w[at + 1] | 0) * 2 ** 32 + w[at];  // a signed 64-bit value (table index: -1 when unset)

// Slot `i` (0..7) of the row starting at word `o`: its tophash / control byte and its hash.
export const rowByte = (w, o, i) => (w[o + ROW_BYTES + (i >> 2)] >>> (8 * (i & 3))) & 255;
export const rowHash = (w, o, i) => hashHex(w[o + ROW_HASH + 2 * i], w[o + ROW_HASH + 2 * i + 1]);

function row(w, r) {
  const o = w[ROW_OFF] + r * w[ROW_STRIDE];
  const bytes = [], hash = [];
  for (let i = 0; i < 8; i++) { bytes.push(rowByte(w, o, i)); hash.push(rowHash(w, o, i)); }
  return { addr: u64(w, o), spare: (w[o + ROW_FLAGS] & ROW_SPARE) !== 0, bytes, hash };
}

// null for an empty array (no such map) or a layout this module does not know.
export function decodeFlat(w) {
  if (!w || w.length < 10 || w[HEADER_LEN] !== 48 || w.length !== w[ROW_OFF] + w[ROW_COUNT] * w[ROW_STRIDE]) return null;
  return w[KIND] === 1 ? decodeSwiss(w) : decodeClassic(w);
}

function decodeClassic(w) {
  const bits = w[C.bits];
  const s = {
    count: u64(w, C.count), flags: w[C.flags], B: w[C.B], noverflow: w[C.noverflow], hash0: w[C.hash0],
    hmap: u64(w, C.hmap), buckets: u64(w, C.buckets), oldbuckets: u64(w, C.oldbuckets), extra: u64(w, C.extra),
    next_overflow: u64(w, C.next_overflow), nevacuate: u64(w, C.nevacuate),
    growing: (bits & GROWING) !== 0, same_size_grow: (bits & SAME_SIZE_GROW) !== 0,
    nbuckets: u64(w, C.nbuckets), noldbuckets: u64(w, C.noldbuckets), allocated_buckets: u64(w, C.allocated_buckets),
    spare_overflow_left: u64(w, C.spare_overflow_left), keysize: w[C.keysize], elemsize: w[C.elemsize], bucketsize: w[C.bucketsize],
    indirectkey: (bits & INDIRECT_KEY) !== 0, indirectelem: (bits & INDIRECT_ELEM) !== 0, bucket_noscan: (bits & NOSCAN) !== 0,
    first_bucket: u64(w, C.first_bucket), new_chains: [], old_chains: [],
  };
  const stride = w[GROUP_STRIDE], nnew = w[C.new_chains];
  for (let c = 0; c < w[GROUP_COUNT]; c++) {
    const o = w[GROUP_OFF] + c * stride;
    const chain = [];
    for (let k = 0; k < w[o + 3]; k++) {
      const { addr, spare, bytes, hash } = row(w, w[o + 2] + k);
      chain.push({ addr, spare, tophash: bytes, hash });
    }
    (c < nnew ? s.new_chains : s.old_chains).push({ index: u64(w, o), evacuated: w[o + 4] !== 0, chain });
  }
  return s;
}

function decodeSwiss(w) {
  const bits = w[S.bits];
  const s = {
    map: u64(w, S.map), used: u64(w, S.used), seed: u64(w, S.seed), clear_seq: u64(w, S.clear_seq), dir_len: i64(w, S.dir_len),
    global_depth: w[S.global_depth], global_shift: w[S.global_shift], writing: w[S.writing],
    tombstone_possible: (bits & TOMBSTONE_POSSIBLE) !== 0, small: (bits & SMALL) !== 0,
    capacity: u64(w, S.capacity), tombstones: u64(w, S.tombstones), table_count: u64(w, S.table_count),
    slot_size: w[S.slot_size], elem_off: w[S.elem_off], group_size: w[S.group_size],
    indirect_key: (bits & INDIRECT_KEY) !== 0, indirect_elem: (bits & INDIRECT_ELEM) !== 0, group_noscan: (bits & NOSCAN) !== 0,
    prunes_tombstones: (bits & PRUNES_TOMBSTONES) !== 0, dir_ptr: u64(w, S.dir_ptr),
    directory: Array.from(w.subarray(w[DIR_OFF], w[DIR_OFF] + w[DIR_LEN])), first_table: u64(w, S.first_table), tables: [],
  };
  const group = (r) => { const { addr, bytes, hash } = row(w, r); return { addr, ctrl: bytes, hash }; };
  if (s.small) { s.small_group = group(0); return s; }
  for (let t = 0; t < w[GROUP_COUNT]; t++) {
    const o = w[GROUP_OFF] + t * w[GROUP_STRIDE];
    const groups = [];
    for (let g = 0; g < w[o + 14]; g++) groups.push(group(w[o + 13] + g));
    s.tables.push({
      addr: u64(w, o), groups_addr: u64(w, o + 2), index: i64(w, o + 4), local_depth: w[o + 6], capacity: w[o + 7], used: w[o + 8],
      growth_left: w[o + 9], tombstones: w[o + 10], dir_entries: u64(w, o + 11), groups,
    });
  }
  return s;
}

// What inspectSlot() needs to name a drawn slot (a layout cell of mapview-layout.js):
// [array (0 new, 1 old, 2 Swiss), bucket or table ordinal, overflow position or group, slot].
export function slotRef(c) {
  return c.array === 'table' ? [2, c.table, c.group, c.slot] : [c.array === 'old' ? 1 : 0, c.bucket, c.chain, c.slot];
}
export const slotKey = (mapId, ref) => `${mapId}:${ref.join(':')}`;
