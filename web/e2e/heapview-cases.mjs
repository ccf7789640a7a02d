// e2e cases of the heap view, the timeline and the export buttons (issue 7).
// run.mjs registers them: (await import('./heapview-cases.mjs')).default(test, helpers).
import { readFile } from 'node:fs/promises';
import { parseCsv } from '../src/export-format.js';

// 20000 nodes of 56 B (size class 6, 64 B: Go's class table) and a map of
// 20000 ints (B=12: a 4096-bucket array of 144 B buckets, a large object).
const ALLOC = `type Node struct {
	next *Node
	pad  [6]int64
}
var keep []*Node
m := map[int]int{}
for i := 0; i < 20000; i++ {
	keep = append(keep, &Node{})
	m[i] = i
	if i%5000 == 4999 {
		runtime.GC()
	}
}
fmt.Println(len(keep), len(m))
`;
// About 64 MiB of live []byte of 256..8192 B (average 4224 B × 16000).
const BIG = `var keep [][]byte
for i := 0; i < 16000; i++ {
	keep = append(keep, make([]byte, 256+(i%32)*256))
}
fmt.Println(len(keep))
`;
const SAMPLED_MEMSTATS = ['HeapAlloc', 'HeapInuse', 'HeapIdle', 'HeapReleased', 'HeapSys', 'NextGC', 'Mallocs', 'Frees', 'HeapObjects', 'TotalAlloc', 'NumGC'];

export default function register(test, { T, shot, open, setSource, runToEnd, counter, artifacts }) {
  const heapState = (page) => page.evaluate(() => {
    const h = window.bucketlab.heap;
    return h.data ? { live: h.data.live, pages: h.data.pages.length, label: h.label.textContent } : null;
  });
  // The colour of page p's cell on the canvas, read back from its pixels.
  const cellPixel = (page, p) => page.evaluate((p) => {
    const h = window.bucketlab.heap;
    const { x, y } = h.cellCenter(p);
    return [...h.canvas.getContext('2d').getImageData(x, y, 1, 1).data.slice(0, 3)];
  }, p);
  // a function predicate (a string one is eval'd when polled, which the page's CSP refuses:
  // it only passed when true at the first check)
  const waitLiveHeap = (page, want = {}) => page.waitForFunction((w) => {
    const h = window.bucketlab.heap;
    if (!(h.data && h.data.live && /^live/.test(h.label.textContent))) return false;
    const n = h.data.pages.length;
    return (w.min === undefined || n >= w.min) && (w.eq === undefined || n === w.eq) && (w.page === undefined || h.data.pages[w.page[0]] === w.page[1]);
  }, want, { timeout: 30000 });

  test('heap view: a free page turns into a coloured span cell; hover names the span, its size class and role', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, ALLOC);
    // stop after the first GC (a quarter of the nodes made): the heap is mapped, mostly free
    await page.click(T('step-gc'));
    await page.waitForFunction(() => /^Stopped after GC cycle/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
    await waitLiveHeap(page, { min: 1 });
    // the lowest free page: the page allocator is address-ordered, so the allocations take it
    // (fresh from the OS, a page counts as released until first used: HeapReleased)
    const { p, st } = await page.evaluate(() => { const pg = window.bucketlab.heap.data.pages; const p = pg.findIndex((s) => s === 0 || s === 1); return { p, st: pg[p] }; });
    if (p < 0) throw new Error('no free page at the start');
    const before = await cellPixel(page, p);
    if (before.join() !== (st === 0 ? '226,232,240' : '255,255,255')) throw new Error(`free page ${p} (state ${st}) drawn as ${before}`);
    await runToEnd(page);
    await waitLiveHeap(page, { page: [p, 2] });
    const after = await cellPixel(page, p);
    if (after.join() === before.join()) throw new Error(`page ${p} still drawn ${after} after it came into use`);
    // hover the bucket array and a page of nodes: the tooltip names class and role
    const find = (role) => page.evaluate((role) => {
      const h = window.bucketlab.heap;
      for (let q = 0; q < h.data.pages.length; q++) { const s = h.span(q); if (s && h.data.roles[s.role] === role) return q; }
      return -1;
    }, role);
    const hoverPage = async (q) => {
      await page.locator(T('heap-canvas')).scrollIntoViewIfNeeded();
      const box = await page.locator(T('heap-canvas')).boundingBox();
      const { x, y } = await page.evaluate((q) => { const h = window.bucketlab.heap, L = h.layout; return { x: ((q % L.cols) + 0.4) * L.cell, y: (Math.floor(q / L.cols) + 0.4) * L.cell }; }, q);
      await page.mouse.move(box.x + x, box.y + y);
      await page.locator(`${T('heap-tooltip')}:not([hidden])`).waitFor({ timeout: 5000 });
      return page.locator(T('heap-tooltip')).textContent();
    };
    const bucketsPage = await find('map bucket array');
    const nodesPage = await find('user object (newobject)');
    if (bucketsPage < 0 || nodesPage < 0) throw new Error(`no span for the buckets (${bucketsPage}) or the nodes (${nodesPage})`);
    const tb = await hoverPage(bucketsPage);
    if (!/size class 0 \(large object/.test(tb) || !/allocated for: map bucket array/.test(tb)) throw new Error(`bucket array tooltip: ${tb}`);
    const tn = await hoverPage(nodesPage);
    if (!/size class 6 \(64 B objects\)/.test(tn) || !/allocated for: user object \(newobject\)/.test(tn) || !/\bscan\b/.test(tn)) throw new Error(`node tooltip: ${tn}`);
    await page.locator('#heap-panel').scrollIntoViewIfNeeded();
    await shot(page, 'hv-1-heap-view');
    await page.mouse.move(0, 0);
    await page.locator('#heap-panel').screenshot({ path: `${artifacts}/hv-1-heap-panel.png` });
    // the free-run histogram counts the runs the core counts
    const runs = await page.locator(T('heap-frag')).textContent();
    if (!/in \d+ runs, largest \d+ pages/.test(runs)) throw new Error(`fragmentation figures: ${runs}`);
    // keyboard: the canvas takes focus and arrow keys describe pages
    await page.mouse.move(0, 0);
    await page.focus(T('heap-canvas'));
    await page.keyboard.press('ArrowRight');  // the first key selects page 0
    await page.keyboard.press('ArrowRight');
    const tk = await page.locator(T('heap-tooltip')).textContent();
    if (!/^page 1 /.test(tk)) throw new Error(`keyboard tooltip: ${tk}`);
  });

  test('export: the CSV\'s last row equals the counters panel; JSON and PNG download', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, ALLOC);
    await runToEnd(page);
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click(T('export-csv'))]);
    const rows = parseCsv(await readFile(await csvDl.path(), 'utf8'));
    const head = rows[0], last = rows[rows.length - 1];
    for (const f of SAMPLED_MEMSTATS) {
      const i = head.indexOf(f);
      if (i < 0) throw new Error(`CSV lacks ${f}: ${head}`);
      const panel = await counter(page, f);
      if (Number(last[i]) !== panel) throw new Error(`${f}: CSV last row ${last[i]}, counters panel ${panel}`);
    }
    if (Number(last[head.indexOf('reason')]) !== 3) throw new Error('the last row is not the final sample');
    const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click(T('export-json'))]);
    const j = JSON.parse(await readFile(await jsonDl.path(), 'utf8'));
    if (j.rows.length !== rows.length - 1 || j.columns.join() !== head.join()) throw new Error(`JSON: ${j.rows.length} rows, CSV ${rows.length - 1}`);
    if (j.rows.at(-1).join() !== last.map(Number).join()) throw new Error('JSON and CSV last rows differ');
    await waitLiveHeap(page);
    for (const target of ['heap-view', 'chart-heap']) {
      await page.focus(T('export-png-target'));
      await page.selectOption(T('export-png-target'), target);
      const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click(T('export-png'))]);
      const png = await readFile(await pngDl.path());
      if (png.subarray(1, 4).toString() !== 'PNG' || png.length < 500) throw new Error(`${target}: not a PNG (${png.length} bytes)`);
      if (!pngDl.suggestedFilename().startsWith(`bucketlab-${target}-`)) throw new Error(`file name ${pngDl.suggestedFilename()}`);
    }
    console.log(`     (exported ${rows.length - 1} sample rows × ${head.length} columns)`);
    await page.locator(T('export-csv')).scrollIntoViewIfNeeded();
    await shot(page, 'hv-2-export');
  });

  test('timeline: scrubbing back shows an earlier row, a chart marker and the nearest snapshot; Live resumes', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, ALLOC);
    await runToEnd(page);
    await waitLiveHeap(page);
    const liveAlloc = await counter(page, 'HeapAlloc');
    const livePages = (await heapState(page)).pages;
    const rows = await page.evaluate(() => window.bucketlab.table().rows);
    const row = Math.floor(rows / 3);
    const want = await page.evaluate((r) => ({ HeapAlloc: window.bucketlab.table().value(r, 'HeapAlloc'), NumGC: window.bucketlab.table().value(r, 'NumGC'), ops: window.bucketlab.table().value(r, 'ops') }), row);
    await page.$eval(T('timeline-scrubber'), (e, r) => { e.value = String(r); e.dispatchEvent(new Event('input', { bubbles: true })); }, row);
    const shown = await counter(page, 'HeapAlloc');
    if (shown !== want.HeapAlloc || shown === liveAlloc) throw new Error(`scrubbed to row ${row}: HeapAlloc ${shown}, row has ${want.HeapAlloc}, live ${liveAlloc}`);
    if ((await counter(page, 'NumGC')) !== want.NumGC) throw new Error('NumGC not the row\'s');
    const pos = await page.locator(T('timeline-position')).textContent();
    if (!pos.startsWith(`sample ${row} of ${rows - 1}`)) throw new Error(`position: ${pos}`);
    if (!(await page.locator(`${T('chart-heap')} ${T('timeline-mark')}`).isVisible())) throw new Error('no marker on the heap chart');
    await page.waitForFunction(() => /^snapshot at (GC \d+ (start|end)|map \d+ grow (start|end)) \(sample \d+, [\d,]+ ops\)/.test(window.bucketlab.heap.label.textContent), null, { timeout: 20000 });
    const label = await page.locator(T('heap-label')).textContent();
    if (!/ · m: \d+ entries, B=\d+/.test(label)) throw new Error(`no map shape in the snapshot label: ${label}`);
    const snapOps = Number(/\(sample \d+, ([\d,]+) ops\)/.exec(label)[1].replace(/,/g, ''));
    if (!(snapOps <= want.ops)) throw new Error(`snapshot at ${snapOps} ops is after the row's ${want.ops}: ${label}`);
    await page.locator('#heap-panel').scrollIntoViewIfNeeded();
    await shot(page, 'hv-3-scrubbed');
    // a PROGRESS-free moment: the values stay; Live brings the newest back
    await page.click(T('timeline-live'));
    if ((await counter(page, 'HeapAlloc')) !== liveAlloc) throw new Error('Live did not restore the counters');
    await waitLiveHeap(page, { eq: livePages });
    if (await page.locator(`${T('chart-heap')} ${T('timeline-mark')}`).count()) throw new Error('the marker stayed after Live');
  });

  test('heap view redraw rate at a 64 MiB heap (printed, not asserted)', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, BIG);
    await page.selectOption('#speed', 'max');
    await runToEnd(page, 120000);
    await waitLiveHeap(page, { min: 8192 });
    const st = await heapState(page);
    await page.locator('#heap-panel').scrollIntoViewIfNeeded();
    const r = await page.evaluate(() => window.bucketlab.heap.bench(120));
    const f = await page.evaluate(() => window.bucketlab.heap.bench(120, true));
    console.log(`     (heap view, ${st.pages} pages = ${(st.pages / 128).toFixed(0)} MiB mapped: page cells ${r.fps.toFixed(1)} redraws/s over ${r.frames} animation frames, ${r.drawMs.toFixed(2)} ms each; ` +
      `whole view (cells, page→span index, label, histograms) ${f.fps.toFixed(1)} redraws/s, ${f.drawMs.toFixed(2)} ms each)`);
    await shot(page, 'hv-4-heap-64mib');
  });
}
