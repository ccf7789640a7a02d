// Classroom narration: one plain sentence per core event (core/common/event.h
// documents each kind's arguments a0..a3). Pure: the sentences are built
// from the core's event args and map names only, and tested under node
// against events the core produced (web/test/fixtures/narration-events.json).
//
// A Narrator remembers each map's current grow (old B, same-size or not)
// from MapGrowStart, because a MapEvacuate carries the old bucket index and
// the X/Y counts but not B: in Go's evacuate() the Y destination is
// oldbucket + newbit, newbit = 2^oldB (hashmap.go), and a same-size grow
// has no Y half.

// Bytes as the core's event text writes them (report.cpp bytes_text).
export function bytesText(b) {
  if (b < 1024) return `${b} B`;
  if (b < 1048576) return `${(b / 1024).toFixed(1)} KiB`;
  return `${(b / 1048576).toFixed(1)} MiB`;
}
const count = (n, one, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

// GcTriggerKind (core/runtime/gc.h): why a cycle started.
const TRIGGER = {
  0: 'the heap reached its GC trigger (GOGC pacing)',
  1: 'no GC ran for 2 minutes (sysmon forces one: forcegcperiod)',
  2: 'the program called runtime.GC()',
};

export class Narrator {
  constructor() { this.reset(); }
  reset() {
    this.grows = new Map();  // map id -> {oldB, newB, same}
    this.names = new Map();  // map id -> the workload's variable name
  }
  // maps: the core's maps() array (names only are used)
  setMaps(maps) {
    for (const m of maps ?? []) this.names.set(m.id, m.name);
  }
  mapName(id) { return this.names.has(id) ? `map ${this.names.get(id)}` : `map#${id}`; }
  // An event no one will read (a run, not a step): only follow the grows.
  observe(e) {
    if (e.kind === 'MapGrowStart') this.grows.set(e.a[0], { oldB: e.a[1], newB: e.a[2], same: e.a[3] === 1 });
    else if (e.kind === 'MapGrowEnd') this.grows.delete(e.a[0]);
  }
  // Every event the page receives goes through here or observe() (in
  // order), so that grows begun earlier are known; returns the sentence.
  sentence(e) {
    const [a0, a1, a2, a3] = e.a;
    switch (e.kind) {
      case 'MapGrowStart':
        this.grows.set(a0, { oldB: a1, newB: a2, same: a3 === 1 });
        return a3 === 1
          ? `${this.mapName(a0)} starts a same-size grow at B=${a2}: it has too many overflow buckets, so its entries are compacted into a fresh array of ${count(2 ** a2, 'bucket')}.`
          : `${this.mapName(a0)} starts growing: B ${a1} → ${a2} (${2 ** a1} → ${count(2 ** a2, 'bucket')}), because its load factor would exceed 6.5 entries per bucket.`;
      case 'MapEvacuate': {
        const g = this.grows.get(a0);
        const head = `${this.mapName(a0)}: bucket ${a1} evacuated: `;
        if (g && g.same) return `${head}${count(a2, 'entry', 'entries')} moved to bucket ${a1} of the new array (same-size grow).`;
        if (!g) return `${head}${count(a2, 'entry', 'entries')} to X, ${a3} to Y.`;  // grow begun before the page listened
        return `${head}${count(a2, 'entry', 'entries')} to X (bucket ${a1}), ${a3} to Y (bucket ${a1 + 2 ** g.oldB}).`;
      }
      case 'MapGrowEnd':
        this.grows.delete(a0);
        return `${this.mapName(a0)} finished growing: every old bucket is evacuated, B=${a1} (${count(2 ** a1, 'bucket')}).`;
      case 'MapOverflowAlloc':
        return `${this.mapName(a0)}: a bucket is full, so an overflow bucket was ${a2 ? 'taken from the preallocated spares' : 'allocated'}.`;
      case 'MapOldFree':
        return `${this.mapName(a0)}: the old bucket array is no longer referenced; the next GC can free it.`;
      case 'SwissTableGrow':
        return `${this.mapName(a0)}: table ${a1} grew: capacity ${a2} → ${a3}, every entry rehashed at once inside one insert.`;
      case 'SwissTableSplit':
        return `${this.mapName(a0)}: table ${a1} was full at the maximum size, so it split in two: local depth now ${a2}.`;
      case 'SwissDirGrow':
        return `${this.mapName(a0)}: the directory doubled: global depth ${a1} (${count(2 ** a1, 'entry', 'entries')}).`;
      case 'SwissTombstonesCleared':
        return `${this.mapName(a0)}: table ${a1}: ${count(a2, 'tombstone')} cleared.`;
      case 'GcStart':
        return `GC #${a0} starts because ${TRIGGER[a1] ?? `of trigger ${a1}`}: heap ${bytesText(a2)}, goal ${bytesText(a3)}.`;
      case 'GcEnd':
        return `GC #${a0} ends: ${count(a2, 'object')} (${bytesText(a1)}) marked live; the next goal is ${bytesText(a3)}.`;
      case 'SweepDone':
        return `Sweep of GC #${a0} done: ${count(a1, 'object')} (${bytesText(a2)}) freed.`;
      case 'HeapGrow':
        return `The heap grew by ${bytesText(a0)} from the OS: HeapSys is now ${bytesText(a1)}.`;
      case 'Scavenge':
        return `The scavenger returned ${bytesText(a0)} to the OS: HeapReleased is now ${bytesText(a1)}.`;
      case 'SpanAlloc':
        return `A ${a1}-page span for size class ${a2 >> 1}${a2 & 1 ? ' (noscan)' : ''} was allocated: room for ${count(a3, 'object')}.`;
      case 'SpanFree':
        return `A ${a1}-page span of size class ${a2 >> 1} was freed to the heap.`;
      default:
        return e.text ?? e.kind;
    }
  }
}

// Which events tell a step's story: the kinds the step stops at, then the
// rest; span events only when nothing else happened.
const STORY = {
  evacuation: ['MapEvacuate', 'SwissTableGrow', 'SwissTableSplit', 'MapGrowStart', 'MapGrowEnd', 'SwissDirGrow'],
  gc: ['GcEnd', 'GcStart', 'SweepDone'],
};
const QUIET = new Set(['SpanAlloc', 'SpanFree']);

// The narration of one step: `sentences` in event order (all of them),
// `headline`, the one sentence that says what the step did, and `others`,
// the sentences but the headline.
// events: the events that arrived with the step (after narrator.sentence ran
// on them: pass the sentences in `said`, same order).
export function stepStory(kind, events, said, line) {
  const all = events.map((e, i) => [e, said[i]]);
  const loud = all.filter(([e]) => !QUIET.has(e.kind));
  const pool = loud.length ? loud : all;
  let at = -1;  // the headline's index in pool
  for (const k of STORY[kind] ?? []) {
    for (let i = pool.length - 1; i >= 0 && at < 0; i--) if (pool[i][0].kind === k) at = i;
    if (at >= 0) break;
  }
  if (at < 0) at = pool.length - 1;
  const headline = at >= 0 ? pool[at][1] : line ? `Line ${line} ran: no map, heap or GC event.` : 'No map, heap or GC event.';
  return { headline, sentences: pool.map(([, s]) => s), others: pool.filter((_, i) => i !== at).map(([, s]) => s) };
}
