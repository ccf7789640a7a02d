// End-to-end tests of the built site in headless Chromium (Debian's, driven
// by playwright-core). usage: node e2e/run.mjs [SITE_DIR] [ARTIFACT_DIR]
// SITE_DIR is web/dist (served over http); its sibling dist-inline/ is
// opened from file://. One line per test, then "N passed, N failed";
// a screenshot of each test's end state goes to ARTIFACT_DIR.
// E2E_ONLY=<substring of a case's name> runs only the matching cases.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/static-server.mjs';
import { withBrowser } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] ?? path.join(here, '..', 'dist'));
const inlineSite = path.join(path.dirname(site), 'dist-inline');
const artifacts = path.resolve(process.argv[3] ?? path.join(here, '..', '..', 'build', 'e2e'));
await mkdir(artifacts, { recursive: true });

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const T = (id) => `[data-testid="${id}"]`;
const shot = (page, name) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });

async function open(page, url) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url);
  await page.locator(`${T('run')}:not([disabled])`).waitFor({ timeout: 30000 });
  return errors;
}
const counter = async (page, f) => Number(await page.locator(T(`counter-${f}`)).textContent());
async function choosePreset(page, name) {
  await page.selectOption(T('preset-select'), name);
}
async function setSource(page, text) {
  await page.click(`${T('editor')} .cm-content`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}
async function runToEnd(page, timeout = 90000) {
  // A second run starts with the first one's "Done" still shown (the page
  // loads a fresh session before it says "Running…"): wait until this run
  // has said "Running", seen by an observer set up before the click, so a
  // fast run that goes Running → Done between two polls is not missed.
  await page.evaluate(() => {
    const el = document.getElementById('status');
    window.__e2eRunStarted = false;
    new MutationObserver((_, obs) => {
      if (/^Running/.test(el.textContent)) { window.__e2eRunStarted = true; obs.disconnect(); }
    }).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await page.click(T('run'));
  await page.waitForFunction(() => window.__e2eRunStarted && /^(Done|The workload panicked|Stopped)/.test(document.getElementById('status').textContent), null, { timeout });
}
// Runs to the end and says how often the charts redrew while it ran.
async function runToEndMeasured(page) {
  const p0 = await page.evaluate(() => window.bucketlab.perf());
  const t0 = Date.now();
  await page.click(T('run'));
  await page.waitForFunction(() => /^Running/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  const t1 = Date.now();
  const p1 = await page.evaluate(() => window.bucketlab.perf());
  await page.waitForFunction(() => /^(Done|The workload panicked|Stopped)/.test(document.getElementById('status').textContent), null, { timeout: 90000 });
  const p2 = await page.evaluate(() => window.bucketlab.perf());
  const s = (Date.now() - t1) / 1000;
  const n = p2.frames - p1.frames, b = p2.progress - p1.progress;
  return { frames: n, seconds: (Date.now() - t0) / 1000, batchesPerSec: b / s, framesPerSec: n / s, rafPerSec: (p2.raf - p1.raf) / s, drawMs: (p2.drawMs - p1.drawMs) / n, takeMs: (p2.takeMs - p1.takeMs) / b };
}
// A canvas has drawn when some pixel is not the background.
async function canvasDrawn(page, testid) {
  return page.evaluate((sel) => {
    const c = document.querySelector(`${sel} canvas`);
    if (!c) return false;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++;
    return ink > 200;
  }, T(testid));
}

// The line number beside the first lint marker in the gutter.
function markerLine(page) {
  return page.evaluate(() => {
    const m = document.querySelector('.cm-lint-marker-error');
    const top = m.getBoundingClientRect().top;
    const lines = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')].filter((e) => e.textContent.trim());
    let best = null, dist = 1e9;
    for (const e of lines) { const d = Math.abs(e.getBoundingClientRect().top - top); if (d < dist) { dist = d; best = e.textContent.trim(); } }
    return best;
  });
}

test('the page loads, the wasm core starts in the worker, presets are listed', async ({ page, base, context }) => {
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));  // the worker's requests too
  const wasm = [];
  context.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.headers()['content-type']); });
  const t0 = Date.now();
  const errors = await open(page, base);
  console.log(`     (ready to run ${Date.now() - t0} ms after navigation: page, worker, wasm compiled and instantiated)`);
  // everything comes from the site itself (no CDN); the core is its own .wasm file
  const foreign = requests.filter((u) => !u.startsWith(base) && !/^(data|blob):/.test(u));
  if (foreign.length) throw new Error(`requests outside the site: ${foreign.join(', ')}`);
  if (wasm.length !== 1 || wasm[0] !== 'application/wasm') throw new Error(`wasm responses: ${JSON.stringify(wasm)}`);
  const n = await page.locator(`${T('preset-select')} option`).count();
  if (n < 11) throw new Error(`expected every example as a preset, got ${n - 1}`);
  const look = await page.locator('#look').textContent();
  if (!look.startsWith('What to look for:')) throw new Error(`no "what to look for" text: ${look}`);
  // every control has a name a screen reader can say
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, input, select, [contenteditable=true]')]
    .filter((e) => !(e.getAttribute('aria-label') || e.closest('label')?.textContent.trim() || (e.tagName === 'BUTTON' && e.textContent.trim())))
    .map((e) => e.id || e.outerHTML.slice(0, 60)));
  if (unnamed.length) throw new Error(`controls without a label: ${unnamed.join(', ')}`);
  // the shortcuts are listed on the page
  const help = await page.locator('.help').textContent();
  for (const k of ['Ctrl', 'Enter', 'Esc', 'Alt', 'S', 'M', 'E', 'G', 'R']) if (!help.includes(k)) throw new Error(`help lacks ${k}`);
  await shot(page, '1-loaded');
  if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
});

test('a preset runs to the end: counters change, GCs happen, charts draw', async ({ page, base }) => {
  await open(page, base);
  await choosePreset(page, 'churn_users');
  const m = await runToEndMeasured(page);
  // live, not only at the end: several redraws while it ran. The rate is a
  // speed figure (printed, reported by bench/), not asserted: it follows the machine's load.
  if (!(m.frames >= 3)) throw new Error(`charts redrawn ${m.frames} times while running: not live`);
  console.log(`     (churn_users at "fast": ${m.seconds.toFixed(1)} s; while running ${m.batchesPerSec.toFixed(0)} batches/s, charts redrawn ${m.framesPerSec.toFixed(0)} times/s of ${m.rafPerSec.toFixed(0)} frames/s; ${m.takeMs.toFixed(1)} ms to take a batch, ${m.drawMs.toFixed(1)} ms to redraw)`);
  const status = await page.locator('#status').textContent();
  if (!status.startsWith('Done')) throw new Error(`status: ${status}`);
  const mallocs = await counter(page, 'Mallocs'), numgc = await counter(page, 'NumGC');
  // the CLI's figures for the same source and config (examples/churn_users.go, go1.19, seed 1)
  if (!(mallocs > 1_000_000)) throw new Error(`Mallocs ${mallocs}`);
  if (!(numgc >= 1)) throw new Error(`NumGC ${numgc}`);
  // the Modelled time panel shows exactly what the core's cost model computed:
  // the native CLI's report for the same source and config (built by make test)
  const cli = path.join(here, '..', '..', 'build', 'native', 'bucketlab');
  if (!existsSync(cli)) throw new Error(`${cli} missing: build the native preset first`);
  const native = JSON.parse(execFileSync(cli, ['run', '--json', path.join(here, '..', '..', 'examples', 'churn_users.go')], { maxBuffer: 1 << 28 }).toString());
  if (native.memstats.Mallocs !== mallocs) throw new Error(`Mallocs: page ${mallocs}, CLI ${native.memstats.Mallocs} (different config?)`);
  const modelled = async (id) => Number(await page.locator(T(`modelled-${id}`)).getAttribute('data-value'));
  for (const [id, want] of [['elapsed', native.modelled.elapsed_ns], ['PauseTotalNs', native.modelled.PauseTotalNs],
    ['GCCPUFraction', native.modelled.GCCPUFraction], ['NumGC', native.modelled.NumGC]]) {
    const got = await modelled(id);
    if (got !== want) throw new Error(`modelled ${id}: page ${got}, CLI ${want}`);
  }
  const out = await page.locator(T('output')).textContent();
  if (!out.includes('users: 12000 GCs:')) throw new Error(`output: ${out}`);
  for (const c of ['chart-heap', 'chart-rates', 'chart-frag', 'chart-map'])
    if (!(await canvasDrawn(page, c))) throw new Error(`${c} did not draw`);
  const events = await page.locator(`${T('event-log')} .ev`).count();
  if (events < 10) throw new Error(`event log has ${events} entries`);
  // span allocations/frees are left out by the worker (not crowding the batches):
  // the log still holds the run's last GC cycle; with the box ticked, spans come
  const spans = await page.locator(`${T('event-log')} .ev-SpanAlloc, ${T('event-log')} .ev-SpanFree`).count();
  const gcs = await page.locator(`${T('event-log')} .ev-GcStart`).count();
  if (spans !== 0 || gcs < 1) throw new Error(`event log: ${spans} span events, ${gcs} GC starts`);
  await shot(page, '2-churn-done');
  await page.check('#show-spans');
  await page.click(T('step-statement'));  // the run ended: a step reloads and stops at the first statement
  await page.waitForFunction(() => /^Paused/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  await page.click(T('step-gc'));
  await page.waitForFunction(() => document.querySelector('[data-testid="event-log"] .ev-SpanAlloc'), null, { timeout: 20000 });
  await page.uncheck('#show-spans');
});

test('Step evacuation stops with the map mid-growth', async ({ page, base }) => {
  await open(page, base);
  await choosePreset(page, 'hint_vs_nohint');
  let growing = '';
  for (let i = 0; i < 8 && !growing.startsWith('yes'); i++) {
    await page.evaluate(() => { document.getElementById('status').textContent = ''; });
    await page.click(T('step-evacuation'));
    await page.waitForFunction(() => /^Stopped after a bucket evacuation/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
    growing = await page.locator(T('map-growing')).textContent();
  }
  if (!growing.startsWith('yes')) throw new Error(`after stepping, growing = ${growing}`);
  // the map chart follows the map the inspector shows, and has points from the steps
  const cap = await page.locator(`${T('chart-map')} figcaption`).textContent();
  const pts = await page.evaluate(() => window.bucketlab.charts.plots.map.data[0].length);
  if (!cap.includes('“grown”') || pts < 2) throw new Error(`map chart: ${cap}, ${pts} points`);
  // the editor highlights the statement the step stopped at, the line the status names
  const st = await page.locator('#status').textContent();
  const cur = await page.locator('[data-testid="current-line"]').count();
  if (cur !== 1 || !/\(line \d+\)/.test(st)) throw new Error(`current line marks: ${cur}; status ${st}`);
  const last = await page.locator(`${T('event-log')} .ev`).last().textContent();
  if (!/evacuated/.test(last)) throw new Error(`last event: ${last}`);
  // the inspector draws the old array with evacuated buckets beside the new one
  await page.locator('[data-testid="inspector"] .ins-sec.old').waitFor({ timeout: 10000 });
  const evac = await page.locator('[data-testid="inspector"] .ins-sec.old .slot.evac, [data-testid="inspector"] .ins-sec.old .slot.evac-empty').count();
  const full = await page.locator('[data-testid="inspector"] .ins-sec.new .slot.full').count();
  if (!(evac > 0 && full > 0)) throw new Error(`inspector: ${evac} evacuated old slots, ${full} full new slots`);
  await page.locator('#inspector-panel').scrollIntoViewIfNeeded();
  await shot(page, '3-step-evacuation');
  // The same step under Swiss tables stops at a whole-table grow instead.
  await page.selectOption('#go', '26');
  await page.dispatchEvent('#go', 'change');
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.click(T('step-evacuation'));
  await page.waitForFunction(() => /^Stopped after a table grow or split/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  const row = await page.locator('#maps tr').first().textContent();
  if (!/swiss/.test(row)) throw new Error(`maps table: ${row}`);
  const ev = await page.locator(`${T('event-log')} .ev`).last().textContent();
  if (!/table 0 grew: capacity 8 -> 16/.test(ev)) throw new Error(`last event: ${ev}`);
  await page.locator('[data-testid="inspector"] .slot.full').first().waitFor({ timeout: 10000 });
  const head = await page.locator('[data-testid="inspector"] .ins-head').textContent();
  if (!/table\(s\)/.test(head)) throw new Error(`swiss inspector: ${head}`);
  await shot(page, '3b-step-swiss-grow');
  await page.selectOption('#go', '19');  // the autosave carries settings into the next tests
  await page.dispatchEvent('#go', 'change');
  await page.waitForTimeout(400);  // the autosave is debounced (300 ms)
});

test('a syntax error shows a marker on its line and the message with line:col', async ({ page, base }) => {
  await open(page, base);
  await page.selectOption('#go', '19');  // Go 1.19's wording (1.26 says "expected expression")
  await page.dispatchEvent('#go', 'change');
  await setSource(page, 'x := 1\ny := x + )\nfmt.Println(x, y)\n');
  await page.click(T('run'));
  await page.locator(`${T('error')}:not([hidden])`).waitFor({ timeout: 20000 });
  const msg = await page.locator(T('error')).textContent();
  if (!msg.includes('2:10: syntax error: unexpected ), expecting expression')) throw new Error(`error panel: ${msg}`);
  // the lint gutter marks line 2 (gutter elements are in line order)
  await page.locator('.cm-lint-marker-error').first().waitFor({ timeout: 5000 });
  const line = await markerLine(page);
  if (line !== '2') throw new Error(`marker on line ${line}`);
  // the error panel's button puts the editor's cursor on that line
  await page.click(`${T('error')} button.goto`);
  const active = await page.locator('.cm-activeLine').first().textContent();
  if (!active.includes('y := x + )')) throw new Error(`cursor line after "Go to line": ${active}`);
  await shot(page, '4-syntax-error');
});

test('a run-time panic shows a marker on its line and Go\'s message', async ({ page, base }) => {
  await open(page, base);
  await setSource(page, 'var m map[string]int\nfmt.Println("before")\nm["x"] = 1\n');
  await page.keyboard.press('Control+Enter');  // from the editor, by keyboard
  await page.waitForFunction(() => /^(Done|The workload panicked|Stopped)/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  const msg = await page.locator(T('error')).textContent();
  if (!msg.includes('panic: assignment to entry in nil map (line 3:')) throw new Error(`error panel: ${msg}`);
  if ((await page.locator(T('output')).textContent()) !== 'before\n') throw new Error('output before the panic missing');
  await page.locator('.cm-lint-marker-error').first().waitFor({ timeout: 5000 });
  if ((await markerLine(page)) !== '3') throw new Error(`marker on line ${await markerLine(page)}`);
  await shot(page, '4b-panic');
});

test('GOMEMLIMIT is read as Go reads it: 64MB is refused, 64MiB runs', async ({ page, base }) => {
  await open(page, base);
  await setSource(page, 'var ms runtime.MemStats\nruntime.ReadMemStats(&ms)\nfmt.Println(ms.NumGC)\n');
  await page.fill('#memlimit', '64MB');
  await page.dispatchEvent('#memlimit', 'change');
  await page.click(T('run'));
  await page.locator(T('error'), { hasText: 'GOMEMLIMIT=64MB is malformed' }).waitFor({ timeout: 5000 });
  if ((await page.getAttribute('#memlimit', 'aria-invalid')) !== 'true') throw new Error('field not marked');
  await page.fill('#memlimit', '64MiB');
  await page.dispatchEvent('#memlimit', 'change');
  await runToEnd(page);
  if (!(await page.locator('#status').textContent()).startsWith('Done')) throw new Error('did not run with 64MiB');
  if ((await page.getAttribute('#memlimit', 'aria-invalid')) !== 'false') throw new Error('field still marked');
  await page.fill('#memlimit', '');
  await page.dispatchEvent('#memlimit', 'change');
});

test('a share link opened in a fresh browser (new profile) reproduces the run', async ({ page, base }) => {
  await open(page, base);
  await choosePreset(page, 'string_keys');
  await page.fill('#gogc', '400');
  await page.dispatchEvent('#gogc', 'change');
  await runToEnd(page);
  const want = { Mallocs: await counter(page, 'Mallocs'), HeapAlloc: await counter(page, 'HeapAlloc'), NumGC: await counter(page, 'NumGC') };
  await page.click(T('share'));
  const link = await page.locator(T('share-link')).inputValue();
  if (!link.includes('#v1:')) throw new Error(`share link: ${link}`);
  // a second Chromium with its own empty profile: nothing but the link carries over
  await withBrowser(async (ctx2) => {
    const p2 = await ctx2.newPage();
    await open(p2, link);
    if ((await p2.inputValue('#gogc')) !== '400') throw new Error('GOGC not restored');
    await runToEnd(p2);
    const got = { Mallocs: await counter(p2, 'Mallocs'), HeapAlloc: await counter(p2, 'HeapAlloc'), NumGC: await counter(p2, 'NumGC') };
    if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    await shot(p2, '5-share-link');
    // a damaged link: a clear message, and the editor keeps working
    const p3 = await ctx2.newPage();
    await open(p3, base + '#v1:definitely-not-lz');
    const err = await p3.locator(T('error')).textContent();
    if (!/damaged/.test(err)) throw new Error(`damaged link message: ${err}`);
    // nothing lost: the editor holds what this profile autosaved (the shared source)
    const text = await p3.evaluate(() => document.querySelector('.cm-content').innerText);
    if (!text.includes('map[string]')) throw new Error('the autosaved source was not kept');
  });
});

test('Pause stops a long run at once and the page stays responsive', async ({ page, base }) => {
  await open(page, base);
  await setSource(page, 'm := map[int]int{}\nfor i := 0; ; i++ {\n\tm[i%100000] = i\n}\n');
  await page.click(T('run'));
  await page.waitForFunction(() => /^Running/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  await page.waitForTimeout(500);
  const t0 = Date.now();
  await page.click(T('pause'));
  await page.locator(`${T('run')}:not([disabled])`).waitFor({ timeout: 2000 });
  const took = Date.now() - t0;
  const ops1 = await page.locator('#status').textContent();
  await page.waitForTimeout(300);
  const ops2 = await page.locator('#status').textContent();
  if (ops1 !== ops2) throw new Error(`still running after Pause: ${ops1} -> ${ops2}`);
  if (!/^Paused at line/.test(ops2)) throw new Error(`status after Pause: ${ops2}`);
  const alive = await page.evaluate(() => 1 + 1);
  if (alive !== 2) throw new Error('page not responsive');
  const inPage = await page.evaluate(() => window.bucketlab.lastPauseMs());
  console.log(`     (Pause answered in ${inPage?.toFixed(1)} ms inside the page; ${took} ms through the test driver)`);
  await shot(page, '6-paused');
});

test('Reset during an endless loop stops it, clears the counters and starts over from the first statement', async ({ page, base }) => {
  await open(page, base);
  await setSource(page, 'm := map[int][]byte{}\nfor i := 0; ; i++ {\n\tm[i%50000] = make([]byte, 64)\n}\n');
  await page.click(T('run'));
  await page.waitForFunction(() => /^Running/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  await page.waitForTimeout(500);
  if (!(await counter(page, 'Mallocs') > 0)) throw new Error('no Mallocs while running');
  const t0 = Date.now();
  await page.click(T('reset'));
  await page.waitForFunction(() => /^Reset: ready/.test(document.getElementById('status').textContent), null, { timeout: 5000 });
  const took = Date.now() - t0;
  await page.waitForTimeout(300);
  const st = await page.locator('#status').textContent();
  if (!/^Reset: ready/.test(st)) throw new Error(`still running after Reset: ${st}`);
  const mallocs = await page.locator(T('counter-Mallocs')).textContent();
  if (Number(mallocs) !== 0) throw new Error(`counters not back at the start by Reset: Mallocs ${mallocs}`);
  if ((await page.evaluate(() => window.bucketlab.restarts())) !== 0) throw new Error('Reset of a run must not need a worker restart');
  // the fresh session starts at the first statement: one statement step stops at line 1
  await page.click(T('step-statement'));
  await page.waitForFunction(() => /line 1\b/.test(document.getElementById('status').textContent), null, { timeout: 5000 });
  const inPage = await page.evaluate(() => window.bucketlab.lastResetMs());
  console.log(`     (Reset answered in ${inPage?.toFixed(1)} ms inside the page: run stopped and the source reloaded; ${took} ms through the test driver)`);
  await shot(page, '6b-reset');
});

test('a step that never reaches its boundary: Pause cuts the worker off, restarts it and reloads the code', async ({ page, base }) => {
  await open(page, base);
  // no allocation in the loop, so no GC cycle ever comes: Step GC would run until the 5e9-op budget
  await setSource(page, 'm := map[int]int{}\nfor i := 0; ; i++ {\n\tm[i%8] = i\n}\n');
  await page.click(T('step-gc'));
  await page.waitForFunction(() => /^Stepping \(gc\)/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  await page.waitForTimeout(400);
  const t0 = Date.now();
  if ((await page.evaluate(() => 6 * 7)) !== 42) throw new Error('page not responsive');
  console.log(`     (the page answered in ${Date.now() - t0} ms during the step)`);
  await page.click(T('pause'));
  await page.locator(T('error'), { hasText: 'restarted' }).waitFor({ timeout: 5000 });
  const err = await page.locator(T('error')).textContent();
  if (!/did not answer Pause within 1 s/.test(err)) throw new Error(`error panel: ${err}`);
  await page.locator(`${T('run')}:not([disabled])`).waitFor({ timeout: 30000 });
  if ((await page.evaluate(() => window.bucketlab.restarts())) !== 1) throw new Error('expected one restart');
  // the restarted worker has the code loaded again: Run goes
  await page.click(T('run'));
  await page.waitForFunction(() => /^Running/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  await page.click(T('pause'));
  await page.waitForFunction(() => /^Paused at line/.test(document.getElementById('status').textContent), null, { timeout: 5000 });
  const mapOps = await page.locator('#status').textContent();
  if (!/[1-9][\d,]* map ops/.test(mapOps)) throw new Error(`status: ${mapOps}`);
  await shot(page, '7-restarted');
});

test('the single-file build opens from file:// and runs a preset', async ({ page }) => {
  const file = path.join(inlineSite, 'index.html');
  if (!existsSync(file)) throw new Error(`${file} missing (scripts/build-web.sh builds it)`);
  await open(page, pathToFileURL(file).href);
  await choosePreset(page, 'slice_growth');
  await runToEnd(page);
  if (!(await counter(page, 'Mallocs') > 0)) throw new Error('no Mallocs');
  await shot(page, '8-file-url');
});

test('a hostile share link runs no script and shows its source as text', async ({ page, base }) => {
  const { encodeLink } = await import('../src/share.js');
  const evil = '// </script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">\n' +
    'fmt.Println("<b>bold?</b><script>window.__pwned = 3</script>")\n';
  const link = base + encodeLink(evil, { go: 19, gogc: 100, memlimit: '', seed: '1' });
  await open(page, link);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  if (!csp || !csp.includes("default-src 'none'")) throw new Error(`CSP: ${csp}`);
  await runToEnd(page);
  const out = await page.locator(T('output')).textContent();
  if (!out.includes('<b>bold?</b><script>window.__pwned = 3</script>')) throw new Error(`output not shown as text: ${out}`);
  if (await page.locator('#output b, #output script, #editor img').count()) throw new Error('workload text became HTML');
  const pwned = await page.evaluate(() => window.__pwned);
  if (pwned !== undefined) throw new Error(`a script ran: __pwned = ${pwned}`);
  await shot(page, '10-hostile-link');
});

test('nothing is lost: a crashed worker restarts, a reload keeps the editor, a bad link keeps it too', async ({ page, base }) => {
  await open(page, base);
  const mine = 'x := 40\nfmt.Println("mine", x+2)\n';
  await setSource(page, mine);
  await page.evaluate(() => window.bucketlab.crashWorker());
  await page.locator(`${T('error')}:not([hidden])`).waitFor({ timeout: 10000 });
  const err = await page.locator(T('error')).textContent();
  if (!/crashed.*restarted/.test(err)) throw new Error(`crash message: ${err}`);
  await page.locator(`${T('run')}:not([disabled])`).waitFor({ timeout: 20000 });
  await runToEnd(page);
  if (!(await page.locator(T('output')).textContent()).includes('mine 42')) throw new Error('the restarted worker did not run the code');
  await page.reload();
  await page.locator(`${T('run')}:not([disabled])`).waitFor({ timeout: 20000 });
  const text = await page.locator(`${T('editor')} .cm-content`).innerText();
  if (!text.includes('fmt.Println("mine", x+2)')) throw new Error(`after reload the editor holds: ${text}`);
  await page.goto(base + '#v1:%%%damaged');
  await page.locator(`${T('run')}:not([disabled])`).waitFor({ timeout: 20000 });
  const after = await page.locator(`${T('editor')} .cm-content`).innerText();
  if (!after.includes('fmt.Println("mine", x+2)')) throw new Error(`after a bad link the editor holds: ${after}`);
  await shot(page, '11-nothing-lost');
});

test('a workload that exhausts memory ends with Go\'s out-of-memory message, the page lives on', async ({ page, base }) => {
  await open(page, base);
  await setSource(page, 'var keep [][]byte\nfor {\n\tkeep = append(keep, make([]byte, 1<<20))\n}\n');
  await page.selectOption('#speed', 'max');
  await runToEnd(page, 120000);
  const err = await page.locator(T('error')).textContent();
  if (!/fatal error: out of memory/.test(err) || !/line 3:26/.test(err)) throw new Error(`error panel: ${err}`);
  if ((await page.evaluate(() => 6 * 7)) !== 42) throw new Error('page not responsive');
  await shot(page, '12-out-of-memory');
});

(await import('./compare-cases.mjs')).default({ test, T, open, counter, choosePreset, setSource, runToEnd, artifacts });  // compare, classroom, x axis
(await import('./mapview-cases.mjs')).register({ test, T, open, setSource, runToEnd, shot, artifacts });  // map view (issue 7)
(await import('./heapview-cases.mjs')).default(test, { T, shot, open, setSource, runToEnd, counter, artifacts });
(await import('./snapmap-cases.mjs')).default(test, { T, open, setSource, runToEnd, shot });  // map view at a scrubbed moment (issue 7)
(await import('./inspect-cases.mjs')).default(test, { T, open, setSource, runToEnd, shot });  // map view from the flat snapshot (issue 9)
const server = await startServer(site, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
let passed = 0, failed = 0;
try {
  await withBrowser(async (context) => {
    // E2E_ONLY=substring runs only the matching cases (for iterating on one)
    for (const t of tests.filter((x) => !process.env.E2E_ONLY || x.name.includes(process.env.E2E_ONLY))) {
      const page = await context.newPage();
      try {
        await t.fn({ page, base, context });
        passed++;
        console.log(`ok   ${t.name}`);
      } catch (e) {
        failed++;
        console.log(`FAIL ${t.name}\n     ${String(e.message ?? e).split('\n').join('\n     ')}`);
        await shot(page, `FAILED-${tests.indexOf(t) + 1}`).catch(() => {});
      } finally {
        await page.close();
      }
    }
  });
} finally {
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
