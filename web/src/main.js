// The playground page: editor, controls, counters, charts, event log, share
// links. It only talks to the worker (protocol.js) and draws what the core
// reports; no simulation logic lives here.
import './style.css';
import createWorker from './worker-factory.js';
import { MSG, SPEEDS, defaultConfig } from './protocol.js';
import { createEditor } from './editor.js';
import { Charts } from './charts.js';
import { SampleTable } from './samples.js';
import { MapSeries } from './map-series.js';
import { encodeLink, decodeLink } from './share.js';
import { PRESETS } from './presets.js';
import { MEMSTATS_FIELDS, formatNumber } from './memstats-fields.js';

const $ = (id) => document.getElementById(id);
const STORE_KEY = 'bucketlab.v1.workspace';
// Deadlines for the worker's answers; past them it is a runaway: terminated,
// restarted, the source reloaded, and the error panel says so.
const PAUSE_DEADLINE_MS = 1000;   // Pause (the brief: answered within 100 ms; slices take ~1 ms)
const RUN_SILENCE_MS = 10000;     // no PROGRESS while running (one slice never ends)
const STEP_DEADLINE_MS = 20000;   // a step that does not reach its boundary (Pause abandons it sooner)
const LOAD_DEADLINE_MS = 20000;   // compiling a source
const MAX_EVENT_ROWS = 1000;

// ---------------------------------------------------------------- state
const table = new SampleTable();
const mapSeries = new MapSeries();
let nowPoint = null;      // {ops, memstats} of the latest PROGRESS: the charts' last point
let gcMarks = [];
let worker = null, workerReady = false;
let loaded = false;       // the worker holds a session of the current source+config
let running = false, ended = false;
let dirty = true;         // charts need a redraw
let pending = null;       // what to do once LOADED arrives
let stepping = false;     // a STEP is on its way (the worker is busy until STEPPED)
let loading = false;      // a LOAD is on its way
let lastHeard = 0;        // performance.now() of the worker's last message
let pauseAsked = 0, lastPauseMs = null;  // how long Pause took to be answered (shown to tests)
let fromLink = false;     // the source came from a share link (the status says so until Run)
let chartUpdates = 0;     // redraws of the charts (shown to tests: they update live)
let restarts = 0;         // runaway restarts so far (shown to tests)
let afterRestart = null;  // the message to show once the restarted worker has reloaded the source


// ---------------------------------------------------------------- editor + settings
const saved = readSaved();
const editor = createEditor($('editor'), {
  doc: saved?.source ?? PRESETS[0]?.source ?? '',
  onChange: (text) => {
    invalidate();
    const p = PRESETS.find((x) => x.name === $('preset').value);
    if (p && p.source !== text) { $('preset').value = ''; showLook(); }  // edited: no longer the preset
    autosave();
  },
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
    localStorage.setItem(STORE_KEY, JSON.stringify({ source: editor.text, config: currentConfig(), preset: $('preset').value }));
  } catch { /* storage full or disabled: nothing to do */ }
}
window.addEventListener('beforeunload', saveNow);

function currentConfig() {
  const c = defaultConfig();
  c.go = Number($('go').value);
  const g = Number.parseInt($('gogc').value, 10);
  c.gogc = Number.isFinite(g) ? g : 100;
  c.memlimit = $('memlimit').value.trim();
  c.seed = $('seed').value.trim() || '1';
  return c;
}
function applyConfig(c) {
  if (c.go !== undefined) $('go').value = String(c.go);
  if (c.gogc !== undefined) $('gogc').value = String(c.gogc);
  if (c.memlimit !== undefined) $('memlimit').value = c.memlimit;
  if (c.seed !== undefined) $('seed').value = c.seed;
}
for (const id of ['go', 'gogc', 'memlimit', 'seed']) $(id).addEventListener('change', () => { invalidate(); autosave(); });
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
const counterCells = {};
for (const [name, doc] of MEMSTATS_FIELDS) {
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
  $('counters').append(tr);
  counterCells[name] = { td, dd };
}
// Deltas are taken against the sample the core took when the last GC cycle
// ended (reason 2), or the first sample before any GC: the same figures
// whatever the batch timing. Fields the samples do not carry get no delta.
const GC_END = 2;
function showMemstats(ms) {
  const ref = table.lastWhere('reason', GC_END) ?? table.row(0);
  for (const [name] of MEMSTATS_FIELDS) {
    const v = ms[name];
    counterCells[name].td.textContent = v === undefined ? '' : String(v);
    const d = ref && name in ref && v !== undefined ? v - ref[name] : 0;
    counterCells[name].dd.textContent = d ? (d > 0 ? '+' : '') + formatNumber(d) : '';
  }
}
// The maps table (the first 12 maps); a map's name is a button that picks
// the map the map chart follows (the first one until you pick).
let chartedMap = null;   // map id, or null: the first map
let lastMaps = [];
function showMaps(maps, x) {
  lastMaps = maps;
  if (x !== undefined) mapSeries.add(x, maps);
  const tb = $('maps');
  tb.replaceChildren();
  const shown = chartedMapId();
  maps.slice(0, 12).forEach((m, i) => {
    const tr = document.createElement('tr');
    const shape = m.impl === 'swiss'
      ? (m.dir_len ? `${m.tables} table(s), dir ${m.dir_len}, cap ${m.capacity}, tombstones ${m.tombstones}` : 'small (1 group)')
      : `B=${m.B} (${m.buckets} buckets), noverflow ${m.noverflow}`;
    const name = document.createElement('td');
    const pick = document.createElement('button');
    pick.className = 'mapname';
    pick.textContent = m.name;
    pick.title = `${m.type}: chart this map`;
    pick.setAttribute('aria-pressed', String(m.id === shown));
    pick.addEventListener('click', () => { chartedMap = m.id; showMaps(lastMaps); dirty = true; });
    name.append(pick);
    tr.append(name);
    const cells = [m.impl, m.alive ? String(m.count) : 'collected', m.alive ? shape : '', m.growing ? `yes (nevacuate ${m.nevacuate})` : 'no'];
    for (const c of cells) { const td = document.createElement('td'); td.textContent = c; tr.append(td); }
    if (i === 0) tr.lastChild.setAttribute('data-testid', 'map-growing');
    tb.append(tr);
  });
}
function chartedMapId() { return chartedMap ?? lastMaps[0]?.id ?? 0; }
function chartedMapName() { return lastMaps.find((m) => m.id === chartedMapId())?.name ?? ''; }
// Lists follow their newest line, unless the reader scrolled up to read.
const pinned = new WeakMap();
for (const id of ['events', 'output']) {
  $(id).addEventListener('scroll', (e) => {
    const el = e.target;
    pinned.set(el, el.scrollHeight - el.scrollTop - el.clientHeight > 40);
  }, { passive: true });
}
function follow(el) { if (!pinned.get(el)) el.scrollTop = el.scrollHeight; }
// The log keeps the newest MAX_EVENT_ROWS rows; rows are added in one
// fragment per batch and the list scrolls once per frame (in redraw).
let scrollEvents = false, scrollOutput = false;
function addEvents(ev) {
  const list = $('events');
  const frag = document.createDocumentFragment();
  let evs = ev.events;
  let skipped = ev.skipped ?? 0;
  if (evs.length > MAX_EVENT_ROWS) { skipped += evs.length - MAX_EVENT_ROWS; evs = evs.slice(-MAX_EVENT_ROWS); }
  if (skipped) {
    const li = document.createElement('li');
    li.className = 'ev-skipped';
    li.textContent = `… ${formatNumber(skipped)} event(s) not shown: they came faster than the log can show them (Step or pause to see each one)`;
    frag.append(li);
  }
  for (const e of evs) {
    const li = document.createElement('li');
    li.textContent = e.text;
    li.className = `ev-${e.kind}`;
    li.value = e.seq + 1;  // the number is the event's place in the run's stream
    frag.append(li);
  }
  if (!frag.childNodes.length) return;
  list.append(frag);
  const extra = list.childElementCount - MAX_EVENT_ROWS;
  if (extra > 0) {
    const r = document.createRange();
    r.setStartBefore(list.firstElementChild);
    r.setEndAfter(list.children[extra - 1]);
    r.deleteContents();
  }
  scrollEvents = true;
}
const MAX_OUTPUT_CHARS = 200000;
let outputChars = 0;
function addOutput(text) {
  if (!text) return;
  const out = $('output');
  out.append(text);  // a text node: workload output is never HTML
  outputChars += text.length;
  if (outputChars > MAX_OUTPUT_CHARS) {
    const keep = out.textContent.slice(-MAX_OUTPUT_CHARS * 0.75);
    out.textContent = `… (earlier output trimmed)\n${keep}`;
    outputChars = out.textContent.length;
  }
  scrollOutput = true;
}
function sendFilter() {
  if (worker) send({ type: MSG.FILTER, hideKinds: $('show-spans').checked ? [] : ['SpanAlloc', 'SpanFree'] });
}
$('show-spans').addEventListener('change', sendFilter);

// ---------------------------------------------------------------- charts
const charts = new Charts($('charts'), () => gcMarks);
function redraw() {
  if (dirty) {
    dirty = false;
    gcMarks = [];
    if (table.rows) {
      const r = table.column('reason'), x = table.column('ops');
      for (let i = 0; i < r.length; i++) if (r[i] === 2) gcMarks.push(x[i]);
    }
    charts.update(table, mapSeries.get(chartedMapId()), chartedMapName(), nowPoint);
    chartUpdates++;
  }
  if (scrollEvents) { scrollEvents = false; follow($('events')); }
  if (scrollOutput) { scrollOutput = false; follow($('output')); }
  requestAnimationFrame(redraw);
}
requestAnimationFrame(redraw);

// ---------------------------------------------------------------- worker
function startWorker() {
  workerReady = false;
  loaded = false;
  worker = createWorker();
  worker.onmessage = ({ data }) => { lastHeard = performance.now(); onWorker(data); };
  worker.onerror = (e) => {
    e.preventDefault?.();
    // one that never started would fail again: say so instead of looping
    if (!workerReady) { showError(`The simulation worker failed to start (${e.message ?? 'unknown error'}); reload the page to try again.`); return; }
    restartWorker(`The simulation worker crashed (${e.message ?? 'unknown error'}).`);
  };
}
// Terminates a worker that does not answer (or crashed), starts a new one and
// reloads the current source into it; the editor and settings are untouched.
function restartWorker(why) {
  try { worker?.terminate(); } catch { /* already gone */ }
  restarts++;
  running = false; stepping = false; loading = false; pending = null; pauseAsked = 0;
  afterRestart = `${why} It was stopped and restarted, and the source was reloaded from the start (your code is unchanged): press Run or step again.`;
  showError(afterRestart);
  status('Restarting the simulation worker…');
  startWorker();
  setButtons();
}
// The watchdog: the worker owes an answer while it loads, runs or steps.
setInterval(() => {
  if (!worker || !workerReady) return;
  const now = performance.now();
  if (pauseAsked && now - pauseAsked > PAUSE_DEADLINE_MS) {
    restartWorker(`The worker did not answer Pause within ${PAUSE_DEADLINE_MS / 1000} s${stepping ? ' (it was inside one long step)' : ''}.`);
  } else if (running && now - lastHeard > RUN_SILENCE_MS) {
    restartWorker(`The worker sent nothing for ${RUN_SILENCE_MS / 1000} s while running (a runaway operation).`);
  } else if (stepping && now - lastHeard > STEP_DEADLINE_MS) {
    restartWorker(`The step did not reach its boundary within ${STEP_DEADLINE_MS / 1000} s (the workload may never do what the step waits for).`);
  } else if (loading && now - lastHeard > LOAD_DEADLINE_MS) {
    restartWorker(`The worker did not finish compiling within ${LOAD_DEADLINE_MS / 1000} s.`);
  }
}, 200);
function send(msg) { lastHeard = performance.now(); worker.postMessage(msg); }

function onWorker(m) {
  switch (m.type) {
    case MSG.READY:
      workerReady = true;
      sendFilter();
      if (afterRestart) {
        // reload the source so the page shows a session at its start again
        const msg = afterRestart;
        ensureLoaded(() => { showError(msg); status('The worker was restarted; the source is loaded, ready to run.'); });
        afterRestart = null;
      } else if (!fromLink) {
        status(`Ready. Go 1.19 buckets or Go 1.24+ Swiss tables; ${PRESETS.length} presets.`);
      }
      setButtons();
      break;
    case MSG.LOADED:
      loading = false;
      if (!m.ok) {
        loaded = false;
        pending = null;
        editor.mark(m.diagnostics);
        showError(m.diagnostics.map((d) => d.message).join('\n'), m.diagnostics.find((d) => d.line >= 1));
        // config errors come back as diagnostics at line 0 ("config: bad seed …")
        status(m.diagnostics.every((d) => !(d.line >= 1)) ? 'The settings are not valid (see the message).' : 'The workload does not compile.');
      } else {
        loaded = true;
        editor.mark([]);
        const p = pending;
        pending = null;
        if (p) p();
      }
      setButtons();
      break;
    case MSG.PROGRESS:
      if (table.apply(m.samples) === false && m.samples?.rows) table.reset();
      showMemstats(m.memstats);
      nowPoint = m.result ? { ops: m.result.ops, memstats: m.memstats } : null;
      showMaps(m.maps, m.result?.ops ?? table.last('ops') ?? 0);
      addEvents(m.events);
      addOutput(m.stdout);
      addOutput(m.stderr);
      if (m.state === 'running' && m.result) status(`Running… ${formatNumber(m.result.ops)} ops, ${formatNumber(m.result.mapOps)} map ops`);
      else if (m.state === 'ready' && m.result) status(`Paused at line ${m.result.line}:${m.result.col} · ${formatNumber(m.result.ops)} ops, ${formatNumber(m.result.mapOps)} map ops`);
      dirty = true;
      send({ type: MSG.ACK });
      break;
    case MSG.STEPPED:
      stepping = false;
      if (m.result.state === 'ready' && !m.result.stepReached) status('The step ended without reaching its boundary.');
      else if (m.result.state === 'ready' && lastStep === 'evacuation') {
        // the contrast the two implementations make
        status(currentConfig().go >= 24
          ? `Stopped after a table grow or split (line ${m.result.line}): a Swiss table is rebuilt all at once inside one insert.`
          : `Stopped after a bucket evacuation (line ${m.result.line}): a bucket map moves to its new array a bucket or two per write.`);
      }
      setButtons();
      break;
    case MSG.PAUSED:
      if (pauseAsked) { lastPauseMs = performance.now() - pauseAsked; pauseAsked = 0; }
      running = false;
      setButtons();
      break;
    case MSG.ENDED:
      running = false;
      stepping = false;
      ended = true;
      finished(m.result);
      setButtons();
      break;
    case MSG.FAILED:
      showError(`The simulation worker failed: ${m.message}`);
      running = false;
      stepping = false;
      loading = false;
      setButtons();
      break;
    default:
      break;
  }
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
function ensureLoaded(then) {
  if (!workerReady) return;
  if (loaded && !ended) { then(); return; }
  resetView();
  pending = then;
  loading = true;
  send({ type: MSG.LOAD, source: editor.text, config: currentConfig() });
}
function invalidate() { loaded = false; }
function resetView() {
  table.reset();
  mapSeries.reset();
  nowPoint = null;
  chartedMap = null;
  lastMaps = [];
  ended = false;
  $('events').replaceChildren();
  $('output').textContent = '';
  outputChars = 0;
  hideError();
  editor.mark([]);
  dirty = true;
}

// ---------------------------------------------------------------- controls
function run() {
  if (running || stepping || loading) return;
  ensureLoaded(() => {
    running = true;
    setButtons();
    status('Running…');
    send({ type: MSG.RUN, ...speed() });
  });
}
// Pause also abandons a step that takes long: the worker cannot answer
// while inside it, so the watchdog restarts it after PAUSE_DEADLINE_MS.
function pause() {
  if (!running && !stepping) return;
  if (!pauseAsked) pauseAsked = performance.now();
  send({ type: MSG.PAUSE });
  if (stepping) status('Pausing: the worker is inside one step…');
}
let lastStep = null;
function step(kind) {
  if (running || stepping || loading) return;
  lastStep = kind;
  ensureLoaded(() => {
    stepping = true;
    setButtons();
    status(`Stepping (${kind})… Pause abandons the step.`);
    send({ type: MSG.STEP, kind });
  });
}
function reset() {
  if (stepping) { restartWorker('Reset during a step.'); return; }
  if (running) send({ type: MSG.PAUSE });
  running = false;
  loaded = false;
  resetView();
  ensureLoaded(() => status('Reset: ready to run or step from the start.'));
}
$('run').addEventListener('click', run);
$('pause').addEventListener('click', pause);
$('step-statement').addEventListener('click', () => step('statement'));
$('step-map-op').addEventListener('click', () => step('mapop'));
$('step-evacuation').addEventListener('click', () => step('evacuation'));
$('step-gc').addEventListener('click', () => step('gc'));
$('reset').addEventListener('click', reset);
function speed() {
  const sp = SPEEDS[$('speed').value] ?? SPEEDS.normal;
  return { sliceOps: sp.sliceOps, delayMs: sp.delayMs };
}
for (const [k, sp] of Object.entries(SPEEDS)) {
  const o = document.createElement('option');
  o.value = k;
  o.textContent = sp.label;
  o.title = sp.title;
  $('speed').append(o);
}
$('speed').value = 'normal';
$('speed').addEventListener('change', () => { if (worker) send({ type: MSG.SPEED, ...speed() }); });
$('share').addEventListener('click', share);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') { pause(); return; }
  if (e.ctrlKey && e.key === 'Enter') { e.preventDefault(); run(); return; }
  if (e.ctrlKey && e.shiftKey && (e.key === 'L' || e.key === 'l')) { e.preventDefault(); share(); return; }
  if (!e.altKey || e.ctrlKey) return;
  const k = e.key.toLowerCase();
  const act = { s: () => step('statement'), m: () => step('mapop'), e: () => step('evacuation'), g: () => step('gc'), r: reset }[k];
  if (act) { e.preventDefault(); act(); }
});
function setButtons() {
  const ok = workerReady;
  $('run').disabled = !ok || running || stepping;
  $('pause').disabled = !ok || !(running || stepping);
  for (const id of ['step-statement', 'step-map-op', 'step-evacuation', 'step-gc']) $(id).disabled = !ok || running || stepping;
  $('reset').disabled = !ok;
}

// ---------------------------------------------------------------- share links
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
function openLink() {
  const r = decodeLink(location.hash);
  if (!r) return;
  if (!r.ok) { showError(r.error); return; }
  editor.text = r.source;
  applyConfig(r.config);
  $('preset').value = PRESETS.find((p) => p.source === r.source)?.name ?? '';
  showLook();
  fromLink = true;
  status('Loaded from a share link — press Run to reproduce the run. (Ctrl+Z in the editor brings back what you had.)');
  autosave();
}
window.addEventListener('hashchange', openLink);

// ---------------------------------------------------------------- messages
function status(t) { $('status').textContent = t; }
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

openLink();
startWorker();
setButtons();
// for tests and the curious: the sample table the charts draw
window.bucketlab = {
  table: () => table, charts, lastPauseMs: () => lastPauseMs, restarts: () => restarts, chartUpdates: () => chartUpdates,
  crashWorker: () => send({ type: MSG.CRASH }),
};
