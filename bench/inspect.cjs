// Inspection snapshot times in wasm (issue 9): a full snapshot of a
// 2^12-bucket map (Session.mapFlat over every bucket: every slot's tophash
// and hash, every chain, as typed array, copied out as the worker does; and
// the CLI/test form, inspectMap's JSON with formatted keys) and of a 64 MiB
// heap (Session.heapPages + heapSpans, what the heap view asks the worker
// for), timed in node through the wasm module, best of N.
//   node bench/inspect.cjs build/wasm/wasm/bucketlab_node.cjs [N]
// Prints one JSON line: {"flat_ms":..,"map_ms":..,"map_buckets":..,"heat_ms":..,"heap_ms":..,"heap_mib":..,"spans":..}
'use strict';
const modPath = require('path').resolve(process.argv[2]);
const reps = Number(process.argv[3] ?? 20);
const cfg = { go: 19, gogc: 100, memlimit: '', seed: '1', hashkey: '', hash0: '', maxOps: 1e12,
              maxHeapBytes: 2 ** 31, maxOutputBytes: 2 ** 20, maxWallMs: 0, sampleEveryOps: 4096 };

// 20000 entries: over 6.5·2^11, under 6.5·2^12, so B = 12 once growth ends
// (the final loop of lookups-by-assignment finishes any evacuation).
const mapSrc = `m := make(map[int64]int64)
for i := int64(0); i < 20000; i++ {
	m[i] = i
}
for i := int64(0); i < 20000; i++ {
	m[i] = m[i] + 1
}
fmt.Println(len(m))`;
// 64 MiB live: 65536 slices of 1 KiB (8 KiB spans of 8 objects each) plus the slice of headers.
const heapSrc = `keep := make([][]byte, 0, 65536)
for i := 0; i < 65536; i++ {
	keep = append(keep, make([]byte, 1024))
}
fmt.Println(len(keep))`;

function best(fn) {
  let b = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = process.hrtime.bigint();
    fn();
    b = Math.min(b, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return b;
}

require(modPath)().then((m) => {
  const s = new m.Session();
  s.load(mapSrc, cfg);
  s.run(1e18);
  const maps = JSON.parse(s.maps());
  const id = 0;
  const B = maps[id]?.B ?? JSON.parse(s.inspectMap(id, 0, 1)).B;
  const nb = 2 ** B;
  let snap;
  const mapMs = best(() => { snap = s.inspectMap(id, 0, nb); });
  if (JSON.parse(snap).count !== 20000) throw new Error('map snapshot: wrong count');
  // the same content without key text: one Uint32Array (map_inspect.h FlatMapSnapshot), copied out of wasm memory
  let flat;
  const flatMs = best(() => { flat = s.mapFlat(id, 0, nb).slice(); });
  {
    const rowOff = flat[4], rows = flat[3], stride = flat[2];  // header: kRowOff, kRowCount, kRowStrideAt; [19] = kNbuckets
    let occupied = 0;
    for (let r = 0; r < rows; r++) {
      const o = rowOff + r * stride;
      for (let i = 0; i < 8; i++) if (((flat[o + 3 + (i >> 2)] >>> (8 * (i & 3))) & 255) >= 5) occupied++;
    }
    if (flat[19] !== nb || occupied !== 20000) throw new Error(`flat snapshot: ${flat[19]} buckets, ${occupied} occupied slots`);
  }
  // what the map view asks for at this size: one row per bucket (typed array, no JSON)
  let heat;
  const heatMs = best(() => { heat = s.mapHeat(id).slice(); });
  if (heat.length <= nb) throw new Error('map heat: too few rows');
  s.delete();

  const h = new m.Session();
  h.load(heapSrc, cfg);
  h.run(1e18);
  const ms = JSON.parse(h.memstats());
  let spans = 0;
  const heapMs = best(() => { h.heapPages(); spans = h.heapSpans().length / 9; });  // rows of 9 (bindings.cpp heap_spans)
  h.delete();
  console.log(JSON.stringify({ flat_ms: flatMs, flat_kib: flat.byteLength / 1024, json_kib: snap.length / 1024, map_ms: mapMs, map_buckets: nb, heat_ms: heatMs, heap_ms: heapMs, heap_mib: ms.HeapInuse / 2 ** 20, spans }));
});
