// The wasm module's surface, loaded in node exactly as the worker uses it.
// The determinism test demands byte-identical reports from the wasm build and
// the native CLI for every example (same source, same config → same run).
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const modulePath = process.env.BUCKETLAB_WASM_NODE;
const cliPath = process.env.BUCKETLAB_NATIVE_CLI;
const examplesDir = path.join(__dirname, '..', '..', 'examples');

const defaults = {
  go: 19, gogc: 100, memlimit: '', seed: '1', hashkey: '', hash0: '',
  maxOps: 2e9, maxHeapBytes: 2 ** 30, maxOutputBytes: 2 ** 20, maxWallMs: 0, sampleEveryOps: 4096,
};

let modP;
function mod() {
  assert.ok(modulePath, 'BUCKETLAB_WASM_NODE must point at bucketlab_node.cjs (run through ctest)');
  modP ??= require(modulePath)();
  return modP;
}

test('module loads and reports itself', async () => {
  const m = await mod();
  const info = JSON.parse(m.coreInfo());
  assert.strictEqual(info.name, 'bucketlab');
  assert.deepStrictEqual(info.versions, ['go1.19', 'go1.26']);
});

test('load reports compile errors with line:col and never throws', async () => {
  const m = await mod();
  const s = new m.Session();
  const r = JSON.parse(s.load('x := 1\ny := undefinedName\n', defaults));
  assert.strictEqual(r.ok, false);
  // Go 1.19's words and positions (go vet / go build of the wrapped snippet)
  assert.deepStrictEqual(r.diagnostics, [
    { line: 1, col: 1, message: '1:1: x declared but not used' },
    { line: 2, col: 6, message: '2:6: undefined: undefinedName' },
  ]);
  // a bad config is a diagnostic too
  const bad = JSON.parse(s.load('x := 1\n_ = x\n', { ...defaults, seed: '-3' }));
  assert.strictEqual(bad.ok, false);
  assert.match(bad.diagnostics[0].message, /config: bad seed/);
  // calls before a successful load answer with an error, not a trap
  assert.strictEqual(JSON.parse(s.run(100)).state, 'error');
  s.delete();
});

test('run in slices, step kinds, typed-array views', async () => {
  const m = await mod();
  const s = new m.Session();
  const src = 'm := map[int]int{}\nfor i := 0; i < 100000; i++ {\n\tm[i] = i\n}\nfmt.Println(len(m))\n';
  assert.deepStrictEqual(JSON.parse(s.load(src, { ...defaults, sampleEveryOps: 1000 })), { ok: true });
  // Step evacuation stops right after the map operation that evacuated. The
  // grow from B=0 and B=1 finishes in that operation (growWork evacuates the
  // written bucket and h.nevacuate: all of 1 or 2 old buckets); the grow to
  // B=3 starts when the 27th entry goes in (overLoadFactor(27, 2): 27 > 6.5*4)
  // and leaves 2 of 4 old buckets to evacuate.
  let ev;
  let maps;
  for (let i = 0; i < 10; i++) {
    ev = JSON.parse(s.step('evacuation'));
    assert.strictEqual(ev.state, 'ready');
    assert.strictEqual(ev.stepReached, true);
    maps = JSON.parse(s.maps());
    if (maps[0].B === 3) break;
  }
  assert.strictEqual(maps.length, 1);
  assert.strictEqual(maps[0].B, 3);
  assert.strictEqual(maps[0].count, 27);
  assert.strictEqual(maps[0].growing, true);
  // growWork evacuated two old buckets (the written one and h.nevacuate's);
  // nevacuate is the first old bucket not yet evacuated (advanceEvacuationMark)
  const all = JSON.parse(s.events(0, 100000)).events;
  const lastGrow = all.map((e) => e.kind).lastIndexOf('MapGrowStart');
  const evacuated = all.slice(lastGrow).filter((e) => e.kind === 'MapEvacuate').map((e) => e.a[1]);
  assert.strictEqual(evacuated.length, 2);
  let first = 0;
  while (evacuated.includes(first)) first++;
  assert.strictEqual(maps[0].nevacuate, first);
  const events = JSON.parse(s.events(0, 1000));
  const kinds = events.events.map((e) => e.kind);
  assert.ok(kinds.includes('MapGrowStart'));
  assert.strictEqual(kinds[kinds.length - 1], 'MapEvacuate');
  // slices: 'ready' until the end, then 'done'
  let r;
  let slices = 0;
  do { r = JSON.parse(s.run(50000)); slices++; } while (r.state === 'ready');
  assert.strictEqual(r.state, 'done');
  assert.ok(slices > 5);
  assert.strictEqual(s.stdout(0), '100000\n');
  assert.strictEqual(s.stdout(3), '000\n');
  const cols = JSON.parse(s.sampleColumns());
  const n = s.sampleCount();
  const view = s.samples();
  assert.ok(view instanceof Float64Array);
  assert.strictEqual(view.length, n * cols.length);
  const copy = view.slice();
  const at = (row, col) => copy[row * cols.length + cols.indexOf(col)];
  assert.strictEqual(at(n - 1, 'reason'), 3);  // the final sample
  const ms = JSON.parse(s.memstats());
  assert.strictEqual(at(n - 1, 'Mallocs'), ms.Mallocs);
  for (let i = 1; i < n; i++) assert.ok(at(i, 'ops') >= at(i - 1, 'ops'));
  const pages = s.heapPages().slice();
  const spans = s.heapSpans().slice();
  assert.strictEqual(spans.length % 9, 0);  // 9 columns: ..., sweep, majority role
  let inUse = 0;
  for (const p of pages) if (p === 2) inUse++;
  let spanPages = 0;
  for (let i = 0; i < spans.length; i += 9) spanPages += spans[i + 1];
  // the bucket array of a 100000-entry map[int]int is the largest span (B=14:
  // 16384 buckets + 2^(14-4) preallocated overflow buckets (makeBucketArray),
  // 144 bytes each: 306 pages, a large object); the role column says whose
  const roles = JSON.parse(s.heapRoles());
  assert.strictEqual(roles[0], 'object');
  const largest = [...Array(spans.length / 9).keys()].reduce((a, i) => (spans[i * 9 + 1] > spans[a * 9 + 1] ? i : a), 0);
  assert.strictEqual(spans[largest * 9 + 1], ((16384 + 1024) * 144) / 8192);
  assert.strictEqual(roles[spans[largest * 9 + 8]], 'map bucket array');
  // retained snapshots: one per grow start and finish (B 0 -> 14) and GC start/end
  const list = JSON.parse(s.snapshotList());
  const evs = JSON.parse(s.events(0, 1e6)).events;
  const want = evs.filter((e) => ['GcStart', 'GcEnd', 'MapGrowStart', 'MapGrowEnd'].includes(e.kind));
  assert.strictEqual(list.snapshots.length, want.length);
  assert.strictEqual(list.snapshots.filter((x) => x.reason === 'grow-start').length, 14);
  const lastStart = list.snapshots.filter((x) => x.reason === 'grow-start').at(-1);
  assert.strictEqual(lastStart.label, 'map 0 grow start');
  assert.strictEqual(lastStart.maps[0].B, 14);
  assert.strictEqual(lastStart.maps[0].growing, true);
  assert.strictEqual(s.snapshotPages(lastStart.id).length, lastStart.pages);
  const sp = s.snapshotSpans(lastStart.id).slice();
  assert.strictEqual(sp.length, lastStart.spans * 9);
  for (let i = 8; i < sp.length; i += 9) assert.strictEqual(sp[i], 0xffffffff);  // roles are not retained (R56)
  assert.strictEqual(s.snapshotPages(1e6).length, 0);  // no such snapshot
  assert.strictEqual(inUse, spanPages);
  assert.strictEqual(inUse * 8192, ms.HeapInuse);
  const snap = JSON.parse(s.inspectMap(0, 0, 4));
  assert.strictEqual(snap.count, 100000);
  assert.strictEqual(snap.new_chains.length, 4);
  s.delete();
});

test('Swiss maps (go1.26): summaries, step to the next grow or split, table inspection', async () => {
  const m = await mod();
  const s = new m.Session();
  const src = 'm := map[int64]int64{}\nfor i := int64(0); i < 5000; i++ {\n\tm[i] = i\n}\n';
  assert.deepStrictEqual(JSON.parse(s.load(src, { ...defaults, go: 26 })), { ok: true });
  // the small map (8 slots) becomes a 16-slot table at the 9th insert, then
  // grows in place: 9, 15, 29, 57, 113, 225, 449, 897 entries (7/8 load)
  const counts = [];
  for (let i = 0; i < 8; i++) {
    const r = JSON.parse(s.step('evacuation'));
    assert.strictEqual(r.stepReached, true);
    counts.push(JSON.parse(s.maps())[0].count);
  }
  assert.deepStrictEqual(counts, [9, 15, 29, 57, 113, 225, 449, 897]);
  const mp = JSON.parse(s.maps())[0];
  assert.strictEqual(mp.impl, 'swiss');
  assert.strictEqual(mp.tables, 2);  // a 1024-slot table split at the 897th
  assert.strictEqual(mp.global_depth, 1);
  const snap = JSON.parse(s.inspectMap(0, 0, 8));
  assert.strictEqual(snap.tables.length, 2);
  assert.strictEqual(snap.tables.reduce((a, t) => a + t.used, 0), 897);
  for (const t of snap.tables) assert.strictEqual(t.groups.length, t.capacity / 8);
  s.delete();
});

test('a runaway workload is stopped by its operation budget', async () => {
  const m = await mod();
  const s = new m.Session();
  assert.ok(JSON.parse(s.load('n := 0\nfor {\n\tn++\n}\n', { ...defaults, maxOps: 100000 })).ok);
  const r = JSON.parse(s.run(1e18));
  assert.strictEqual(r.state, 'stopped');
  assert.match(r.error, /exceeded its budget of 100000 operations/);
  s.delete();
});

for (const go of [19, 26]) test(`every example under go1.${go}: wasm report is byte-identical to the native CLI --json`, async (t) => {
  assert.ok(cliPath && fs.existsSync(cliPath), `BUCKETLAB_NATIVE_CLI must point at the native bucketlab (got ${cliPath})`);
  const m = await mod();
  const files = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.go')).sort();
  assert.ok(files.length >= 10);
  for (const f of files) {
    await t.test(f, () => {
      const file = path.join(examplesDir, f);
      const native = execFileSync(cliPath, ['run', file, '--json', '--go', `1.${go}`], { maxBuffer: 1 << 28 }).toString();
      const s = new m.Session();
      assert.deepStrictEqual(JSON.parse(s.load(fs.readFileSync(file, 'utf8'), { ...defaults, go })), { ok: true });
      let r;
      do { r = JSON.parse(s.run(1e6)); } while (r.state === 'ready');
      assert.strictEqual(s.report(), native);
      // the page's Modelled time panel reads modelled(): the report's object, the same bytes
      assert.deepStrictEqual(JSON.parse(s.modelled()), JSON.parse(native).modelled);
      s.delete();
    });
  }
});

test('map view bindings: mapHeat() is a header + one row per bucket, lastEvacuation() matches the evacuate event', async () => {
  const m = await mod();
  const s = new m.Session();
  assert.ok(JSON.parse(s.load('m := map[int]int{}\nfor i := 0; i < 200; i++ {\n\tm[i] = i\n}\n_ = m\n', defaults)).ok);
  let snap = null;
  for (let i = 0; i < 40; i++) {
    JSON.parse(s.step('evacuation'));
    snap = JSON.parse(s.inspectMap(0, 0, 1024));
    if (snap.growing) break;
  }
  assert.ok(snap.growing);
  const heat = s.mapHeat(0).slice();
  assert.deepStrictEqual([...heat.slice(0, 6)], [0, snap.nbuckets, snap.noldbuckets, snap.nevacuate, 3, 0]);
  assert.strictEqual(heat.length, 8 + 3 * (snap.nbuckets + snap.noldbuckets));
  // occupied slots of the new array + old buckets not evacuated = count
  let live = 0;
  for (let r = 0; r < snap.nbuckets + snap.noldbuckets; r++) if (!(heat[8 + 3 * r + 2] & 1)) live += heat[8 + 3 * r];
  assert.strictEqual(live, snap.count);
  const ev = JSON.parse(s.events(0, 1e6)).events.filter((e) => e.kind === 'MapEvacuate').pop();
  const evac = JSON.parse(s.lastEvacuation(0));
  assert.ok(evac.valid && evac.current);
  assert.strictEqual(evac.oldbucket, ev.a[1]);
  assert.strictEqual(evac.moves.filter((x) => !x.y).length, ev.a[2]);
  assert.strictEqual(evac.moves.filter((x) => x.y).length, ev.a[3]);
  for (const x of evac.moves) assert.match(x.hash, /^0x[0-9a-f]{16}$/);
  assert.strictEqual(s.mapHeat(5).length, 0);  // no such map: empty
  s.delete();
});

test('map view bindings: mapFlat() holds every slot byte and hash of inspectMap(); inspectSlot() gives each slot its key text', async () => {
  const m = await mod();
  const s = new m.Session();
  assert.ok(JSON.parse(s.load('m := map[string]int{}\nfor i := 0; i < 300; i++ {\n\tm["k"+strconv.Itoa(i)] = i\n}\n_ = m\n', defaults)).ok);
  s.run(1e12);
  const snap = JSON.parse(s.inspectMap(0, 0, 1e6));
  const w = s.mapFlat(0, 0, 1e6).slice();
  // header (map_inspect.h FlatMapSnapshot): kind 0, 48 header words, rows of 21 words
  assert.deepStrictEqual([w[0], w[1], w[2]], [0, 48, 21]);
  assert.strictEqual(w.length, w[4] + w[3] * 21);
  assert.strictEqual(w[5], snap.new_chains.length);  // no growth: chains of the new array only
  let occupied = 0;
  for (let c = 0; c < w[5]; c++) {
    const rec = w[6] + c * w[7];
    const chain = snap.new_chains[c].chain;
    assert.strictEqual(w[rec + 3], chain.length);
    chain.forEach((b, k) => {
      const o = w[4] + (w[rec + 2] + k) * 21;
      for (let i = 0; i < 8; i++) {
        assert.strictEqual((w[o + 3 + (i >> 2)] >>> (8 * (i & 3))) & 255, b.tophash[i]);
        const h = w[o + 5 + 2 * i] || w[o + 6 + 2 * i] ? `0x${w[o + 6 + 2 * i].toString(16).padStart(8, '0')}${w[o + 5 + 2 * i].toString(16).padStart(8, '0')}` : '';
        assert.strictEqual(h, b.hash[i]);
        const t = JSON.parse(s.inspectSlot(0, 0, snap.new_chains[c].index, k, i));
        assert.deepStrictEqual(t, { valid: true, byte: b.tophash[i], hash: b.hash[i], key: b.keys[i], elem: b.elems[i] });
        if (b.tophash[i] >= 5) occupied++;
      }
    });
  }
  assert.strictEqual(occupied, 300);
  assert.strictEqual(s.mapFlat(5, 0, 10).length, 0);  // no such map: empty
  assert.strictEqual(JSON.parse(s.inspectSlot(5, 0, 0, 0, 0)).valid, false);
  s.delete();
});
