// End-to-end tests of the built site in headless Chromium (Debian's, driven
// by playwright-core). usage: node e2e/run.mjs [SITE_DIR] [ARTIFACT_DIR]
// SITE_DIR is web/dist (served over http); its sibling dist-inline/ is
// opened from file://. One line per test, then "N passed, N failed";
// a screenshot of each test's end state goes to ARTIFACT_DIR.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
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
  await page.click(T('run'));
  await page.waitForFunction(() => /^(Done|The workload panicked|Stopped)/.test(document.getElementById('status').textContent), null, { timeout });
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

test('the page loads, the wasm core starts in the worker, presets are listed', async ({ page, base }) => {
  const errors = await open(page, base);
  const n = await page.locator(`${T('preset-select')} option`).count();
  if (n < 11) throw new Error(`expected every example as a preset, got ${n - 1}`);
  const look = await page.locator('#look').textContent();
  if (!look.startsWith('What to look for:')) throw new Error(`no "what to look for" text: ${look}`);
  await shot(page, '1-loaded');
  if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
});

test('a preset runs to the end: counters change, GCs happen, charts draw', async ({ page, base }) => {
  await open(page, base);
  await choosePreset(page, 'churn_users');
  // run from the keyboard (Ctrl+Enter in the editor)
  await page.click(`${T('editor')} .cm-content`);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => /^(Done|The workload panicked|Stopped)/.test(document.getElementById('status').textContent), null, { timeout: 90000 });
  const status = await page.locator('#status').textContent();
  if (!status.startsWith('Done')) throw new Error(`status: ${status}`);
  const mallocs = await counter(page, 'Mallocs'), numgc = await counter(page, 'NumGC');
  // the CLI's figures for the same source and config (examples/churn_users.go, go1.19, seed 1)
  if (!(mallocs > 1_000_000)) throw new Error(`Mallocs ${mallocs}`);
  if (!(numgc >= 1)) throw new Error(`NumGC ${numgc}`);
  const out = await page.locator(T('output')).textContent();
  if (!out.includes('users: 12000 GCs:')) throw new Error(`output: ${out}`);
  for (const c of ['chart-heap', 'chart-rates', 'chart-frag', 'chart-map'])
    if (!(await canvasDrawn(page, c))) throw new Error(`${c} did not draw`);
  const events = await page.locator(`${T('event-log')} li`).count();
  if (events < 10) throw new Error(`event log has ${events} entries`);
  await shot(page, '2-churn-done');
  // the same page on a projector-sized screen (the layout goes two charts a row)
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(300);
  for (const c of ['chart-heap', 'chart-map'])
    if (!(await canvasDrawn(page, c))) throw new Error(`${c} did not draw at 1920 px`);
  await shot(page, '2b-churn-done-1920');
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
  const last = await page.locator(`${T('event-log')} li`).last().textContent();
  if (!/evacuated/.test(last)) throw new Error(`last event: ${last}`);
  await shot(page, '3-step-evacuation');
  // The same step under Swiss tables stops at a whole-table grow instead.
  await page.selectOption('#go', '26');
  await page.dispatchEvent('#go', 'change');
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.click(T('step-evacuation'));
  await page.waitForFunction(() => /^Stopped after a table grow or split/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  const row = await page.locator('#maps tr').first().textContent();
  if (!/swiss/.test(row)) throw new Error(`maps table: ${row}`);
  const ev = await page.locator(`${T('event-log')} li`).last().textContent();
  if (!/table 0 grew: capacity 8 -> 16/.test(ev)) throw new Error(`last event: ${ev}`);
  await shot(page, '3b-step-swiss-grow');
});

test('a syntax error shows a marker on its line and the message with line:col', async ({ page, base }) => {
  await open(page, base);
  await setSource(page, 'x := 1\ny := x + )\nfmt.Println(x, y)\n');
  await page.click(T('run'));
  await page.locator(`${T('error')}:not([hidden])`).waitFor({ timeout: 20000 });
  const msg = await page.locator(T('error')).textContent();
  if (!/^2:10: syntax error: unexpected \), expect(ed|ing) expression/.test(msg)) throw new Error(`error panel: ${msg}`);
  // the lint gutter marks line 2 (gutter elements are in line order)
  await page.locator('.cm-lint-marker-error').first().waitFor({ timeout: 5000 });
  const line = await page.evaluate(() => {
    const m = document.querySelector('.cm-lint-marker-error');
    const top = m.getBoundingClientRect().top;
    const lines = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')].filter((e) => e.textContent.trim());
    let best = null, dist = 1e9;
    for (const e of lines) { const d = Math.abs(e.getBoundingClientRect().top - top); if (d < dist) { dist = d; best = e.textContent.trim(); } }
    return best;
  });
  if (line !== '2') throw new Error(`marker on line ${line}`);
  // the error panel's button puts the cursor on that line
  await page.click(`${T('error')} button.goto`);
  const active = await page.locator('.cm-activeLine').first().textContent();
  if (!active.includes('y := x + )')) throw new Error(`cursor line after "Go to line": ${active}`);
  await shot(page, '4-syntax-error');
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
    const st = await p2.locator('#status').textContent();
    if (!st.startsWith('Loaded from a share link')) throw new Error(`status after opening the link: ${st}`);
    await runToEnd(p2);
    const got = { Mallocs: await counter(p2, 'Mallocs'), HeapAlloc: await counter(p2, 'HeapAlloc'), NumGC: await counter(p2, 'NumGC') };
    if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    await shot(p2, '5-share-link');
    // a damaged link: a clear message, and the editor keeps working
    const p3 = await ctx2.newPage();
    await open(p3, base + '#v1:definitely-not-lz');
    const err = await p3.locator(T('error')).textContent();
    if (!/damaged/.test(err)) throw new Error(`damaged link message: ${err}`);
  });
});

test('Pause stops a long run at once and the page stays responsive', async ({ page, base }) => {
  await open(page, base);
  await setSource(page, 'm := map[int]int{}\nfor i := 0; ; i++ {\n\tm[i%100000] = i\n}\n');
  await page.click(T('run'));
  await page.waitForFunction(() => /^Running/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  // the charts redraw while the worker runs (at most once per animation frame)
  const live = await page.evaluate(() => new Promise((resolve) => {
    const u0 = window.bucketlab.chartUpdates();
    let frames = 0;
    const f = () => { frames++; requestAnimationFrame(f); };
    requestAnimationFrame(f);
    setTimeout(() => resolve({ frames, updates: window.bucketlab.chartUpdates() - u0 }), 1000);
  }));
  console.log(`     (while running: ${live.frames} frames/s, ${live.updates} chart redraws/s)`);
  if (live.updates < 10) throw new Error(`charts redrew ${live.updates} times in 1 s while running`);
  const t0 = Date.now();
  await page.click(T('pause'));
  await page.locator(`${T('run')}:not([disabled])`).waitFor({ timeout: 2000 });
  const took = Date.now() - t0;
  const ops1 = await page.locator('#status').textContent();
  await page.waitForTimeout(300);
  const ops2 = await page.locator('#status').textContent();
  if (ops1 !== ops2) throw new Error(`still running after Pause: ${ops1} -> ${ops2}`);
  if (!/^Paused at line/.test(ops2)) throw new Error(`status after Pause: ${ops2}`);
  // the page answers a trivial script at once (within 1 s) after Pause
  const t1 = Date.now();
  const alive = await page.evaluate(() => 1 + 1);
  const answered = Date.now() - t1;
  if (alive !== 2 || answered > 1000) throw new Error(`page not responsive: evaluate took ${answered} ms`);
  const inPage = await page.evaluate(() => window.bucketlab.lastPauseMs());
  console.log(`     (Pause answered in ${inPage?.toFixed(1)} ms inside the page; ${took} ms through the test driver)`);
  await shot(page, '6-paused');
});

test('a runaway step is abandoned by Pause: the worker is restarted and the source reloaded', async ({ page, base }) => {
  await open(page, base);
  // no map ever grows: Step evacuation can only end at the ops budget (minutes away)
  await setSource(page, 'x := 0\nfor {\n\tx++\n}\n');
  await page.click(T('step-evacuation'));
  await page.waitForFunction(() => /^Stepping/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  await page.waitForTimeout(300);
  // the page stays responsive while the worker is stuck in the step
  const t1 = Date.now();
  await page.evaluate(() => document.title);
  if (Date.now() - t1 > 1000) throw new Error('page blocked during the step');
  await page.click(T('pause'));
  await page.waitForFunction(() => window.bucketlab.restarts() === 1, null, { timeout: 5000 });
  await page.waitForFunction(() => /source is loaded/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  const err = await page.locator(T('error')).textContent();
  if (!/did not answer Pause.*restarted.*reloaded/s.test(err)) throw new Error(`error panel: ${err}`);
  const src = await page.evaluate(() => document.querySelector('[data-testid="editor"] .cm-content').innerText);
  if (!src.includes('x++')) throw new Error('the editor lost the source');
  // the new worker works: a statement step answers at once
  await page.click(T('step-statement'));
  await page.waitForFunction(() => /^Paused at line \d+:\d+ · 1 ops/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  await shot(page, '7-runaway-restarted');
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
  await shot(page, '9-hostile-link');
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
  await shot(page, '10-nothing-lost');
});

test('a workload that exhausts memory ends with Go\'s out-of-memory message, the page lives on', async ({ page, base }) => {
  await open(page, base);
  await setSource(page, 'var keep [][]byte\nfor {\n\tkeep = append(keep, make([]byte, 1<<20))\n}\n');
  await page.selectOption('#speed', 'fast');
  await runToEnd(page, 120000);
  const err = await page.locator(T('error')).textContent();
  if (!/fatal error: out of memory/.test(err) || !/line 3:26/.test(err)) throw new Error(`error panel: ${err}`);
  if ((await page.evaluate(() => 6 * 7)) !== 42) throw new Error('page not responsive');
  await shot(page, '11-out-of-memory');
});

const server = await startServer(site, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
let passed = 0, failed = 0;
try {
  await withBrowser(async (context) => {
    for (const t of tests) {
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
