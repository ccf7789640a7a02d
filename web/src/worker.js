// The simulation worker: owns one wasm Session and runs it in slices, so
// the page never blocks and PAUSE is answered between slices. No
// simulation logic here: every figure comes from the core (wasm/bindings.cpp).
import createBucketlab from './wasm-loader.js';  // vite.config.js picks the http or file:// loader
import { MSG } from './protocol.js';
import { selectEvents } from './events.js';

const POST_EVERY_MS = 26;   // progress batches: ~30 a second once the ACK round trip is added
const MAX_EVENTS = 100;     // per batch, after the filter; the log says when it skipped some
const FETCH_EVENTS = 3000;  // read at most this many new events per batch (the newest)

let core = null;
let session = null;
let running = false;
let sliceOps = 20000;
let delayMs = 0;          // a pause between slices (the slow speed), else a zero-delay yield
let delayTimer = null;
let lastPost = 0;
let lastMacroYield = 0;
let sent = { epoch: -1, rows: 0, seq: 0, stdout: 0, stderr: 0 };
let lastResult = null;
let hidden = new Set(['SpanAlloc', 'SpanFree']);  // event kinds the page does not show (FILTER)
let awaitingAck = false;  // a PROGRESS the page has not processed yet: do not pile up more
const ready = createBucketlab().then((m) => {
  core = m;
  post({ type: MSG.READY, coreInfo: JSON.parse(m.coreInfo()) });
}).catch((e) => post({ type: MSG.FAILED, message: `the wasm core failed to start: ${e}` }));

function post(msg, transfer) { self.postMessage(msg, transfer ?? []); }

// A zero-delay yield to the message loop (setTimeout is clamped to 4 ms).
const channel = new MessageChannel();
let tick = null;
channel.port1.onmessage = () => { const f = tick; tick = null; if (f) f(); };
function yieldThen(f) { tick = f; channel.port2.postMessage(0); }

function progress(state) {
  const cols = JSON.parse(session.sampleColumns());
  const epoch = session.sampleEpoch();
  const rows = session.sampleCount();
  let from = sent.rows;
  if (epoch !== sent.epoch || from > rows) from = 0;
  const view = session.samples();  // a view over wasm memory: copy before the next call
  const data = view.slice(from * cols.length, rows * cols.length);
  sent.epoch = epoch;
  sent.rows = rows;
  const ev = newEvents();
  const stdout = session.stdout(sent.stdout);
  sent.stdout += new TextEncoder().encode(stdout).length;
  const stderr = session.stderr(sent.stderr);
  sent.stderr += new TextEncoder().encode(stderr).length;
  post({
    type: MSG.PROGRESS, state, result: lastResult,
    memstats: JSON.parse(session.memstats()), maps: JSON.parse(session.maps()),
    events: ev, stdout, stderr,
    samples: { epoch, from, columns: cols, rows: rows - from, data },
  }, [data.buffer]);
  lastPost = performance.now();
  awaitingAck = true;
}

// The newest events since the last batch (src/events.js says why not all).
function newEvents() {
  const total = JSON.parse(session.events(0, 0)).total;
  const fetched = JSON.parse(session.events(Math.max(sent.seq, total - FETCH_EVENTS), FETCH_EVENTS));
  const { next, batch } = selectEvents(fetched, sent.seq, hidden, MAX_EVENTS);
  sent.seq = next;
  return batch;
}

function runLoop() {
  if (!running || !session) return;
  const r = JSON.parse(session.run(sliceOps));
  lastResult = r;
  if (r.state !== 'ready') {
    running = false;
    progress(r.state);
    post({ type: MSG.ENDED, result: r });
    return;
  }
  if (!awaitingAck && performance.now() - lastPost >= POST_EVERY_MS) progress('running');
  nextSlice();
}

// The next slice after the message loop had its turn (PAUSE is read there):
// a zero-delay yield, every ~8 ms a real macrotask (setTimeout) so queued
// page messages are always handled, or the slow speeds' pause.
function nextSlice() {
  clearTimeout(delayTimer);
  const now = performance.now();
  if (delayMs > 0) delayTimer = setTimeout(runLoop, delayMs);
  else if (now - lastMacroYield >= 8) { lastMacroYield = now; delayTimer = setTimeout(runLoop, 0); }
  else yieldThen(runLoop);
}

self.onmessage = async ({ data: msg }) => {
  await ready;
  if (!core) return;
  try {
    switch (msg.type) {
      case MSG.LOAD: {
        running = false;
        clearTimeout(delayTimer);
        if (session) session.delete();
        session = new core.Session();
        sent = { epoch: -1, rows: 0, seq: 0, stdout: 0, stderr: 0 };
        lastResult = null;
        const r = JSON.parse(session.load(msg.source, msg.config));
        post({ type: MSG.LOADED, ok: r.ok, diagnostics: r.diagnostics ?? [] });
        if (r.ok) progress('ready');
        else { session.delete(); session = null; }
        break;
      }
      case MSG.RUN:
        if (!session) break;
        sliceOps = msg.sliceOps ?? sliceOps;
        delayMs = msg.delayMs ?? delayMs;
        if (!running) { running = true; nextSlice(); }
        break;
      case MSG.SPEED:
        sliceOps = msg.sliceOps ?? sliceOps;
        delayMs = msg.delayMs ?? delayMs;
        break;
      case MSG.PAUSE:
        running = false;
        clearTimeout(delayTimer);
        if (session) progress(lastResult && lastResult.state !== 'ready' ? lastResult.state : 'ready');
        post({ type: MSG.PAUSED });
        break;
      case MSG.STEP: {
        if (!session || running) break;
        const r = JSON.parse(session.step(msg.kind));
        lastResult = r;
        progress(r.state);
        post({ type: MSG.STEPPED, result: r });
        if (r.state !== 'ready') post({ type: MSG.ENDED, result: r });
        break;
      }
      case MSG.INSPECT:
        if (!session) break;
        post({ type: MSG.INSPECTED, mapId: msg.mapId, snapshot: JSON.parse(session.inspectMap(msg.mapId, msg.first ?? 0, msg.max ?? 64)) });
        break;
      case MSG.FILTER:
        hidden = new Set(msg.hideKinds ?? []);
        break;
      case MSG.CRASH:
        setTimeout(() => { throw new Error('crash requested by the page (test hook)'); });
        break;
      case MSG.ACK:
        awaitingAck = false;
        break;
      case MSG.PING:
        post({ type: MSG.PONG, nonce: msg.nonce });
        break;
      default:
        post({ type: MSG.FAILED, message: `unknown message ${msg.type}` });
    }
  } catch (e) {
    running = false;
    post({ type: MSG.FAILED, message: String(e && e.message ? e.message : e) });
  }
};
