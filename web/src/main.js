// The playground page: editor, controls, counters, charts, event log, share
// links. It only talks to the worker (protocol.js) and draws what the core
// reports; no simulation logic lives here.
import './style.css';
import createWorker from './worker-factory.js';
import { MSG, HIDDEN_EVENT_KINDS, SPEEDS, DEFAULT_SPEED, defaultConfig } from './protocol.js';
import { Watchdog } from './watchdog.js';
import { takeBatchesNow } from './batching.js';
import { createEditor } from './editor.js';
import { Charts } from './charts.js';
import { MapSeries } from './map-series.js';
import { SampleTable } from './samples.js';
import { encodeLink, decodeLink } from './share.js';
import { PRESETS } from './presets.js';
import { showModelled } from './modelled.js';
import { MEMSTATS_FIELDS, MEMSTATS_DOC, formatNumber } from './memstats-fields.js';
import { memlimitBytes, seedOk } from './settings.js';
import { renderInspection } from './inspector.js';
import { OpsClock } from './time-axis.js';
import { ComparePanel } from './compare.js';
import { Classroom } from './classroom.js';
import { encodeCompareLink } from './share.js';
import { MapView, linkMapOpRow } from './mapview.js';
import { HeapView, HeapController } from './heap-view.js';
import { TimelineView, markCharts } from './timeline-view.js';
import { rowCounters, snapshotLabel } from './timeline.js';
import { setupExport } from './export-view.js';

const $ = (id) => document.getElementById(id);
const STORE_KEY = 'bucketlab.v1.workspace';
const MAX_EVENT_ROWS = 1000;
// Deadlines on the worker (watchdog.js). A running worker posts PROGRESS
// at most every 16 ms; a step is one wasm call that cannot be paused, so a step
// that runs away (Step GC in a loop that allocates nothing) is cut off.
const PAUSE_DEADLINE_MS = 1000;
const RUN_SILENCE_MS = 4000;
const STEP_DEADLINE_MS = 15000;
const LOAD_DEADLINE_MS = 15000;

// ---------------------------------------------------------------- state
const table = new SampleTable();
const mapSeries = new MapSeries();  // every live map's shape over time (map-series.js)
const opsClock = new OpsClock();     // each batch's (ops, simulated time): the map chart's x on the time axis
let nowPoint = null;     // {ops, ns, memstats} of the latest batch: where the charts' lines end
let gcMarks = [];
let memAtLastGc = null, lastNumGc = 0;
let worker = null, workerReady = false;
let gen = 0;              // generation of the session the page asked for last (protocol.js)
let loaded = false;       // the worker holds a session of the current source+config
let hasSession = false;   // the worker holds a session (maybe of an earlier source): it can be inspected
let mode = 'idle';        // 'idle' | 'running' | 'stepping' | 'loading'
let ended = false;
let dirty = true;         // charts need a redraw
let pending = null;       // what to do once LOADED arrives
let notice = null;        // an error-panel message to show once the restarted worker has reloaded
let pauseAsked = 0, lastPauseMs = null;  // how long Pause took to be answered (shown to tests)
let lastResetMs = null;  // how long Reset took until the fresh session was loaded (shown to tests)
let restarts = 0;
// PROGRESS batches taken, chart redraws made, animation frames seen, time spent (shown to tests)
const perf = { progress: 0, frames: 0, raf: 0, drawMs: 0, takeMs: 0 };
const watchdog = new Watchdog(onDeadline);


// ---------------------------------------------------------------- editor + settings
const saved = readSaved();
const editor = createEditor($('editor'), {
  doc: saved?.source ?? PRESETS[0]?.source ?? '',
  onChange: () => edited(),
  keys: [
    { key: 'Mod-Enter', run: () => { run(); return true; } },
  ],
});
for (const p of PRESETS) {
  const o = document.createElement('option');
  o.value = p.name;
  o.textContent = `${p.name} — ${p.title}`;
  $('preset').append(o);
}
const custom = document.createElement('option');
custom.value = '';
custom.textContent = '(your code)';
$('preset').append(custom);
$('preset').value = saved?.preset ?? PRESETS[0]?.name ?? '';
for (const sp of SPEEDS) {
  const o = document.createElement('option');
  o.value = sp.id;
  o.textContent = sp.label;
  $('speed').append(o);
}
$('speed').value = SPEEDS.some((sp) => sp.id === saved?.speed) ? saved.speed : DEFAULT_SPEED;
applyConfig(saved?.config ?? {});
showLook();

function readSaved() {
  try { return JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null'); } catch { return null; }
}
let saveTimer = null;
function autosave() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, 300);
}
function saveNow() {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({ source: editor.text, config: currentConfig(), preset: $('preset').value, speed: $('speed').value }));
  } catch { /* storage full or disabled: nothing to do */ }
}
window.addEventListener('beforeunload', saveNow);

function currentSpeed() {
  const sp = SPEEDS.find((x) => x.id === $('speed').value) ?? SPEEDS[SPEEDS.length - 1];
  return { opsPerSec: sp.opsPerSec };
}
function currentConfig() {
  const c = defaultConfig();
  c.go = Number($('go').value);
  const g = Number.parseInt($('gogc').value, 10);
  c.gogc = Number.isFinite(g) ? g : 100;
  c.memlimit = $('memlimit').value.trim();
  c.seed = $('seed').value.trim() || '1';
  return c;
}
// What the core's load() takes: GOMEMLIMIT in decimal bytes. null (and
// the message in the error panel, the field marked) when a setting is malformed.
function coreConfig() {
  const c = currentConfig();
  const ml = memlimitBytes(c.memlimit);
  $('memlimit').setAttribute('aria-invalid', String(!ml.ok));
  $('seed').setAttribute('aria-invalid', String(!seedOk(c.seed)));
  if (!ml.ok) { showError(ml.error); return null; }
  if (!seedOk(c.seed)) { showError(`Seed ${c.seed} is not a decimal uint64.`); return null; }
  c.memlimit = ml.bytes;
  return c;
}
function applyConfig(c) {
  if (c.go !== undefined) $('go').value = String(c.go);
  if (c.gogc !== undefined) $('gogc').value = String(c.gogc);
  if (c.memlimit !== undefined) $('memlimit').value = c.memlimit;
  if (c.seed !== undefined) $('seed').value = c.seed;
}
for (const id of ['go', 'gogc', 'memlimit', 'seed']) $(id).addEventListener('change', () => edited());
let restoring = false;    // openLink is filling the editor and settings in
function edited() {
  invalidate();
  const p = PRESETS.find((x) => x.name === $('preset').value);
  if (p && p.source !== editor.text) { $('preset').value = ''; showLook(); }  // edited: no longer the preset
  if (!restoring) dropStaleLink();
  autosave();
}
$('preset').addEventListener('change', () => {
  const p = PRESETS.find((x) => x.name === $('preset').value);
  if (p) editor.text = p.source;
  $('preset').value = p ? p.name : '';
  showLook();
  autosave();
});
function showLook() {
  const p = PRESETS.find((x) => x.name === $('preset').value);
  $('look').textContent = p ? `What to look for: ${p.look}` : '';
}

// ---------------------------------------------------------------- counters, maps, events, output
// Rows appear for the fields the core reports, in MEMSTATS_FIELDS order
// (then any field the page has no note for, so a newer core shows up too).
const counterCells = {};
function counterRow(name) {
  if (counterCells[name]) return counterCells[name];
  const doc = MEMSTATS_DOC[name] ?? `runtime.MemStats.${name}`;
  const tr = document.createElement('tr');
  const th = document.createElement('th');
  th.textContent = name;
  th.title = doc;
  th.scope = 'row';
  const td = document.createElement('td');
  td.setAttribute('data-testid', `counter-${name}`);
  td.title = doc;
  const dd = document.createElement('td');
  dd.className = 'delta';
  tr.append(th, td, dd);
  const order = (n) => { const i = MEMSTATS_FIELDS.findIndex(([f]) => f === n); return i < 0 ? 1e9 : i; };
  const after = Object.keys(counterCells).filter((n) => order(n) > order(name)).sort((a, b) => order(a) - order(b))[0];
  $('counters').insertBefore(tr, after ? counterCells[after].tr : null);
  counterCells[name] = { tr, td, dd };
  return counterCells[name];
}
for (const [name] of MEMSTATS_FIELDS.filter(([, , always]) => always)) counterRow(name);
// "Δ since last GC": against the sample row the core took as the last
// cycle ended (reason 2), exact for the sampled fields; other fields (and
// a table without that row) against the first snapshot after NumGC changed.
function showMemstats(ms) {
  if (ms.NumGC !== lastNumGc || !memAtLastGc) {
    memAtLastGc = { ...ms };
    lastNumGc = ms.NumGC;
    const row = ms.NumGC > 0 ? table.findLast('reason', 2) : 0;
    if (row >= 0 && table.rows && table.value(row, 'NumGC') === ms.NumGC) {
      for (const c of table.columns) if (c in ms) memAtLastGc[c] = table.value(row, c);
    }
  }
  for (const name of Object.keys(ms)) {
    if (name === 'Alloc') continue;  // the same number as HeapAlloc
    const v = ms[name];
    const c = counterRow(name);
    setText(c.td, String(v));
    const d = v - (memAtLastGc[name] ?? v);
    setText(c.dd, d ? (d > 0 ? '+' : '') + formatNumber(d) : '');
  }
}
// Writes only on change: an unchanged cell costs no layout.
function setText(el, t) { if (el.textContent !== t) el.textContent = t; }
function clearMemstats() {
  for (const c of Object.values(counterCells)) { c.td.textContent = ''; c.dd.textContent = ''; }
}
// The maps table is updated in place (rebuilt only when the number of rows
// changes): a rebuild per batch re-laid out the page each time.
const MAX_MAP_ROWS = 12;
let lastMaps = [];
function showMaps(maps, x) {
  lastMaps = maps;
  const tb = $('maps');
  const rows = maps.slice(0, MAX_MAP_ROWS).map((m) => {
    const shape = m.impl === 'swiss'
      ? (m.dir_len ? `${m.tables} table(s), dir ${m.dir_len}, cap ${m.capacity}, tombstones ${m.tombstones}` : 'small (1 group)')
      : `B=${m.B} (${m.buckets} buckets), noverflow ${m.noverflow}`;
    return [m.name, m.impl, m.alive ? String(m.count) : 'collected', m.alive ? shape : '', m.growing ? `yes (nevacuate ${m.nevacuate})` : 'no'];
  });
  if (maps.length > MAX_MAP_ROWS) rows.push([`… and ${maps.length - MAX_MAP_ROWS} more`, '', '', '', '']);
  if (tb.rows.length !== rows.length) {
    tb.replaceChildren(...rows.map(() => {
      const tr = document.createElement('tr');
      for (let i = 0; i < 5; i++) tr.append(document.createElement('td'));
      return tr;
    }));
    if (rows.length) tb.rows[0].cells[4].setAttribute('data-testid', 'map-growing');
  }
  rows.forEach((cells, r) => cells.forEach((c, i) => {
    const td = tb.rows[r].cells[i];
    if (td.textContent !== c) td.textContent = c;
  }));
  updateInspectChoices(maps);
  if (x !== undefined) mapSeries.add(x, maps);
}
// The map chart follows the map chosen for the inspector (the first live map
// until another is chosen).
function chartedMap() {
  const v = $('inspect-map').value;
  const m = lastMaps.find((x) => String(x.id) === v) ?? lastMaps.find((x) => x.alive);
  const s = m ? { ...mapSeries.get(m.id), name: m.name } : { ...mapSeries.get(-1), name: '' };
  return charts.xcol === 'ops' ? s : onTimeAxis(s);
}
// The map series is kept by ops: translate its x to simulated time (exact: each point is a batch's).
function onTimeAxis(s) {
  const t = opsClock.toTime(s.x);
  const keep = t.map((v) => v !== null);
  const out = { ...s, x: t.filter((_, i) => keep[i]) };
  for (const l of s.labels) out[l] = (s[l] ?? []).filter((_, i) => keep[i]);
  return out;
}
// ---------------------------------------------------------------- inspector
// The selected map's buckets (classic) or groups (Swiss), fetched with
// INSPECT whenever the run stops (pause, step, end) and on a new choice;
// not while running (a snapshot per batch would cost more than it shows).
const INSPECT_BUCKETS = 64, INSPECT_TABLES = 4;
let mapNames = '';
function updateInspectChoices(maps) {
  const names = maps.map((m) => `${m.id}:${m.name}:${m.alive}`).join();
  if (names === mapNames) return;
  mapNames = names;
  const sel = $('inspect-map');
  const keep = sel.value;
  sel.replaceChildren(...maps.filter((m) => m.alive).map((m) => {
    const o = document.createElement('option');
    o.value = String(m.id);
    o.textContent = `${m.name} (${m.type}, ${m.impl})`;
    return o;
  }));
  if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
}
function inspect() {
  const sel = $('inspect-map');
  if (!$('inspector-panel').open || !hasSession || mode !== 'idle') return;
  if (sel.value === '') { renderInspection($('inspector'), null, ''); mapView.clear(); return; }
  send({ type: MSG.INSPECT, mapId: Number(sel.value), first: 0, max: sel.selectedOptions[0]?.textContent.includes('swiss') ? INSPECT_TABLES : INSPECT_BUCKETS });
  mapView.request(Number(sel.value));
}
const mapView = new MapView($('mapview'), { request: (mapId, at) => send({ type: MSG.MAPVIEW, mapId, at }), requestSlot: (mapId, ref) => send({ type: MSG.SLOT, mapId, ref }), snapshotLabel: (snap) => snapshotLabel(snap, table) });
function showKey(row) {
  const sel = $('inspect-map');
  if (sel.value !== row.dataset.map && [...sel.options].some((o) => o.value === row.dataset.map)) { sel.value = row.dataset.map; inspect(); }
  mapView.highlight(Number(row.dataset.map), row.dataset.hash);
}
$('events').addEventListener('click', (e) => { const r = e.target.closest('[data-hash]'); if (r) showKey(r); });
$('events').addEventListener('keydown', (e) => { const r = e.target.closest('[data-hash]'); if (r && e.key === 'Enter') { e.preventDefault(); showKey(r); } });
$('inspect-map').addEventListener('change', () => { inspect(); dirty = true; });
$('inspector-panel').addEventListener('toggle', inspect);

// The log is a bounded list, newest last. Rows go in as one fragment per
// batch and the scroll to the bottom waits for the next frame: reading
// scrollHeight after every batch forced a layout each time (~80 µs/event).
let scrollEvents = false, scrollOutput = false;
// Rows are plain divs (an <ol> renumbered its items on every trim) that
// the browser skips rendering while scrolled out of view (style.css).
function eventRow(text, cls, seq) {
  const row = document.createElement('div');
  row.className = `ev ${cls}`;
  if (seq !== undefined) {
    const n = document.createElement('span');
    n.className = 'seq';
    n.textContent = String(seq + 1);
    row.append(n);
  }
  row.append(text);  // a text node: never HTML
  return row;
}
// While running, a frame appends at most this many rows (the newest; the
// rest are counted in the "not shown" line): a batch of 500 rows inserted
// and 500 removed cost more style and layout than the frame has.
const MAX_EVENT_ROWS_PER_FRAME = 100;
function addEvents(ev, running) {
  const list = $('events');
  // span events are many and rarely the story: the worker leaves them out unless asked (FILTER)
  const shown = ev.events;
  const keep = shown.slice(-(running ? MAX_EVENT_ROWS_PER_FRAME : MAX_EVENT_ROWS));
  const skipped = (ev.skipped ?? 0) + (shown.length - keep.length);
  if (!keep.length && !skipped) return;
  const frag = document.createDocumentFragment();
  if (skipped > 0) frag.append(eventRow(`… ${formatNumber(skipped)} events not shown (the log keeps up with the newest) …`, 'ev-skipped'));
  for (const e of keep) {
    const row = eventRow(e.text, `ev-${e.kind}`, e.seq);
    linkMapOpRow(row, e);  // "step map op" rows point at the key's slot
    frag.append(row);
  }
  list.append(frag);
  for (let n = list.childElementCount - MAX_EVENT_ROWS; n > 0; n--) list.firstElementChild.remove();
  scrollEvents = true;
}
// Output: appended as text nodes (never HTML; and `textContent +=` would copy
// the whole output at every batch), trimmed to the newest OUTPUT_KEEP chars.
const OUTPUT_MAX = 200000, OUTPUT_KEEP = 150000;
let outputChars = 0;
function addOutput(text) {
  if (!text) return;
  const out = $('output');
  out.append(text);
  outputChars += text.length;
  if (outputChars > OUTPUT_MAX) {
    out.textContent = out.textContent.slice(-OUTPUT_KEEP);
    outputChars = OUTPUT_KEEP;
  }
  scrollOutput = true;
}
// The log and the output follow their newest line unless the reader
// scrolled up to read (then they stay put until scrolled back down).
const scrolledUp = new WeakMap();
for (const id of ['events', 'output']) {
  $(id).addEventListener('scroll', (e) => {
    const el = e.target;
    scrolledUp.set(el, el.scrollHeight - el.scrollTop - el.clientHeight > 40);
  }, { passive: true });
}
function follow(el) { if (!scrolledUp.get(el)) el.scrollTop = el.scrollHeight; }

// ---------------------------------------------------------------- charts
const charts = new Charts($('charts'), () => gcMarks);
// Order inside a frame: first the reads and canvas draws, against the
// style and layout the last frame left clean (uPlot setting a canvas font
// or the log's scrollHeight would otherwise force a style and layout pass),
// then the batch's DOM writes, laid out once by the frame itself. The
// charts and the scroll thus trail the DOM by one frame.
function redraw() {
  if (dirty) {
    dirty = false;
    gcMarks = [];
    if (table.rows) {
      const r = table.column('reason'), x = table.column(charts.xcol);
      for (let i = 0; i < r.length; i++) if (r[i] === 2) gcMarks.push(x[i]);
    }
    const t = performance.now();
    charts.update(table, chartedMap(), nowPoint);
    if (!timeline.live) markCharts(charts, scrubX());
    perf.drawMs += performance.now() - t;
    perf.frames++;
  }
  // the lists scroll, not the page
  if (scrollEvents) { scrollEvents = false; follow($('events')); }
  if (scrollOutput) { scrollOutput = false; follow($('output')); }
  // while running, take a batch at most every BATCH_EVERY_MS: the frames in
  // between change nothing and cost next to nothing, so the page keeps its
  // frame rate for scrolling and hovering (the worker meanwhile gathers a
  // bigger batch); a last batch (paused, ended) goes at once
  const now = performance.now();
  if (takeBatchesNow(queuedBatches, now, lastFlush)) {
    lastFlush = now;
    flushProgress();
  }
  perf.raf++;
  requestAnimationFrame(redraw);  // at most one redraw per frame, only when new data came
}
requestAnimationFrame(redraw);

// ---------------------------------------------------------------- worker
function startWorker() {
  workerReady = false;
  loaded = false;
  hasSession = false;
  worker = createWorker();
  worker.onmessage = ({ data }) => onWorker(data);
  worker.onerror = (e) => {
    e.preventDefault?.();
    // a worker that never got ready would fail again: say so instead of looping
    if (!workerReady) { showError(`The simulation worker failed to start (${e.message ?? 'unknown error'}); reload the page to try again.`); return; }
    restartWorker(`The simulation worker crashed (${e.message ?? 'unknown error'}).`);
  };
}
// Terminates the worker (a wasm call cannot be interrupted any other way),
// starts a new one and reloads the source; `why` goes to the error panel.
function restartWorker(why) {
  watchdog.disarm();
  try { worker?.terminate(); } catch { /* already gone */ }
  dropQueuedProgress();
  restarts++;
  mode = 'idle';
  pending = null;
  notice = `${why} The worker was stopped and restarted, and your code reloaded from the start: press Run or a step to go again.`;
  showError(notice);
  status('Restarting the simulation worker…');
  startWorker();
  setButtons();
}
function onDeadline(what, ms) {
  const s = (ms / 1000).toFixed(ms % 1000 ? 1 : 0);
  const why = {
    pause: `The worker did not answer Pause within ${s} s (it was inside one long step).`,
    step: `The step ran ${s} s without reaching its boundary (the workload may never get there).`,
    run: `The worker went silent for ${s} s while running.`,
    load: `The worker took more than ${s} s to check and compile the workload.`,
  }[what] ?? `The worker did not answer within ${s} s.`;
  restartWorker(why);
}
function send(msg) { worker.postMessage(msg); }
// Which event kinds the worker leaves out of its batches (the checkbox).
function sendFilter() {
  if (worker && workerReady) send({ type: MSG.FILTER, hideKinds: $('show-spans').checked ? [] : [...HIDDEN_EVENT_KINDS] });
}
$('show-spans').addEventListener('change', sendFilter);

// PROGRESS batches are applied in the next animation frame, not as they
// arrive, and ACKed only then: the worker (which posts the next batch only
// after the ACK) thus sends at most one batch per frame the page actually
// draws, and a slow frame gets a bigger batch instead of a queue of them.
// A timer stands in for rAF when the page gets no frames (hidden tab), so
// the run never stalls; any other message first applies what is queued, so
// the order of effects is the worker's.
const PROGRESS_FALLBACK_MS = 250;
let queuedBatches = [], flushTimer = null, lastFlush = -Infinity;
function queueProgress(m) {
  queuedBatches.push(m);
  flushTimer ??= setTimeout(flushProgress, PROGRESS_FALLBACK_MS);
}
function flushProgress() {
  if (flushTimer !== null) { clearTimeout(flushTimer); flushTimer = null; }
  if (!queuedBatches.length) return;
  const batches = queuedBatches;
  queuedBatches = [];
  send({ type: MSG.ACK });  // ACK even stale ones: the worker waits for it
  for (const m of batches) if (m.gen === undefined || m.gen === gen) applyProgress(m);
}
function dropQueuedProgress() {
  if (flushTimer !== null) { clearTimeout(flushTimer); flushTimer = null; }
  queuedBatches = [];
}
const REPLIES = new Set([MSG.HEAP_DATA, MSG.MAPVIEWED, MSG.INSPECTED, MSG.PONG, MSG.SLOT_TEXT]);
function onWorker(m) {
  if (m.type === MSG.PROGRESS) {
    if (m.gen === undefined || m.gen === gen) watchdog.feed();
    queueProgress(m);
    return;
  }
  // batches before whatever followed them; not before the replies that do
  // not depend on them (their views read layout, which the batch would dirty)
  if (!REPLIES.has(m.type)) flushProgress();
  if (m.gen !== undefined && m.gen !== gen) return;  // about a session the page has replaced
  watchdog.feed();
  switch (m.type) {
    case MSG.READY:
      workerReady = true;
      sendFilter();
      if (notice) {
        // a restarted worker: reload the source so that Run/Step start from the beginning
        const n = notice;
        ensureLoaded(() => { showError(n); status('Reloaded after a restart: ready to run.'); }, true);
        notice = null;
      } else {
        status(linkLoaded ? 'Loaded from a share link — press Run to reproduce the run.'
          : `Ready. Go 1.19 buckets or Go 1.24+ Swiss tables; ${PRESETS.length} presets.`);
      }
      setButtons();
      break;
    case MSG.LOADED:
      watchdog.disarm();
      if (mode === 'loading') mode = 'idle';
      if (!m.ok) {
        loaded = false;
        hasSession = false;
        pending = null;
        editor.mark(m.diagnostics);
        showError(m.diagnostics.map((d) => d.message).join('\n'), m.diagnostics.find((d) => d.line >= 1));
        status('The workload does not compile.');
      } else {
        loaded = true;
        hasSession = true;
        editor.mark([]);
        const p = pending;
        pending = null;
        if (p) p();
      }
      setButtons();
      break;
    case MSG.STEPPED: {
      watchdog.disarm();
      if (mode === 'stepping') mode = 'idle';
      const r = m.result;
      classroom.stepped(m.kind, r);
      if (r.state === 'ready' && !r.stepReached) status('The step ended without reaching its boundary.');
      else if (r.state === 'ready' && m.kind === 'evacuation') {
        // the contrast the two implementations make
        status(currentConfig().go === 26
          ? `Stopped after a table grow or split (line ${r.line}): a Swiss table is rebuilt all at once inside one insert.`
          : `Stopped after a bucket evacuation (line ${r.line}): a bucket map moves to its new array a bucket or two per write.`);
      } else if (r.state === 'ready' && m.kind === 'gc') {
        status(`Stopped after GC cycle #${lastNumGc} ended (line ${r.line}) · ${formatNumber(r.ops)} ops.`);
      }
      setButtons();
      if (r.state === 'ready') inspect();
      break;
    }
    case MSG.PAUSED:
      watchdog.disarm();
      if (pauseAsked) { lastPauseMs = performance.now() - pauseAsked; pauseAsked = 0; }
      if (mode === 'running') mode = 'idle';
      setButtons();
      inspect();
      break;
    case MSG.ENDED:
      watchdog.disarm();
      mode = 'idle';
      ended = true;
      finished(m.result);
      setButtons();
      inspect();
      break;
    case MSG.INSPECTED:
      if (String(m.mapId) === $('inspect-map').value) renderInspection($('inspector'), m.snapshot, $('inspect-map').selectedOptions[0]?.textContent ?? '');
      break;
    case MSG.MAPVIEWED:
      if (String(m.mapId) === $('inspect-map').value) mapView.show(m, $('inspect-map').selectedOptions[0]?.textContent ?? '');
      break;
    case MSG.SLOT_TEXT:
      mapView.slotArrived(m);
      break;
    case MSG.HEAP_DATA:
      heapCtl.onData(m);
      break;
    case MSG.FAILED:
      watchdog.disarm();
      showError(`The simulation worker failed: ${m.message}`);
      mode = 'idle';
      loaded = false;  // the session may be in any state: load it again next time
      setButtons();
      break;
    default:
      break;
  }
}

function applyProgress(m) {
  const t = performance.now();
  if (!table.apply(m.samples)) table.reset();  // a gap (cannot happen with one worker): start over
  latestMemstats = m.memstats;
  if (timeline.live) showMemstats(m.memstats);
  timeline.update();
  batchState = m.state;
  heapCtl.onProgress(m.state);
  showModelled($('modelled'), m.modelled);
  nowPoint = m.result ? { ops: m.result.ops, ns: m.modelled?.nanotime, memstats: m.memstats } : null;
  opsClock.record(m.result?.ops ?? table.last('ops') ?? 0, m.modelled?.nanotime);
  showMaps(m.maps, m.result?.ops ?? table.last('ops') ?? 0);
  addEvents(m.events, m.state === 'running');
  classroom.progress(m.maps, m.events.events);
  addOutput(m.stdout);
  addOutput(m.stderr);
  editor.showCurrent(m.state === 'ready' && m.result ? m.result.line : 0);
  if (m.state === 'running' && m.result) status(`Running… ${formatNumber(m.result.ops)} ops, ${formatNumber(m.result.mapOps)} map ops`);
  else if (m.state === 'ready' && m.result) status(`Paused at line ${m.result.line}:${m.result.col} · ${formatNumber(m.result.ops)} ops, ${formatNumber(m.result.mapOps)} map ops`);
  dirty = true;
  perf.progress++;
  perf.takeMs += performance.now() - t;
}

function finished(r) {
  if (r.state === 'done') {
    status(`Done · ${formatNumber(r.ops)} ops, ${formatNumber(r.mapOps)} map ops.`);
    return;
  }
  const where = r.errorLine ? ` (line ${r.errorLine}:${r.errorCol})` : '';
  showError(`${r.error}${where}`, r.errorLine ? { line: r.errorLine, col: r.errorCol } : null);
  if (r.errorLine) editor.mark([{ line: r.errorLine, col: r.errorCol, message: r.error }]);
  status(r.state === 'panicked' ? 'The workload panicked.' : 'Stopped by a budget.');
}

// Loads the current source+config into a fresh session, then calls then().
function ensureLoaded(then, force = false) {
  if (!workerReady) return;
  if (loaded && !ended && !force) { then(); return; }
  resetView();
  const config = coreConfig();
  if (!config) { status('Fix the setting to run.'); return; }
  pending = then;
  mode = 'loading';
  gen++;
  watchdog.arm(LOAD_DEADLINE_MS, 'load');
  send({ type: MSG.LOAD, gen, source: editor.text, config });
  setButtons();
}
function invalidate() { loaded = false; }
function resetView() {
  table.reset();
  mapSeries.reset();
  opsClock.reset();
  classroom.reset();
  lastMaps = [];
  nowPoint = null;
  memAtLastGc = null;
  lastNumGc = 0;
  ended = false;
  clearMemstats();
  $('modelled').replaceChildren();
  $('maps').replaceChildren();
  $('inspect-map').replaceChildren();
  mapNames = '';
  $('inspector').replaceChildren();
  mapView.reset();
  $('events').replaceChildren();
  $('output').textContent = '';
  outputChars = 0;
  latestMemstats = null;
  timeline.reset();
  heapCtl.reset();
  markCharts(charts, null);
  hideError();
  editor.mark([]);
  editor.showCurrent(0);
  dirty = true;
}

// ---------------------------------------------------------------- controls
function run() {
  if (mode !== 'idle') return;
  ensureLoaded(() => {
    mode = 'running';
    setButtons();
    status('Running…');
    watchdog.arm(RUN_SILENCE_MS, 'run');
    send({ type: MSG.RUN, speed: currentSpeed() });
  });
}
function pause() {
  if (mode !== 'running' && mode !== 'stepping') return;
  pauseAsked = performance.now();
  send({ type: MSG.PAUSE });
  // A step cannot be paused from inside: if it does not end soon, the worker is cut off.
  watchdog.arm(PAUSE_DEADLINE_MS, 'pause');
}
function step(kind) {
  if (mode !== 'idle') return;
  ensureLoaded(() => {
    mode = 'stepping';
    setButtons();
    status(`Stepping (${kind})…`);
    classroom.stepBegins();
    watchdog.arm(STEP_DEADLINE_MS, 'step');
    send({ type: MSG.STEP, kind });
  });
}
function reset() {
  if (!workerReady) return;
  if (mode === 'stepping') { restartWorker('Reset during a step.'); return; }
  if (mode === 'running') send({ type: MSG.PAUSE });
  watchdog.disarm();
  mode = 'idle';
  const asked = performance.now();
  ensureLoaded(() => {
    lastResetMs = performance.now() - asked;
    status('Reset: ready to run or step from the start.');
  }, true);
}
$('run').addEventListener('click', run);
$('pause').addEventListener('click', pause);
$('step-statement').addEventListener('click', () => step('statement'));
$('step-map-op').addEventListener('click', () => step('mapop'));
$('step-evacuation').addEventListener('click', () => step('evacuation'));
$('step-gc').addEventListener('click', () => step('gc'));
$('reset').addEventListener('click', reset);
$('speed').addEventListener('change', () => {
  if (workerReady) send({ type: MSG.SPEED, speed: currentSpeed() });
  autosave();
});
$('share').addEventListener('click', share);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') { pause(); return; }
  if (e.ctrlKey && e.key === 'Enter') { e.preventDefault(); run(); return; }
  if (e.ctrlKey && e.shiftKey && (e.key === 'L' || e.key === 'l')) { e.preventDefault(); share(); return; }
  if (!e.altKey || e.ctrlKey) return;
  // e.code, not e.key: Alt+S types 'ß' on some layouts (macOS Option)
  const act = { KeyS: () => step('statement'), KeyM: () => step('mapop'), KeyE: () => step('evacuation'), KeyG: () => step('gc'), KeyR: reset }[e.code];
  if (act) { e.preventDefault(); act(); }
});
function setButtons() {
  const idle = workerReady && mode === 'idle';
  $('run').disabled = !idle;
  $('pause').disabled = !(workerReady && (mode === 'running' || mode === 'stepping'));
  for (const id of ['step-statement', 'step-map-op', 'step-evacuation', 'step-gc']) $(id).disabled = !idle;
  $('reset').disabled = !workerReady || mode === 'loading';
  document.body.dataset.mode = mode;
}

// ---------------------------------------------------------------- share links
let linkLoaded = false;
function share() {
  const link = encodeLink(editor.text, currentConfig());
  history.replaceState(null, '', link);
  const url = location.href;
  const field = $('share-link');
  field.hidden = false;
  field.value = url;
  field.select();
  navigator.clipboard?.writeText(url).then(
    () => status('Link copied: it restores this source and these settings.'),
    () => status('Link ready in the field beside the button (copy it from there).'),
  );
}
// Called on an edit: once the source or settings differ from the link's, the
// hash would restore stale work over the autosave on reload: drop it.
function dropStaleLink() {
  if (location.hash.startsWith('#v2:')) {  // a compare link: stale once side A (the editor) differs
    const { a, b } = comparePanel.link();
    if (encodeCompareLink(a, b) === location.hash) return;
  } else if (!location.hash.startsWith('#v1:')) return;
  else if (encodeLink(editor.text, currentConfig()) === location.hash) return;
  history.replaceState(null, '', location.pathname + location.search);
  $('share-link').hidden = true;
}
function openLink() {
  const r = decodeLink(location.hash);
  if (!r) return;
  if (!r.ok) { showError(`${r.error} The editor keeps your last autosaved work.`); return; }
  restoring = true;
  editor.text = r.source;
  applyConfig(r.config);
  restoring = false;
  if (r.b) comparePanel.setB(r.b, r.source);  // a v2 (compare) link: side B too
  if (r.b) setCompare(true);
  $('preset').value = PRESETS.find((p) => p.source === r.source)?.name ?? '';
  showLook();
  linkLoaded = true;
  invalidate();
  status('Loaded from a share link — press Run to reproduce the run.');
  autosave();
}
window.addEventListener('hashchange', openLink);

// ---------------------------------------------------------------- messages
function status(t) { setText($('status'), t); }
// The error panel: text only; with a position, a button that puts the
// editor's cursor there (the marker is in the gutter too).
function showError(t, pos) {
  const e = $('error');
  e.textContent = t;
  if (pos && pos.line >= 1) {
    const b = document.createElement('button');
    b.className = 'goto';
    b.textContent = `Go to line ${pos.line}:${pos.col}`;
    b.addEventListener('click', () => editor.goto(pos.line, pos.col));
    e.append(document.createElement('br'), b);
  }
  e.hidden = false;
}
function hideError() { const e = $('error'); e.textContent = ''; e.hidden = true; }

// ---------------------------------------------------------------- x axis, compare, classroom
$('x-axis').addEventListener('change', () => { charts.setAxis($('x-axis').value); dirty = true; });
const comparePanel = new ComparePanel($('compare'), {
  getA: () => ({ source: editor.text, config: currentConfig() }),
  onShare: ({ a, b }) => {
    history.replaceState(null, '', encodeCompareLink(a, b));
    const field = $('share-link');
    field.hidden = false;
    field.value = location.href;
    field.select();
    navigator.clipboard?.writeText(location.href).then(() => comparePanel.status('Compare link copied: it restores both sides.'), () => comparePanel.status('Compare link ready in the field at the top.'));
  },
});
function setCompare(on) {
  comparePanel.show(on);
  $('compare-toggle').setAttribute('aria-pressed', String(on));
  if (on) $('compare').scrollIntoView({ block: 'nearest' });
}
$('compare-toggle').addEventListener('click', () => setCompare(!comparePanel.open));
const classroom = new Classroom({ toggle: $('classroom-toggle'), line: $('narration'), list: $('narration-more'),
  act: (k) => (k === 'reset' ? reset() : step(k)) });
classroom.reset();
// ---------------------------------------------------------------- heap view, timeline, export
// The timeline shows a past sample row in the counters (MemStats fields the
// core samples; the others blank), a marker on the charts, and the nearest
// retained snapshot in the heap view; "live" resumes the newest state.
const heapView = new HeapView($('heap-view'));
const heapCtl = new HeapController(heapView, {
  send: (r) => send({ type: MSG.HEAP, at: r.at }),
  // while running, not while scrolled out of view either: a redraw of its
  // histograms costs tens of ms of canvas text (caught up on scrolling back)
  isOpen: () => $('heap-panel').open && hasSession && (heapInView || batchState !== 'running'),
  table: () => table,
  snapshotLabel,
  mapsLine: (snap) => (snap.maps ?? []).filter((mp) => mp.alive).slice(0, 4)
    .map((mp) => `${mp.name}: ${mp.count} entries, ${mp.impl === 'swiss' ? `${mp.tables} table(s)` : `B=${mp.B}`}${mp.growing ? ', growing' : ''}`).join('; '),
});
$('heap-panel').addEventListener('toggle', () => heapCtl.refresh());
let heapInView = true, batchState = 'ready';  // the state of the last batch applied
new IntersectionObserver((es) => {
  const was = heapInView;
  heapInView = es[es.length - 1].isIntersecting;
  if (heapInView && !was) heapCtl.refresh();
}).observe($('heap-panel'));
// The marker's x: the scrubbed row's value in the charts' x column (the
// instruction count, or whatever column the charts put on x).
let latestMemstats = null, scrubRow = null;
const scrubX = () => (scrubRow === null || scrubRow >= table.rows ? null : table.value(scrubRow, charts.xcol ?? 'ops'));
const timeline = new TimelineView($('timeline'), {
  table: () => table,
  onScrub: ({ live, row, ops }) => {
    if (live) {
      scrubRow = null;
      markCharts(charts, null);
      if (latestMemstats) showMemstats(latestMemstats);
      heapCtl.goLive();
      mapView.goLive();
      return;
    }
    scrubRow = row;
    const ms = rowCounters(table, row);
    for (const [name, c] of Object.entries(counterCells)) { setText(c.td, name in ms ? String(ms[name]) : '–'); setText(c.dd, ''); }
    markCharts(charts, scrubX());
    heapCtl.showAt(ops);
    mapView.showAt(ops);
  },
});
setupExport($('export'), { table: () => table, meta: () => ({ config: currentConfig() }) });

openLink();
startWorker();
setButtons();
// for tests and the curious: the sample table the charts draw, Pause latency, restarts
window.bucketlab = { mapView, table: () => table, charts, lastPauseMs: () => lastPauseMs, lastResetMs: () => lastResetMs, restarts: () => restarts, perf: () => ({ ...perf }),
  crashWorker: () => send({ type: MSG.CRASH }), compare: () => comparePanel, heap: heapView };
