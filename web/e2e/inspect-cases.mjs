// e2e case of the flat map snapshot (issue 9): the map view draws a Swiss
// map's groups from mapFlat() and, on hover, asks the core for the slot's
// key and elem (inspectSlot). The workload stores m[i] = i, so whatever slot
// is hovered, its key and elem must be the same number, and its control
// byte must be H2 of the hash shown (the hash's low 7 bits). run.mjs registers it.
export default function register(test, { T, open, setSource, runToEnd, shot }) {
  test('map view (flat snapshot): hovering a Swiss slot fetches its key and elem; key = elem, ctrl = H2(hash)', async ({ page, base }) => {
    await open(page, base);
    await page.selectOption('#go', '26');
    await page.dispatchEvent('#go', 'change');
    await setSource(page, 'm := map[int]int{}\nfor i := 0; i < 150; i++ {\n\tm[i] = i\n}\nfmt.Println(len(m))\n');
    try {
      await runToEnd(page);
      await page.waitForFunction(() => document.querySelector('[data-testid="mapview-canvas"]')?.dataset.mode === 'detail', null, { timeout: 30000 });
      const cells = await page.evaluate(() => {
        const v = window.bucketlab.mapView;
        const full = v.layout.cells.filter((c) => c.kind === 'full');
        // the grid carries no text until a slot is asked for
        return { n: full.length, texts: full.filter((c) => c.key !== '').length, pick: [full[0], full[full.length - 1]].map((c) => ({ x: c.x, y: c.y, w: c.w, h: c.h, byte: c.byte, hash: c.hash })) };
      });
      if (cells.n !== 150 || cells.texts !== 0) throw new Error(`${cells.n} full slots drawn (want 150), ${cells.texts} with text before any hover`);
      const canvas = page.locator(T('mapview-canvas'));
      await canvas.scrollIntoViewIfNeeded();
      const tip = page.locator(T('mapview-tooltip'));
      for (const c of cells.pick) {
        const box = await canvas.boundingBox();
        await page.mouse.move(box.x + c.x + c.w / 2, box.y + c.y + c.h / 2);
        await tip.waitFor({ state: 'visible', timeout: 5000 });
        await page.waitForFunction(() => document.querySelector('[data-testid="mapview-tooltip"]').dataset.pending === '0', null, { timeout: 5000 });
        const text = await tip.innerText();
        const key = /key (\d+)/.exec(text)?.[1], elem = /elem (\d+)/.exec(text)?.[1];
        if (key === undefined || key !== elem) throw new Error(`tooltip: ${text}`);
        if (!text.includes(`hash ${c.hash}`) || Number(BigInt(c.hash) & 0x7fn) !== c.byte) throw new Error(`ctrl 0x${c.byte.toString(16)} is not H2 of ${c.hash}: ${text}`);
        console.log(`     flat snapshot tooltip: ${text.split('\n').join(' | ')}`);
      }
      await shot(page, 'inspect-1-swiss-slot-text');
    } finally {
      await page.selectOption('#go', '19');  // the autosave carries settings into the next tests
      await page.dispatchEvent('#go', 'change');
      await page.waitForTimeout(400);
    }
  });
}
