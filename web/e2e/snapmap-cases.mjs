// e2e case of the timeline's map snapshots (issue 7): scrubbed back, the map
// view draws the heat rows the nearest retained snapshot kept, labelled as a
// snapshot; Live brings the live map back. run.mjs registers it.
export default function register(test, { T, open, setSource, runToEnd, shot }) {
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
    await page.$eval(T('timeline-scrubber'), (e, r) => { e.value = String(r); e.dispatchEvent(new Event('input', { bubbles: true })); }, row);
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
}
