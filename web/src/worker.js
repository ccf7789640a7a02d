// The simulation worker: owns one wasm Session and runs it in slices, so
// the page never blocks and PAUSE is answered between slices. No
// simulation logic here: every figure comes from the core (wasm/bindings.cpp).
import createBucketlab from './wasm-loader.js';  // vite.config.js picks the split or the single-file module
import { MSG, POST_EVERY_MS, MAX_EVENTS_PER_BATCH, FETCH_EVENTS, HIDDEN_EVENT_KINDS } from './protocol.js';
import { Pacer } from './pacing.js';
import { nextBatch } from './samples.js';
import { selectEvents } from './events.js';
import { heatHeader, wantsDetail, DETAIL_MAX_BUCKETS, DETAIL_MAX_GROUPS } from './mapview-layout.js';
import { heapReply, mapViewAtReply } from './worker-heap.js';

let core = null;
let session = null;
let gen = 0;               // the page's generation of the current session
let running = false;
let loop = 0;              // identifies the current run loop: a stale timer of an earlier run does nothing
let pacer = new Pacer(0, 0);
let lastPost = 0;
let sent = null;           // what the page already has (samples, events, output)
let lastResult = null;
let changes = 0;           // counts run slices, steps and loads: MAPVIEWED replies with equal counts show the same state
let awaitingAck = false;   // a PROGRESS the page has not taken yet: do not pile up more
let lastMacroYield = 0;
let hidden = new Set(HIDDEN_EVENT_KINDS);  // event kinds PROGRESS leaves out (FILTER)
const encoder = new TextEncoder();
const MACRO_YIELD_MS = 30;  // at most this long between macrotask yields (slices are ~8 ms)

const ready = createBucketlab().then((m) => {
  core = m;
  post({ type: MSG.READY, coreInfo: JSON.parse(m.coreInfo()) });
}).catch((e) => post({ type: MSG.FAILED, message: `the wasm core failed to start: ${e}` }));

function post(msg, transfer) { self.postMessage(msg, transfer ?? []); }

// A zero-delay yield to the message loop (setTimeout is clamped to 4 ms).
const channel = new MessageChannel();
const queued = [];
channel.port1.onmessage = () => { const f = queued.shift(); if (f) f(); };
function yieldThen(f) { queued.push(f); channel.port2.postMessage(0); }

function progress(state) {
  const cols = JSON.parse(session.sampleColumns());
  const view = session.samples();  // a view over wasm memory: copy (slice) before the next call
  const b = nextBatch(sent, { epoch: session.sampleEpoch(), rows: session.sampleCount(), width: cols.length });
  const data = view.slice(b.from * cols.length, (b.from + b.rows) * cols.length);
  // Events: the newest MAX_EVENTS_PER_BATCH of the kinds the page shows (a
  // window of FETCH_EVENTS read); older ones are skipped and counted (events.js).
  const total = JSON.parse(session.events(0, 0)).total;
  const fetched = JSON.parse(session.events(Math.max(sent.seq, total - FETCH_EVENTS), FETCH_EVENTS));
  const { next, batch: ev } = selectEvents(fetched, sent.seq, hidden, MAX_EVENTS_PER_BATCH);
  sent.seq = next;
  const stdout = session.stdout(sent.stdout);
  sent.stdout += encoder.encode(stdout).length;
  const stderr = session.stderr(sent.stderr);
  sent.stderr += encoder.encode(stderr).length;
  post({
    type: MSG.PROGRESS, gen, state, result: lastResult,
    memstats: JSON.parse(session.memstats()), maps: JSON.parse(session.maps()),
    modelled: JSON.parse(session.modelled()),
    events: ev, stdout, stderr,
    samples: { epoch: b.epoch, from: b.from, columns: cols, rows: b.rows, data },
  }, [data.buffer]);
  lastPost = performance.now();
  awaitingAck = true;
}

function startLoop() {
  running = true;
  const id = ++loop;
  pacer.setRate(pacer.rate, performance.now());
  const tick = () => {
    if (!running || id !== loop || !session) return;
    const t = performance.now();
    const { ops, waitMs } = pacer.next(t);
    if (waitMs > 0) {
      if (!awaitingAck && t - lastPost >= POST_EVERY_MS) progress('running');
      setTimeout(tick, Math.min(waitMs, POST_EVERY_MS));
      return;
    }
    const before = lastResult ? lastResult.ops : 0;
    const r = JSON.parse(session.run(ops));
    changes++;
    pacer.record(r.ops - before, ops, performance.now() - t);
    lastResult = r;
    if (r.state !== 'ready') {
      running = false;
      progress(r.state);
      post({ type: MSG.ENDED, gen, result: r });
      return;
    }
    if (!awaitingAck && performance.now() - lastPost >= POST_EVERY_MS) progress('running');
    // Between slices a zero-delay yield (MessageChannel); now and then a real
    // macrotask (setTimeout), so queued page messages such as PAUSE are never
    // starved by the channel's messages.
    const now = performance.now();
    if (now - lastMacroYield >= MACRO_YIELD_MS) { lastMacroYield = now; setTimeout(tick, 0); } else yieldThen(tick);
  };
  yieldThen(tick);
}

function stateOf(r) { return r && r.state !== 'ready' ? r.state : 'ready'; }

self.onmessage = async ({ data: msg }) => {
  await ready;
  if (!core) return;
  try {
    switch (msg.type) {
      case MSG.LOAD: {
        running = false;
        if (session) session.delete();
        session = new core.Session();
        gen = msg.gen;
        sent = { epoch: -1, rows: 0, seq: 0, stdout: 0, stderr: 0 };
        lastResult = null;
        awaitingAck = false;
        const r = JSON.parse(session.load(msg.source, msg.config));
        changes++;
        post({ type: MSG.LOADED, gen, ok: r.ok, diagnostics: r.diagnostics ?? [] });
        if (r.ok) progress('ready');
        else { session.delete(); session = null; }
        break;
      }
      case MSG.RUN:
        if (!session) break;
        pacer.setRate(msg.speed?.opsPerSec ?? 0, performance.now());
        if (!running && stateOf(lastResult) === 'ready') startLoop();
        break;
      case MSG.SPEED:
        pacer.setRate(msg.speed?.opsPerSec ?? 0, performance.now());
        break;
      case MSG.PAUSE:
        running = false;
        if (session) progress(stateOf(lastResult));
        post({ type: MSG.PAUSED, gen });
        break;
      case MSG.STEP: {
        if (!session || running) break;
        const r = JSON.parse(session.step(msg.kind));
        changes++;
        lastResult = r;
        progress(stateOf(r));
        post({ type: MSG.STEPPED, gen, kind: msg.kind, result: r });
        if (r.state !== 'ready') post({ type: MSG.ENDED, gen, result: r });
        break;
      }
      case MSG.INSPECT:
        if (!session) break;
        post({ type: MSG.INSPECTED, gen, mapId: msg.mapId, snapshot: JSON.parse(session.inspectMap(msg.mapId, msg.first ?? 0, msg.max ?? 64)) });
        break;
      case MSG.MAPVIEW: {
        if (!session) break;
        if (msg.at !== null && msg.at !== undefined) {  // scrubbed: the nearest retained snapshot
          const r = mapViewAtReply(session, msg.mapId, msg.at);
          post({ type: MSG.MAPVIEWED, gen, ...r.msg }, r.transfer);
          break;
        }
        const heat = session.mapHeat(msg.mapId).slice();  // copy out of wasm memory
        const h = heatHeader(heat);
        // the slot grid: every bucket / group as typed array, key text per slot on demand (SLOT)
        const flat = wantsDetail(h) ? session.mapFlat(msg.mapId, 0, h.swiss ? DETAIL_MAX_GROUPS : DETAIL_MAX_BUCKETS).slice() : null;
        const evac = h && !h.swiss ? JSON.parse(session.lastEvacuation(msg.mapId)) : null;
        post({ type: MSG.MAPVIEWED, gen, changes, mapId: msg.mapId, heat, flat, evac, error: h ? undefined : 'no such map (collected?)' }, flat ? [heat.buffer, flat.buffer] : [heat.buffer]);
        break;
      }
      case MSG.SLOT:
        if (session) post({ type: MSG.SLOT_TEXT, gen, mapId: msg.mapId, ref: msg.ref, slot: JSON.parse(session.inspectSlot(msg.mapId, ...msg.ref)) });
        break;
      case MSG.HEAP:
        if (session) { const r = heapReply(session, msg.at); post({ type: MSG.HEAP_DATA, gen, ...r.msg }, r.transfer); }
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
