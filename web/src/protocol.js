// The message protocol between the page (main.js) and the simulation worker
// (worker.js). Every message is a plain object with a `type`; both sides
// import these constants so that a typo is a ReferenceError, not silence.
//
// Generations: every LOAD carries a `gen` the page picked (1, 2, 3...);
// every message about that session (LOADED, PROGRESS, STEPPED, PAUSED,
// ENDED, INSPECTED) echoes it, so the page drops what a session it has
// already replaced still had in flight (e.g. a PROGRESS posted between a
// Reset and the new LOAD).
//
// page → worker
//   LOAD     {gen: number, source: string, config: Config}   check + compile a new session; replies LOADED
//            (and a first PROGRESS when it compiled)
//   RUN      {speed: Speed}                          run in slices until the end, PAUSE or a budget:
//                                                    PROGRESS while running, then ENDED (or PAUSED after a PAUSE)
//   PAUSE    {}                                      stop after the current slice; replies PROGRESS then PAUSED
//   STEP     {kind: 'statement'|'mapop'|'evacuation'|'gc'}  one step (a single wasm call: it cannot be
//                                                    paused; the page's watchdog restarts a worker whose step runs away);
//                                                    replies PROGRESS, STEPPED, and ENDED if the workload ended
//   SPEED    {speed: Speed}                          change the pace of a running run
//   INSPECT  {mapId: number, first: number, max: number}  replies INSPECTED {gen, mapId, snapshot}
//   SLOT     {mapId, ref: [array, index, chain, slot]}  one drawn slot's key/elem text (map-flat.js slotRef);
//                                                    replies SLOT_TEXT
//   MAPVIEW  {mapId: number, at?: number}            the map view's data; replies MAPVIEWED (at: an instruction
//                                                    count: the heat rows of the retained snapshot nearest it, and
//                                                    its slot grid of a small map: snapshotMapFlat, hashes 0)
//   PING     {nonce: number}                         liveness probe; replies PONG
//   CRASH    {}                                      test hook: the worker throws outside any handler
//                                                    (the page must restart it and lose nothing)
//   FILTER   {hideKinds: string[]}                   event kinds PROGRESS leaves out (default HIDDEN_EVENT_KINDS)
//   ACK      {}                                      the page has taken the last PROGRESS (flow control:
//                                                    while running, the worker posts the next one only after it)
//   HEAP     {at: number|null}                       the heap for the heap view: null = live (heapPages/heapSpans/
//                                                    heapRoles/fragmentation), else the retained snapshot nearest
//                                                    `at` ops (timeline.js nearestSnapshot); replies HEAP_DATA
//
// worker → page
//   READY    {coreInfo: object}                      the wasm core is instantiated ({"name","core","versions"})
//   LOADED   {gen, ok: boolean, diagnostics: Diagnostic[]}   Diagnostic = {line, col, message} (1-based)
//   PROGRESS {gen, state, result, memstats, maps, modelled, events, stdout, stderr, samples}
//            state: 'ready'|'running'|'done'|'panicked'|'stopped' ('running' = more slices follow)
//            result: the core's last RunResult {state, stepReached, line, col, error, errorLine, errorCol, ops, mapOps}
//                    (null before the first run/step)
//            memstats: {Go MemStats field: number}; maps: the core's maps() array
//            modelled: the core's modelled() object: simulated time, pauses, GCCPUFraction, time by group
//            events: {total, skipped, events: [{seq, kind, a: [a0..a3], text}]}: the newest events since the
//                    last PROGRESS of the kinds not hidden (FILTER), at most MAX_EVENTS_PER_BATCH; skipped: how
//                    many older ones were left out to keep up (hidden kinds are not counted)
//            stdout / stderr: text appended since the last PROGRESS
//            samples: {epoch, from, columns: string[], rows: number, data: Float64Array (transferred)}
//                     rows [from, from+rows) of the core's sample table, row-major; epoch changes when the
//                     core halved its resolution: the page then drops what it had (from is 0)
//   STEPPED  {gen, kind, result}                     after a STEP
//   PAUSED   {gen}                                   after PAUSE
//   ENDED    {gen, result}                           the workload finished, panicked or hit a budget
//   INSPECTED {gen, mapId, snapshot}                 the map's JSON snapshot (classic or swiss)
//   MAPVIEWED {gen, changes, mapId, heat, flat, evac, error}  changes: the worker's count of run slices, steps and
//                                                    loads (equal counts: the same state); heat: Uint32Array (transferred) of mapHeat(): 8 header
//                                                    values then rows (mapview-layout.js heatHeader); flat: mapFlat()'s
//                                                    Uint32Array (transferred; map-flat.js decodes it: every bucket
//                                                    or group, tophash/ctrl bytes and hashes, no key text) when the
//                                                    map is small enough to draw slot by slot (wantsDetail), else
//                                                    null; evac: lastEvacuation()
//                                                    With at: also {at, retained: the snapshot (snapshotList entry)
//                                                    or null}, heat of snapshotMapHeat(), flat and evac null
//   SLOT_TEXT {gen, mapId, ref, slot}                inspectSlot(): {valid, byte, hash, key, elem}
//   PONG     {nonce}
//   HEAP_DATA {gen, live, pages: Uint8Array, spans: Uint32Array (rows of 9), roles: string[],
//             fragmentation (live: the core's fragmentation() object, else null),
//             snapshot (not live: {id, reason, label, subject, ops, nanotime, NumGC, maps, ...} or null),
//             retained: {taken, skipped, dropped, capacity} (not live)}   arrays transferred
//   FAILED   {message}                               the worker itself failed (not the workload)
//
// Config = {go: 19|26, gogc: number, memlimit: string, seed: string, hashkey: '', hash0: '',
//           maxOps, maxHeapBytes, maxOutputBytes, maxWallMs, sampleEveryOps}  (the wasm Session's load() config)
// Speed  = {opsPerSec: number}  (0 = as fast as the core goes)
export const MSG = Object.freeze({
  LOAD: 'load', RUN: 'run', PAUSE: 'pause', STEP: 'step', SPEED: 'speed', INSPECT: 'inspect', MAPVIEW: 'mapview', FILTER: 'filter', SLOT: 'slot', PING: 'ping', ACK: 'ack', CRASH: 'crash',
  READY: 'ready', LOADED: 'loaded', PROGRESS: 'progress', STEPPED: 'stepped', PAUSED: 'paused',
  ENDED: 'ended', INSPECTED: 'inspected', MAPVIEWED: 'mapviewed', PONG: 'pong', FAILED: 'failed',
  HEAP: 'heap', HEAP_DATA: 'heap-data', SLOT_TEXT: 'slot-text',
});

export const STEP_KINDS = Object.freeze(['statement', 'mapop', 'evacuation', 'gc']);

// The speed menu: simulated instructions per wall-clock second.
export const SPEEDS = Object.freeze([
  { id: 'slow', label: 'slow (100k ops/s)', opsPerSec: 100_000 },
  { id: 'normal', label: 'normal (1M ops/s)', opsPerSec: 1_000_000 },
  { id: 'fast', label: 'fast (5M ops/s)', opsPerSec: 5_000_000 },
  { id: 'max', label: 'max', opsPerSec: 0 },
]);
export const DEFAULT_SPEED = 'fast';

export const POST_EVERY_MS = 16;          // PROGRESS at most once a 60 Hz frame; the ACK keeps them from piling up when the page is slower
export const MAX_EVENTS_PER_BATCH = 500;
// Per batch the worker reads the newest FETCH_EVENTS events and filters them:
// span events come by the thousand and would crowd out grows and GCs.
export const FETCH_EVENTS = 5000;
export const HIDDEN_EVENT_KINDS = Object.freeze(['SpanAlloc', 'SpanFree']);

// Budgets the page sets (the CLI sets none): a runaway workload ends with a message.
export const PAGE_BUDGETS = Object.freeze({
  maxOps: 5e9,
  maxHeapBytes: 1024 * 1024 * 1024,
  maxOutputBytes: 1 << 20,
  maxWallMs: 10 * 60 * 1000,  // host time spent running one workload
});

export function defaultConfig() {
  return {
    go: 19, gogc: 100, memlimit: '', seed: '1', hashkey: '', hash0: '',
    maxOps: PAGE_BUDGETS.maxOps, maxHeapBytes: PAGE_BUDGETS.maxHeapBytes,
    maxOutputBytes: PAGE_BUDGETS.maxOutputBytes, maxWallMs: PAGE_BUDGETS.maxWallMs, sampleEveryOps: 4096,
  };
}
