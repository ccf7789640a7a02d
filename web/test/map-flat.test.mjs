// The flat map snapshot's decoder (src/map-flat.js) against the core: the
// fixture holds, for a few maps, Session.mapFlat()'s words and
// Session.inspectMap()'s JSON taken at the same moment
// (scripts/gen-map-flat-fixture.cjs); decoded, the words must give every value the
// JSON gives except the key/elem text.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeFlat, hashHex, rowByte, slotRef, slotKey, ROW_OFF, ROW_STRIDE } from '../src/map-flat.js';
import { layoutClassic, layoutSwiss } from '../src/mapview-layout.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/map-flat.json', import.meta.url)));

// The JSON without its text (keys, elems, type and function names: the
// flat form is numbers only), and the decoded object cut to the JSON's fields.
const TEXT = new Set(['keys', 'elems', 'key_type', 'elem_type', 'assign_fn']);
const strip = (v) => (Array.isArray(v) ? v.map(strip) : v && typeof v === 'object'
  ? Object.fromEntries(Object.entries(v).filter(([k]) => !TEXT.has(k)).map(([k, x]) => [k, strip(x)])) : v);
const cut = (v, like) => (Array.isArray(like) ? (Array.isArray(v) ? v.map((x, i) => cut(x, like[i] ?? like[0])) : v) : like && typeof like === 'object' && v && typeof v === 'object'
  ? Object.fromEntries(Object.keys(like).map((k) => [k, cut(v[k], like[k])])) : v);

for (const c of fixture.cases) {
  test(`decodeFlat gives the JSON snapshot minus key text: ${c.name}`, () => {
    const w = Uint32Array.from(c.flat);
    const d = decodeFlat(w);
    const want = strip(c.json);
    assert.deepEqual(cut(d, want), want);
    // and nothing of the JSON is missing from the decoded object
    for (const k of Object.keys(want)) assert.ok(k in d, `decoded snapshot lacks ${k}`);
  });
}

test('the fixture covers what it claims: growth with evacuated buckets, spare overflow buckets, a small Swiss map, several tables with tombstones', () => {
  const [grow, spare, small, tables] = fixture.cases.map((c) => decodeFlat(Uint32Array.from(c.flat)));
  assert.equal(grow.growing, true);
  assert.ok(grow.old_chains.some((ch) => ch.evacuated) && grow.old_chains.some((ch) => !ch.evacuated));
  assert.ok(spare.new_chains.some((ch) => ch.chain.some((b) => b.spare)));
  assert.equal(small.small, true);
  assert.equal(small.small_group.ctrl.filter((x) => (x & 0x80) === 0).length, 2);
  assert.ok(tables.table_count > 1 && tables.tombstones > 0);
  assert.equal(tables.tables.flatMap((t) => t.groups.flatMap((g) => g.ctrl)).filter((x) => x === 0xfe).length, tables.tombstones);
});

test('the decoded snapshots lay out like the JSON ones: same cells, bytes and hashes; keys left to slot text', () => {
  for (const c of fixture.cases) {
    const d = decodeFlat(Uint32Array.from(c.flat));
    const lay = 'nbuckets' in d ? layoutClassic : layoutSwiss;
    const a = lay(d), b = lay(c.json);
    assert.equal(a.cells.length, b.cells.length);
    assert.deepEqual(a.cells.map((x) => [x.x, x.y, x.kind, x.byte, x.hash]), b.cells.map((x) => [x.x, x.y, x.kind, x.byte, x.hash]));
    assert.ok(a.cells.every((x) => x.key === ''));
    assert.deepEqual(a.buckets, b.buckets);
  }
});

test('hashes spell as the JSON does; bytes unpack little-endian; bad input decodes to null', () => {
  assert.equal(hashHex(0, 0), '');
  assert.equal(hashHex(0x89abcdef, 0x01234567), '0x0123456789abcdef');
  assert.equal(hashHex(1, 0), '0x0000000000000001');
  const w = new Uint32Array(64);
  w[ROW_OFF] = 40; w[ROW_STRIDE] = 21;
  w[43] = 0x04030201; w[44] = 0x807f0605;
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => rowByte(w, 40, i)), [1, 2, 3, 4, 5, 6, 0x7f, 0x80]);
  assert.equal(decodeFlat(new Uint32Array(0)), null);
  assert.equal(decodeFlat(null), null);
  const cutShort = Uint32Array.from(fixture.cases[0].flat).slice(0, -1);
  assert.equal(decodeFlat(cutShort), null);
});

test('a drawn cell names its slot for inspectSlot: [0 new | 1 old | 2 Swiss, bucket | table, chain | group, slot]', () => {
  assert.deepEqual(slotRef({ array: 'new', bucket: 5, chain: 1, slot: 7 }), [0, 5, 1, 7]);
  assert.deepEqual(slotRef({ array: 'old', bucket: 2, chain: 0, slot: 3 }), [1, 2, 0, 3]);
  assert.deepEqual(slotRef({ array: 'table', table: 4, group: 9, slot: 0 }), [2, 4, 9, 0]);
  assert.equal(slotKey(3, [1, 2, 0, 3]), '3:1:2:0:3');
});
