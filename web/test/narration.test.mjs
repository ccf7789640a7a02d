// Classroom narration (src/narration.js) over events the core produced:
// test/fixtures/narration-events.json, written by
// scripts/gen-narration-fixture.mjs from the wasm module (regenerate it
// when the core's events change; the sentences below name its seqs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Narrator, stepStory, bytesText } from '../src/narration.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/narration-events.json', import.meta.url), 'utf8'));
// Every event of a workload through one narrator, in order: seq -> sentence.
function narrate(name) {
  const w = fixture.workloads[name];
  const n = new Narrator();
  n.setMaps(w.maps);
  return new Map(w.events.map((e) => [e.seq, n.sentence(e)]));
}
const ev = (name, seq) => fixture.workloads[name].events.find((e) => e.seq === seq);

test('bytes are written as the core writes them (report.cpp bytes_text)', () => {
  assert.equal(bytesText(1023), '1023 B');
  assert.equal(bytesText(6048), '5.9 KiB');
  assert.equal(bytesText(4194304), '4.0 MiB');
  // the fixture's own text agrees for every GcEnd
  for (const w of Object.values(fixture.workloads)) {
    for (const e of w.events.filter((x) => x.kind === 'GcEnd')) assert.ok(e.text.includes(`, ${bytesText(e.a[1])};`), e.text);
  }
});

test('classic map: grow start, evacuation with X/Y destinations, grow end, overflow, old array', () => {
  const s = narrate('classic');
  assert.deepEqual(ev('classic', 10).a, [0, 1, 1, 4]);  // the core's event: bucket 1, 1 to X, 4 to Y (while B 1 -> 2)
  assert.equal(s.get(9), 'map m starts growing: B 1 → 2 (2 → 4 buckets), because its load factor would exceed 6.5 entries per bucket.');
  assert.equal(s.get(10), 'map m: bucket 1 evacuated: 1 entry to X (bucket 1), 4 to Y (bucket 3).');
  assert.equal(s.get(5), 'map m: bucket 0 evacuated: 6 entries to X (bucket 0), 2 to Y (bucket 1).');
  assert.equal(s.get(13), 'map m finished growing: every old bucket is evacuated, B=2 (4 buckets).');
  assert.equal(s.get(16), 'map m: a bucket is full, so an overflow bucket was allocated.');
  assert.equal(s.get(12), 'map m: the old bucket array is no longer referenced; the next GC can free it.');
});

test('every evacuation sentence: Y is oldbucket + 2^oldB of the grow in progress, counts as in the event', () => {
  for (const name of ['classic', 'samesize']) {
    const s = narrate(name);
    let grow = null;
    for (const e of fixture.workloads[name].events) {
      if (e.kind === 'MapGrowStart') grow = { oldB: e.a[1], same: e.a[3] === 1 };
      if (e.kind !== 'MapEvacuate') continue;
      const [, b, x, y] = e.a;
      const want = grow.same
        ? `map m: bucket ${b} evacuated: ${x} ${x === 1 ? 'entry' : 'entries'} moved to bucket ${b} of the new array (same-size grow).`
        : `map m: bucket ${b} evacuated: ${x} ${x === 1 ? 'entry' : 'entries'} to X (bucket ${b}), ${y} to Y (bucket ${b + 2 ** grow.oldB}).`;
      assert.equal(s.get(e.seq), want);
      if (grow.same) assert.equal(y, 0, 'a same-size grow has no Y half');
    }
  }
});

test('same-size grow: too many overflow buckets, entries compacted in place', () => {
  const s = narrate('samesize');
  assert.deepEqual(ev('samesize', 1191).a, [0, 9, 9, 1]);
  assert.equal(s.get(1191), 'map m starts a same-size grow at B=9: it has too many overflow buckets, so its entries are compacted into a fresh array of 512 buckets.');
  assert.equal(s.get(1192), 'map m: bucket 456 evacuated: 7 entries moved to bucket 456 of the new array (same-size grow).');
});

test('GC cycles: trigger, heap figures, marked, sweep; heap growth; spans', () => {
  const s = narrate('classic');
  assert.equal(s.get(72), 'GC #1 starts because the program called runtime.GC(): heap 120.0 KiB, goal 4.0 MiB.');
  assert.equal(s.get(328), 'GC #2 starts because the heap reached its GC trigger (GOGC pacing): heap 3.8 MiB, goal 4.0 MiB.');
  assert.equal(s.get(329), 'GC #2 ends: 247 objects (3.7 MiB) marked live; the next goal is 7.5 MiB.');
  assert.equal(s.get(82), 'Sweep of GC #1 done: 21 objects (5.5 KiB) freed.');
  assert.equal(s.get(345), 'The heap grew by 4.0 MiB from the OS: HeapSys is now 8.0 MiB.');
  assert.equal(s.get(2), 'A 1-page span for size class 11 (noscan) was allocated: room for 56 objects.');
  assert.equal(s.get(74), 'A 1-page span of size class 1 was freed to the heap.');
});

test('Swiss map: table grow, directory doubling, table split', () => {
  const s = narrate('swiss');
  assert.equal(s.get(6), 'map m: table 0 grew: capacity 8 → 16, every entry rehashed at once inside one insert.');
  assert.equal(s.get(20), 'map m: the directory doubled: global depth 1 (2 entries).');
  assert.equal(s.get(24), 'map m: table 1 was full at the maximum size, so it split in two: local depth now 2.');
});

test("a step's headline is the event it stopped at; spans only when nothing else happened", () => {
  const w = fixture.workloads.classic;
  const n = new Narrator();
  n.setMaps(w.maps);
  const said = w.events.map((e) => n.sentence(e));
  const pick = (from, to) => { const i = w.events.findIndex((e) => e.seq === from), j = w.events.findIndex((e) => e.seq === to); return [w.events.slice(i, j + 1), said.slice(i, j + 1)]; };
  // an evacuation step that also started the grow: the evacuation is the headline
  let st = stepStory('evacuation', ...pick(9, 10), 4);
  assert.equal(st.headline, 'map m: bucket 1 evacuated: 1 entry to X (bucket 1), 4 to Y (bucket 3).');
  assert.equal(st.sentences[0], said[w.events.findIndex((e) => e.seq === 9)]);
  assert.deepEqual(st.others, [st.sentences[0]]);
  // a GC step: the cycle's end
  st = stepStory('gc', ...pick(72, 82), 5);
  assert.equal(st.headline, 'GC #1 ends: 8 objects (5.9 KiB) marked live; the next goal is 4.0 MiB.');
  assert.ok(st.sentences.every((x) => !/span/.test(x)), 'span events left out when the step has others');
  // a statement with only span events says so; with none, names the line
  st = stepStory('statement', ...pick(1, 2), 2);
  assert.equal(st.headline, 'A 1-page span for size class 11 (noscan) was allocated: room for 56 objects.');
  assert.equal(stepStory('statement', [], [], 7).headline, 'Line 7 ran: no map, heap or GC event.');
});

test('observe() follows grows like sentence() does, so a step after a run still knows Y', () => {
  const w = fixture.workloads.classic;
  const n = new Narrator();
  n.setMaps(w.maps);
  const i = w.events.findIndex((e) => e.seq === 10);
  for (const e of w.events.slice(0, i)) n.observe(e);  // a run up to just before the evacuation
  assert.equal(n.sentence(w.events[i]), 'map m: bucket 1 evacuated: 1 entry to X (bucket 1), 4 to Y (bucket 3).');
});
