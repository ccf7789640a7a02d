// The message protocol between the page (main.js) and the simulation worker
// (worker.js). Every message is a plain object with a `type`; both sides
// import these constants so that a typo is a ReferenceError, not silence.
//
// page → worker
//   LOAD     {source: string, config: Config}        check + compile; replies LOADED
//   RUN      {sliceOps: number, delayMs: number}     run in slices of sliceOps instructions (delayMs between slices, 0 = none)
//                                                    until the end, PAUSE or a budget; PROGRESS while running, then ENDED or PAUSED
//   PAUSE    {}                                      stop after the current slice; replies PAUSED
//   STEP     {kind: 'statement'|'mapop'|'evacuation'|'gc'}  one step; replies PROGRESS then STEPPED
//   SPEED    {sliceOps: number, delayMs: number}     change the speed of a running run
//   INSPECT  {mapId: number, first: number, max: number}     replies INSPECTED
//   FILTER   {hideKinds: string[]}                   event kinds PROGRESS leaves out (default: SpanAlloc, SpanFree)
//   PING     {nonce: number}                         liveness probe; replies PONG
//   CRASH    {}                                      test hook: the worker throws outside any handler
//                                                    (the page must restart it and lose nothing)
//   ACK      {}                                      the page has drawn the last PROGRESS (flow control:
//                                                    while running, the worker sends the next one only after it)
//
// worker → page
//   READY    {coreInfo: object}                      the wasm core is instantiated
//   LOADED   {ok: boolean, diagnostics: Diagnostic[]}  Diagnostic = {line, col, message}
//   PROGRESS {state, result, memstats, maps, events, stdout, stderr, samples}
//            state: 'ready'|'running'|'done'|'panicked'|'stopped'
//            result: the core's RunResult {state, stepReached, line, col, error, errorLine, errorCol, ops, mapOps}
//            memstats: {Go MemStats field: number}; maps: MapSummary[]
//            events: {total, skipped, events: [{seq, kind, a: [a0..a3], text}]}: the newest events since the last
//                    PROGRESS (at most 100, hidden kinds left out); skipped = how many older ones were not sent
//            stdout / stderr: text appended since the last PROGRESS
//            samples: {epoch, from, columns: string[], rows: number, data: Float64Array (transferred)}
//                     rows [from, from+rows) of the sample table; epoch changes when the core halved its
//                     resolution: the page then drops what it had (from is 0)
//   STEPPED  {result}                                after a STEP
//   PAUSED   {}                                      after PAUSE
//   ENDED    {result}                                the workload finished, panicked or hit a budget
//   INSPECTED {mapId, snapshot}                      the map's JSON snapshot (classic or swiss)
//   PONG     {nonce}
//   FAILED   {message}                               the worker itself failed (not the workload)
//
// Config = {go: 19|26, gogc: number, memlimit: string, seed: string, hashkey: '', hash0: '',
//           maxOps, maxHeapBytes, maxOutputBytes, maxWallMs, sampleEveryOps}  (the wasm Session's load() config)
export const MSG = Object.freeze({
  LOAD: 'load', RUN: 'run', PAUSE: 'pause', STEP: 'step', SPEED: 'speed', INSPECT: 'inspect', FILTER: 'filter', PING: 'ping', ACK: 'ack',
  CRASH: 'crash',
  READY: 'ready', LOADED: 'loaded', PROGRESS: 'progress', STEPPED: 'stepped', PAUSED: 'paused',
  ENDED: 'ended', INSPECTED: 'inspected', PONG: 'pong', FAILED: 'failed',
});

// The speed menu: instructions per slice, and a pause between slices for the
// speeds meant for watching (a slice takes ~1 ms at 20000 instructions).
export const SPEEDS = Object.freeze({
  slow: { sliceOps: 200, delayMs: 16, label: 'slow', title: 'about 12,000 instructions a second: watch one map operation at a time' },
  watch: { sliceOps: 2000, delayMs: 16, label: 'watch', title: 'about 120,000 instructions a second: watch a map grow' },
  normal: { sliceOps: 20000, delayMs: 0, label: 'normal', title: '20,000 instructions per slice, no pause between slices' },
  fast: { sliceOps: 200000, delayMs: 0, label: 'fast', title: '200,000 instructions per slice: fewer progress batches' },
});

export const STEP_KINDS = Object.freeze(['statement', 'mapop', 'evacuation', 'gc']);

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
