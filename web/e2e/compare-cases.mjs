// e2e cases for compare mode, classroom mode and the charts' x axis
// (registered by run.mjs). Screenshots at 1920x1080 and at a 1024x768
// tablet viewport go to the artifact directory.
import path from 'node:path';
import { withBrowser } from './browser.mjs';

// A small workload: a map that grows (buckets evacuated), runtime.GC, and
// enough allocation for heap-triggered cycles.
const SOURCE = 'm := make(map[int]int)\nfor i := 0; i < 5000; i++ {\n\tm[i] = i\n}\nruntime.GC()\nvar keep [][]byte\nfor i := 0; i < 600; i++ {\n\tkeep = append(keep, make([]byte, 16384))\n\tif i%3 == 0 {\n\t\tkeep = keep[1:]\n\t}\n}\nfmt.Println(len(m), len(keep))\n';
const FIELDS = ['HeapAlloc', 'HeapInuse', 'HeapSys', 'HeapReleased', 'Mallocs', 'Frees', 'TotalAlloc', 'NumGC', 'NextGC', 'HeapObjects'];

export default function register({ test, T, open, counter, choosePreset, setSource, runToEnd, artifacts }) {
  const png = (name) => path.join(artifacts, `${name}.png`);
  async function setting(page, id, value) {
    const el = page.locator(`#${id}`);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(String(value));
    else { await el.fill(String(value)); await el.dispatchEvent('change'); }
  }
  // One run alone: its final counters and modelled time.
  async function single(page, go, gogc) {
    await setting(page, 'go', go);
    await setting(page, 'gogc', gogc);
    await runToEnd(page);
    const st = await page.locator('#status').textContent();
    if (!/^Done/.test(st)) throw new Error(`single run go=${go} gogc=${gogc}: ${st}`);
    const v = {};
    for (const f of FIELDS) v[f] = await counter(page, f);
    v.elapsed_ns = Number(await page.locator(T('modelled-elapsed')).getAttribute('data-value'));
    return v;
  }
  async function runBoth(page) {
    await page.click(T('cmp-run'));
    await page.waitForFunction(() => /^(Both runs finished|side|Fix)/i.test(document.getElementById('cmp-status').textContent), null, { timeout: 120000 });
    const st = await page.locator(T('cmp-status')).textContent();
    if (!/^Both runs finished\.$/.test(st)) throw new Error(`compare status: ${st}`);
  }
  async function compareValues(page) {
    const out = { a: {}, b: {} };
    for (const s of ['a', 'b']) {
      for (const f of [...FIELDS, 'elapsed_ns']) out[s][f] = Number(await page.locator(T(`cmp-${s}-${f}`)).getAttribute('data-value'));
    }
    return out;
  }
  function same(what, got, want) {
    for (const f of Object.keys(want)) if (got[f] !== want[f]) throw new Error(`${what} ${f}: compare shows ${got[f]}, a run alone gave ${want[f]}`);
  }

  test('compare: two charts overlaid on modelled time, a diff table equal to each run alone; the link restores both sides', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, SOURCE);
    const alone = { a: await single(page, 19, 100), b: await single(page, 26, 400) };
    if (alone.a.NumGC === alone.b.NumGC && alone.a.HeapSys === alone.b.HeapSys) throw new Error('the two configurations gave the same run: the test would prove nothing');
    await setting(page, 'go', 19);
    await setting(page, 'gogc', 100);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.click(T('compare-toggle'));
    await setting(page, 'cmp-go', 26);
    await setting(page, 'cmp-gogc', 400);
    await runBoth(page);
    const got = await compareValues(page);
    same('side A', got.a, alone.a);
    same('side B', got.b, alone.b);
    // B − A and B / A are B − A and B / A of those values
    const diff = Number(await page.locator(T('cmp-diff-TotalAlloc')).getAttribute('data-value'));
    if (diff !== alone.b.TotalAlloc - alone.a.TotalAlloc) throw new Error(`TotalAlloc B − A: ${diff}`);
    // every chart holds both sides' lines (A solid, B dashed) on one shared x
    const charts = await page.evaluate(() => Object.entries(window.bucketlab.compare().plots).map(([id, u]) => ({
      id, labels: u.series.map((s) => s.label), dashed: u.series.map((s) => !!s.dash),
      filled: u.data.slice(1).map((col) => col.filter((v) => v !== null).length), x: u.data[0].length,
      sorted: u.data[0].every((v, i, a) => i === 0 || a[i - 1] < v),
    })));
    if (charts.length !== 3) throw new Error(`${charts.length} compare charts`);
    for (const c of charts) {
      const half = (c.labels.length - 1) / 2;
      if (!c.sorted || c.filled.some((n) => n < 2)) throw new Error(`chart ${c.id}: ${JSON.stringify(c)}`);
      if (c.dashed.slice(1, 1 + half).some(Boolean) || !c.dashed.slice(1 + half).every(Boolean)) throw new Error(`chart ${c.id} dashes: ${c.dashed}`);
      if (!c.labels[1].startsWith('A ') || !c.labels[1 + half].startsWith('B ')) throw new Error(`chart ${c.id} labels: ${c.labels}`);
    }
    const heapX = await page.evaluate(() => { const u = window.bucketlab.compare().plots.heap; return [u.data[0][u.data[0].length - 1], u.axes[0].label]; });
    if (heapX[0] !== Math.max(alone.a.elapsed_ns, alone.b.elapsed_ns) + 1 || heapX[1] !== 'modelled time') throw new Error(`shared x ends at ${heapX[0]} (${heapX[1]}); the runs took ${alone.a.elapsed_ns} and ${alone.b.elapsed_ns} ns`);
    await page.locator(T('compare')).scrollIntoViewIfNeeded();
    await page.screenshot({ path: png('compare-1920x1080'), fullPage: true });
    await page.locator(T('compare')).screenshot({ path: png('compare-panel') });  // docs/compare.png
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    if (overflow > 0) throw new Error(`at 1024x768 the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: png('compare-1024x768'), fullPage: true });

    // the compare link, reopened in a fresh browser (no autosave), restores both sides
    await page.click(T('cmp-share'));
    const link = await page.evaluate(() => location.href);
    if (!link.includes('#v2:')) throw new Error(`compare link: ${link}`);
    await withBrowser(async (ctx) => {
      const p2 = await ctx.newPage();
      try {
        await open(p2, link);
        const text = await p2.locator(`${T('editor')} .cm-content`).innerText();
        if (text.trim() !== SOURCE.trim()) throw new Error(`editor after the link: ${text}`);
        const form = await p2.evaluate(() => ['go', 'gogc', 'cmp-go', 'cmp-gogc', 'cmp-same'].map((id) => { const e = document.getElementById(id); return e.type === 'checkbox' ? e.checked : e.value; }));
        if (JSON.stringify(form) !== JSON.stringify(['19', '100', '26', '400', true])) throw new Error(`settings after the link: ${form}`);
        if (await p2.locator(T('compare')).isHidden()) throw new Error('the compare panel is not open');
        await runBoth(p2);
        const again = await compareValues(p2);
        same('restored side A', again.a, alone.a);
        same('restored side B', again.b, alone.b);
      } finally {
        await p2.close();
      }
    });
  });

  test('charts: x axis is modelled time by default, instruction count on request', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, SOURCE);
    await runToEnd(page);
    const check = () => page.evaluate(() => {
      const t = window.bucketlab.table(), u = window.bucketlab.charts.plots.heap;
      return { axis: u.axes[0].label, x: u.data[0].slice(0, t.rows), ns: t.column('nanotime'), ops: t.column('ops') };
    });
    let c = await check();
    if (c.axis !== 'modelled time' || JSON.stringify(c.x) !== JSON.stringify(c.ns)) throw new Error(`default axis ${c.axis}: x ${c.x.slice(0, 3)} vs nanotime ${c.ns.slice(0, 3)}`);
    await page.selectOption(T('x-axis'), 'ops');
    await page.waitForTimeout(100);
    c = await check();
    if (c.axis !== 'ops (instructions)' || JSON.stringify(c.x) !== JSON.stringify(c.ops)) throw new Error(`ops axis ${c.axis}: x ${c.x.slice(0, 3)} vs ops ${c.ops.slice(0, 3)}`);
  });

  test('classroom: editor hidden, arrow keys step, narration says what each step did', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, SOURCE);  // a growing map, then runtime.GC
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.click(T('classroom-toggle'));
    if (!page.url().includes('classroom=1')) throw new Error(`URL without the classroom flag: ${page.url()}`);
    if (await page.locator(T('editor')).isVisible()) throw new Error('the editor is still shown');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => /bucket \d+ evacuated/.test(document.getElementById('narration').textContent), null, { timeout: 30000 });
    const ev = await page.locator(T('narration')).textContent();
    // the sentence's numbers are the core's event (the log's last line says the same in its own words)
    const m = /bucket (\d+) evacuated: (\d+) (?:entry|entries) to X \(bucket \1\), (\d+) to Y \(bucket (\d+)\)\.$/.exec(ev);
    const log = await page.locator(`${T('event-log')} .ev-MapEvacuate`).last().textContent();
    const l = /bucket (\d+) evacuated: (\d+) entries to X, (\d+) to Y/.exec(log);
    if (!m || !l || m[1] !== l[1] || m[2] !== l[2] || m[3] !== l[3]) throw new Error(`narration "${ev}" vs log "${log}"`);
    await page.screenshot({ path: png('classroom-evacuation'), clip: { x: 0, y: 0, width: 1920, height: 640 } });  // docs/classroom.png
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => /^GC #\d+ ends: /.test(document.getElementById('narration').textContent), null, { timeout: 60000 });
    const gcLine = await page.locator(T('narration')).textContent();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((was) => document.getElementById('narration').textContent !== was && document.body.dataset.mode === 'idle', gcLine, { timeout: 20000 });
    const sz = await page.locator(T('step-evacuation')).boundingBox();
    if (sz.height < 44) throw new Error(`step button ${sz.height}px high: too small for a projector/touch`);
    await page.screenshot({ path: png('classroom-1920x1080') });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    if (overflow > 0) throw new Error(`at 1024x768 the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: png('classroom-1024x768') });
    // the flag in a link opens classroom mode directly; Swiss tables narrate their grows
    await page.goto(base + '?classroom=1');
    await page.locator(`${T('run')}:not([disabled])`).waitFor({ timeout: 30000 });
    if (!(await page.evaluate(() => document.body.classList.contains('classroom')))) throw new Error('?classroom=1 did not open classroom mode');
    await page.selectOption('#go', '26');
    await page.evaluate(() => document.activeElement.blur());  // the arrows step unless a form field has the focus
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => /^map m: table \d+ grew: capacity \d+ → \d+/.test(document.getElementById('narration').textContent), null, { timeout: 30000 });
  });
}
