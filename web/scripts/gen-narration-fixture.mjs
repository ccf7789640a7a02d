// Writes web/test/fixtures/narration-events.json: events the core really
// produced (the wasm node module, as the worker uses it) for the workloads
// below, so that the narration tests (web/test/narration.test.mjs) build
// their sentences from real event args, never invented ones.
// usage: node web/scripts/gen-narration-fixture.mjs [build/wasm/wasm/bucketlab_node.cjs]
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const modPath = path.resolve(process.argv[2] ?? path.join(root, 'build/wasm/wasm/bucketlab_node.cjs'));
const m = await createRequire(import.meta.url)(modPath)();
const config = { go: 19, gogc: 100, memlimit: '', seed: '1', hashkey: '', hash0: '', maxOps: 2e9, maxHeapBytes: 2 ** 30, maxOutputBytes: 2 ** 20, maxWallMs: 0, sampleEveryOps: 4096 };

const WORKLOADS = {
  // a doubling grow (B 3 -> 4 ...), evacuations, runtime.GC and heap-triggered GCs
  classic: { go: 19, source: 'm := make(map[int]int)\nfor i := 0; i < 200; i++ {\n\tm[i] = i\n}\nruntime.GC()\nvar keep [][]byte\nfor i := 0; i < 400; i++ {\n\tkeep = append(keep, make([]byte, 16384))\n}\nfmt.Println(len(m), len(keep))\n' },
  // same-size grow (examples/same_size_growth.go)
  samesize: { go: 19, source: readFileSync(path.join(root, 'examples/same_size_growth.go'), 'utf8') },
  // Swiss: table grows, splits and a directory doubling
  swiss: { go: 26, source: 'm := make(map[int]int)\nfor i := 0; i < 3000; i++ {\n\tm[i] = i\n}\nfmt.Println(len(m))\n' },
};
const KEEP_PER_KIND = 6;  // the first few of each kind (and every grow start/end) keep the file small

const out = { generated_by: 'web/scripts/gen-narration-fixture.mjs', workloads: {} };
for (const [name, w] of Object.entries(WORKLOADS)) {
  const s = new m.Session();
  const r = JSON.parse(s.load(w.source, { ...config, go: w.go }));
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.diagnostics)}`);
  const run = JSON.parse(s.run(2e9));
  if (run.state !== 'done') throw new Error(`${name}: ${JSON.stringify(run)}`);
  const all = JSON.parse(s.events(0, 1e7));
  if (all.events.length !== all.total) throw new Error(`${name}: the log dropped events`);
  // Keep every event up to the first KEEP_PER_KIND of each kind (in order),
  // plus all grow starts/ends, so that a narrator sees each grow begin.
  // After a same-size grow starts, its first evacuations are kept too.
  const seen = {};
  let sameSize = 0;
  const events = all.events.filter((e) => {
    seen[e.kind] = (seen[e.kind] ?? 0) + 1;
    if (e.kind === 'MapGrowStart' && e.a[3] === 1) sameSize = KEEP_PER_KIND;
    if (e.kind === 'MapEvacuate' && sameSize > 0) { sameSize--; return true; }
    return seen[e.kind] <= KEEP_PER_KIND || /GrowStart|GrowEnd/.test(e.kind);
  });
  out.workloads[name] = { go: w.go, source: w.source, maps: JSON.parse(s.maps()), events };
  s.delete();
}
const file = path.join(here, '..', 'test', 'fixtures', 'narration-events.json');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${file}: ${Object.entries(out.workloads).map(([k, v]) => `${k} ${v.events.length} events`).join(', ')}`);
