// e2e case of the timeline's map snapshots (issue 7): scrubbed back, the map
// view draws the heat rows the nearest retained snapshot kept, labelled as a
// snapshot; Live brings the live map back. A small map's past is drawn slot
// by slot from the grid the snapshot kept. run.mjs registers it.
import { COLORS, rgb } from '../src/mapview-layout.js';

const same = (a, b) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 2);

export default function register(test, { T, open, setSource, runToEnd, shot }) {
  const scrubTo = (page, row) =>
    page.$eval(T('timeline-scrubber'), (e, r) => { e.value = String(r); e.dispatchEvent(new Event('input', { bubbles: true })); }, row);
  // Scrubs to the middle sample and waits for the map view to draw a
  // snapshot slot by slot; returns the live label (to compare after Live)
  // and the sample row chosen.
  async function scrubMiddleToSlots(page) {
    const liveHead = await page.locator(T('mapview-head')).textContent();
    const rows = await page.evaluate(() => window.bucketlab.table().rows);
    const row = Math.floor(rows / 2);
    await scrubTo(page, row);
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid="mapview-canvas"]');
      return c.dataset.mode === 'detail' && c.dataset.snapshot !== '' && /snapshot at/.test(document.querySelector('[data-testid="mapview-head"]').textContent);
    }, null, { timeout: 20000 });
    return { liveHead, row, rows };
  }
  test('timeline: scrubbed before the last grow, the map view shows the snapshot\'s smaller B; Live restores it', async ({ page, base }) => {
    await open(page, base);
    // 3000 ints: B grows 0 → 9 (6.5 · 2^8 = 1664 < 3000 ≤ 6.5 · 2^9); the
    // last grow starts at entry 1665, past half of the run.
    await setSource(page, 'm := map[int]int{}\nfor i := 0; i < 3000; i++ {\n\tm[i] = i\n}\nfmt.Println(len(m))\n');
    await runToEnd(page);
    const head = () => page.locator(T('mapview-head')).textContent();
    await page.waitForFunction(() => /: 512 buckets/.test(document.querySelector('[data-testid="mapview-head"]').textContent), null, { timeout: 30000 });
    const liveHead = await head();
    const rows = await page.evaluate(() => window.bucketlab.table().rows);
    const row = Math.floor(rows / 3);
    const rowOps = await page.evaluate((r) => window.bucketlab.table().value(r, 'ops'), row);
    await scrubTo(page, row);
    await page.waitForFunction(() => /snapshot at .* entries/.test(document.querySelector('[data-testid="mapview-head"]').textContent), null, { timeout: 20000 });
    const text = await head();
    const m = /snapshot at (.+) \(sample \d+, ([\d,]+) ops\): B=(\d+), (\d+) entries/.exec(text);
    if (!m) throw new Error(`map view label: ${text}`);
    const ops = Number(m[2].replace(/,/g, '')), B = Number(m[3]), entries = Number(m[4]);
    if (!(B >= 1 && B < 9)) throw new Error(`snapshot B=${B} is not below the live B=9: ${text}`);
    if (!(ops <= rowOps)) throw new Error(`snapshot at ${ops} ops is after the row's ${rowOps}`);
    if (!/live only/.test(text)) throw new Error(`the label does not say slot detail is live only: ${text}`);
    // The drawn rows are the snapshot's: 2^B buckets (plus the old half
    // mid-grow), and their occupied slots add up to the summary's count.
    const st = await page.evaluate(() => {
      const v = window.bucketlab.mapView, s = v.state;
      let occupied = 0;
      for (let r = 0; r < s.header.rows; r++) occupied += s.heat[8 + r * s.header.stride];
      return { n: s.header.n, nold: s.header.nold, occupied, mode: v.mode, snap: v.canvas.dataset.snapshot };
    });
    if (st.n !== 2 ** B) throw new Error(`heat rows of ${st.n} buckets, the snapshot says B=${B}`);
    if (st.occupied !== entries) throw new Error(`heat rows hold ${st.occupied} entries, the snapshot says ${entries}`);
    if (st.mode !== 'heat' || st.snap === '') throw new Error(`map view mode ${st.mode}, snapshot ${st.snap}`);
    console.log(`     (row ${row} of ${rows}: ${text.slice(text.indexOf('snapshot'), text.indexOf(' ·'))}; ${st.n}+${st.nold} buckets drawn)`);
    await page.locator(T('mapview-canvas')).scrollIntoViewIfNeeded();
    await shot(page, 'sm-1-map-snapshot');
    await page.click(T('timeline-live'));
    await page.waitForFunction((h) => document.querySelector('[data-testid="mapview-head"]').textContent === h, liveHead, { timeout: 20000 });
    if (await page.evaluate(() => window.bucketlab.mapView.canvas.dataset.snapshot) !== '') throw new Error('still a snapshot after Live');
  });

  test('timeline: scrubbed to a small map\'s grow start, the map view draws that moment\'s slots (B=4, old and new arrays); keys are live only; Live restores', async ({ page, base }) => {
    await open(page, base);
    // The 53rd assignment grows B=3 → 4 (overLoadFactor: 53 > 6.5 · 8); then
    // only reads (they never evacuate: most of the run sits inside the grow),
    // then 27 more assignments finish it (growWork on each).
    await setSource(page, 'm := map[int]int{}\nfor i := 0; i < 53; i++ {\n\tm[i] = i\n}\ns := 0\nfor r := 0; r < 400; r++ {\n\tfor i := 0; i < 53; i++ {\n\t\ts += m[i]\n\t}\n}\nfor i := 53; i < 80; i++ {\n\tm[i] = i\n}\nfmt.Println(len(m), s)\n');
    await runToEnd(page);
    const head = () => page.locator(T('mapview-head')).textContent();
    await page.waitForFunction(() => /: 16 buckets · every slot drawn/.test(document.querySelector('[data-testid="mapview-head"]').textContent), null, { timeout: 30000 });
    const { liveHead, row, rows } = await scrubMiddleToSlots(page);
    const text = await head();
    // hashGrow has run, growWork not yet: B=4, the 52 entries all in the 8 old buckets
    if (!/snapshot at map 0 grow start \(sample \d+, [\d,]+ ops\): B=4, 52 entries, growing · every slot drawn/.test(text)) throw new Error(`map view label: ${text}`);
    if (!/keys, elems, hashes and evacuation moves are live only/.test(text)) throw new Error(`the label does not say keys are live only: ${text}`);
    const st = await page.evaluate(() => {
      const v = window.bucketlab.mapView, s = v.state.snapshot;
      const cells = v.layout.cells.map((c) => ({ x: c.x, y: c.y, w: c.w, h: c.h, array: c.array, bucket: c.bucket, chain: c.chain, slot: c.slot, kind: c.kind, byte: c.byte, hash: c.hash }));
      return { B: s.B, nbuckets: s.nbuckets, nold: s.noldbuckets, nevacuate: s.nevacuate, frontier: !!v.layout.frontier, animating: v.canvas.dataset.animating, cells };
    });
    if (st.B !== 4 || st.nbuckets !== 16 || st.nold !== 8 || st.nevacuate !== 0 || !st.frontier) throw new Error(`snapshot grid: B=${st.B}, ${st.nbuckets}+${st.nold} buckets, nevacuate ${st.nevacuate}, frontier ${st.frontier}`);
    if (st.animating === '1') throw new Error('an evacuation animation in the past');
    const old = st.cells.filter((c) => c.array === 'old'), neu = st.cells.filter((c) => c.array === 'new');
    const oldFull = old.filter((c) => c.kind === 'full').length;
    if (oldFull !== 52 || neu.some((c) => c.kind !== 'emptyRest')) throw new Error(`old array ${oldFull} occupied slots (want 52), new array kinds ${[...new Set(neu.map((c) => c.kind))]}`);
    if (st.cells.some((c) => c.hash)) throw new Error('a past slot carries a hash');
    // the canvas: every slot in its state's colour (occupied old slots, empty new ones)
    const cols = await page.evaluate((rs) => {
      const c = document.querySelector('[data-testid="mapview-canvas"]');
      const dpr = c.width / parseFloat(c.style.width), ctx = c.getContext('2d');
      return rs.map((r) => [...ctx.getImageData(Math.floor((r.x + r.w / 2) * dpr), Math.floor((r.y + r.h / 2) * dpr), 1, 1).data.slice(0, 3)]);
    }, st.cells);
    const wrong = st.cells.filter((c, i) => !same(cols[i], rgb(COLORS[c.kind])));
    if (wrong.length) throw new Error(`${wrong.length} slots not in their state's colour, e.g. ${JSON.stringify(wrong[0])}`);
    // hover an occupied old slot: its tophash byte and meaning; the key is live only (nothing asked of the core)
    const cell = old.find((c) => c.kind === 'full');
    const canvas = page.locator(T('mapview-canvas'));
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + cell.x + cell.w / 2, box.y + cell.y + cell.h / 2);
    const tip = page.locator(T('mapview-tooltip'));
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    const tipText = await tip.innerText();
    const byte = `tophash 0x${cell.byte.toString(16).padStart(2, '0')}`;
    if (!tipText.includes(byte) || !/live only/.test(tipText) || /\bkey \S/.test(tipText.replace(/key, elem and hash: live only/, '')) || await tip.getAttribute('data-pending') !== '0') throw new Error(`past tooltip: ${tipText}`);
    console.log(`     (row ${row} of ${rows}: ${text.slice(text.indexOf('snapshot'), text.indexOf(' ·'))}; tooltip ${tipText.split('\n').join(' | ')})`);
    await shot(page, 'sm-2-map-slots-snapshot');
    await page.mouse.move(0, 0);
    // keyboard focus says the same: the focused slot's byte, and its key is live only
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    const focused = await page.evaluate(() => { const v = window.bucketlab.mapView, c = v.layout.cells[v.focus]; return { byte: c.byte, name: c.byteName }; });
    const focusText = await tip.innerText();
    if (!focusText.includes(`${focused.name} 0x${focused.byte.toString(16).padStart(2, '0')}`) || !/live only/.test(focusText) || await tip.getAttribute('data-pending') !== '0') throw new Error(`past focus tooltip: ${focusText}`);
    await page.keyboard.press('Escape');
    await page.click(T('timeline-live'));
    await page.waitForFunction((h) => document.querySelector('[data-testid="mapview-head"]').textContent === h, liveHead, { timeout: 20000 });
    const back = await page.evaluate(() => ({ snap: window.bucketlab.mapView.canvas.dataset.snapshot, mode: window.bucketlab.mapView.mode, nold: window.bucketlab.mapView.state.snapshot.noldbuckets }));
    if (back.snap !== '' || back.mode !== 'detail' || back.nold !== 0) throw new Error(`after Live: ${JSON.stringify(back)}`);
  });

  test('timeline: a Swiss map scrubbed back to its last split draws that moment\'s groups (full slots = the snapshot\'s entries, no later tombstones)', async ({ page, base }) => {
    await open(page, base);
    await page.selectOption('#go', '26');
    await page.dispatchEvent('#go', 'change');
    // 1000 ints split the 1024-slot table (internal/runtime/maps: maxTableCapacity);
    // then reads only; then deletes, which leave tombstones in the live map only.
    await setSource(page, 'm := map[int]int{}\nfor i := 0; i < 1000; i++ {\n\tm[i] = i\n}\ns := 0\nfor r := 0; r < 40; r++ {\n\tfor i := 0; i < 1000; i++ {\n\t\ts += m[i]\n\t}\n}\nfor i := 0; i < 1000; i += 2 {\n\tdelete(m, i)\n}\nfmt.Println(len(m), s)\n');
    try {
      await runToEnd(page);
      await page.waitForFunction(() => /every slot drawn$/.test(document.querySelector('[data-testid="mapview-head"]').textContent), null, { timeout: 30000 });
      const { liveHead, row, rows } = await scrubMiddleToSlots(page);
      const text = await page.locator(T('mapview-head')).textContent();
      const m = /snapshot at map 0 grow end \(sample \d+, [\d,]+ ops\): (\d+) table\(s\), (\d+) entries · every slot drawn from the snapshot \(control bytes\)/.exec(text);
      if (!m) throw new Error(`map view label: ${text}`);
      const st = await page.evaluate(() => {
        const v = window.bucketlab.mapView;
        const kinds = {};
        for (const c of v.layout.cells) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
        return { kinds, tables: v.state.snapshot.table_count, hashes: v.layout.cells.filter((c) => c.hash).length };
      });
      if (st.tables !== Number(m[1]) || st.tables < 2) throw new Error(`${st.tables} tables drawn, label says ${m[1]} (want a split: >= 2)`);
      if (st.kinds.full !== Number(m[2]) || st.kinds.deleted || st.hashes) throw new Error(`drawn ${JSON.stringify(st.kinds)}, ${st.hashes} hashes; the snapshot has ${m[2]} entries and no tombstones`);
      console.log(`     (row ${row} of ${rows}: ${text.slice(text.indexOf('snapshot'), text.indexOf(' ·'))}; drawn ${JSON.stringify(st.kinds)})`);
      await page.click(T('timeline-live'));
      await page.waitForFunction((h) => document.querySelector('[data-testid="mapview-head"]').textContent === h, liveHead, { timeout: 20000 });
      const live = await page.evaluate(() => window.bucketlab.mapView.layout.cells.filter((c) => c.kind === 'full').length);
      if (live !== 500) throw new Error(`live: ${live} full slots, want 500`);
    } finally {
      await page.selectOption('#go', '19');  // the autosave carries settings into the next tests
      await page.dispatchEvent('#go', 'change');
      await page.waitForTimeout(400);
    }
  });
}
