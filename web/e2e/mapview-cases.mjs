// Browser tests of the map view (src/mapview.js), registered by run.mjs.
// Pixels are read back from the canvas and compared with the colours
// mapview-layout.js exports; what a slot should show comes from the core's
// own snapshot (the MAPVIEWED message the view drew from), never a literal.
import path from 'node:path';
import { COLORS, rgb } from '../src/mapview-layout.js';

// Wait until the map view has drawn data newer than `after` (a counter the
// test reads first) in the given mode, with no animation running.
async function viewReady(page, mode, timeout = 30000) {
  await page.waitForFunction((m) => {
    const c = document.querySelector('[data-testid="mapview-canvas"]');
    return c && c.dataset.mode === m && c.dataset.animating !== '1';
  }, mode, { timeout });
}

// The colour at the centre of each slot (CSS px rectangles from the view).
function slotColours(page, rects) {
  return page.evaluate((rs) => {
    const c = document.querySelector('[data-testid="mapview-canvas"]');
    const dpr = c.width / parseFloat(c.style.width);
    const ctx = c.getContext('2d');
    return rs.map((r) => [...ctx.getImageData(Math.floor((r.x + r.w / 2) * dpr), Math.floor((r.y + r.h / 2) * dpr), 1, 1).data.slice(0, 3)]);
  }, rects);
}

const same = (a, b) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 2);
const name = (c) => Object.entries(COLORS).find(([, hex]) => same(rgb(hex), c))?.[0] ?? `rgb(${c})`;

// tophash(hash) of runtime/map.go: the top byte, pushed above minTopHash (5).
function tophashOf(hex) {
  const top = Number(BigInt(hex) >> 56n);
  return top < 5 ? top + 5 : top;
}

export function register({ test, T, open, setSource, runToEnd, shot, artifacts }) {
  const stepEvacuation = async (page) => {
    await page.evaluate(() => { document.getElementById('status').textContent = ''; });
    await page.click(T('step-evacuation'));
    await page.waitForFunction(() => /^Stopped after a bucket evacuation/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  };

  test('map view: Step evacuation turns the evacuated bucket\'s cells to the evacuated colours, entries animate to X/Y', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, 'm := map[int]int{}\nfor i := 0; i < 200; i++ {\n\tm[i] = i\n}\nfmt.Println(len(m))\n');
    // Every cell of the old buckets not yet evacuated, with its colour.
    const oldCells = async () => {
      const rects = await page.evaluate(() => {
        const v = window.bucketlab.mapView;
        return v.layout.cells.filter((c) => c.array === 'old').map((c) => ({ x: c.x, y: c.y, w: c.w, h: c.h, bucket: c.bucket, chain: c.chain, slot: c.slot }));
      });
      const cols = await slotColours(page, rects);
      return rects.map((r, i) => ({ ...r, colour: cols[i] }));
    };
    let seen = '', before = null, evac = null, animating = '';
    // Step until two consecutive stops both leave the map mid-growth (early
    // grows of 1-2 old buckets finish inside the one insert that starts them).
    for (let i = 0; i < 40 && !evac; i++) {
      await stepEvacuation(page);
      await page.waitForFunction((k) => {
        const s = window.bucketlab.mapView.state;
        return s?.snapshot && JSON.stringify([s.evac?.oldbucket, s.snapshot.nevacuate, s.snapshot.nbuckets]) !== k;
      }, seen, { timeout: 20000 });
      animating = await page.evaluate(() => document.querySelector('[data-testid="mapview-canvas"]').dataset.animating);
      await viewReady(page, 'detail');
      const st = await page.evaluate(() => { const s = window.bucketlab.mapView.state; return { evac: s.evac, growing: s.snapshot.growing, nb: s.snapshot.nbuckets, key: JSON.stringify([s.evac?.oldbucket, s.snapshot.nevacuate, s.snapshot.nbuckets]) }; });
      seen = st.key;
      if (before && before.nb === st.nb && st.growing && st.evac?.valid) evac = st.evac;
      else before = st.growing ? { nb: st.nb, cells: await oldCells() } : null;
    }
    if (!evac) throw new Error('no two consecutive evacuation steps left the map growing');
    const after = await oldCells();
    const wrong = [];
    const cells = after.filter((c) => c.bucket === evac.oldbucket);
    for (const c of cells) {
      const mv = evac.moves.find((m) => m.src_chain === c.chain && m.src_slot === c.slot);
      const want = mv ? (mv.y ? 'evacuatedY' : 'evacuatedX') : 'evacuatedEmpty';
      if (!same(c.colour, rgb(COLORS[want]))) wrong.push(`chain ${c.chain} slot ${c.slot}: ${name(c.colour)}, want ${want}`);
      // before the step the same cell showed an occupied or empty slot, not an evacuated one
      const b = before.cells.find((x) => x.bucket === c.bucket && x.chain === c.chain && x.slot === c.slot);
      if (b && !['full', 'emptyRest', 'emptyOne'].includes(name(b.colour))) wrong.push(`chain ${c.chain} slot ${c.slot} was ${name(b.colour)} before`);
    }
    if (!cells.length || wrong.length) throw new Error(`evacuated bucket ${evac.oldbucket}: ${cells.length} cells; ${wrong.join('; ')}`);
    // each moved entry sits at its destination, drawn as occupied
    // (the grid carries no key text: the view asks the core for each slot's, as on hover)
    const dst = await page.evaluate((ev) => Promise.all(ev.moves.map(async (m) => {
      const q = { array: 'new', bucket: m.y ? ev.y_bucket : ev.x_bucket, chain: m.dst_chain, slot: m.dst_slot };
      await window.bucketlab.mapView.slotText(q);
      return window.bucketlab.mapView.cellRect(q);
    })), evac);
    const dcol = await slotColours(page, dst);
    dst.forEach((r, i) => {
      if (r.key !== evac.moves[i].key || !same(dcol[i], rgb(COLORS.full))) throw new Error(`destination of ${evac.moves[i].key}: ${r.key} ${name(dcol[i])}`);
    });
    const xs = evac.moves.filter((m) => !m.y).length;
    console.log(`     map view: old bucket ${evac.oldbucket} evacuated, ${xs} entries to X (bucket ${evac.x_bucket}), ${evac.moves.length - xs} to Y (bucket ${evac.y_bucket}); animation running right after the step: ${animating === '1'}`);
    await page.locator(T('mapview')).scrollIntoViewIfNeeded();
    await shot(page, 'mapview-1-evacuated');
    await page.locator(T('mapview')).screenshot({ path: path.join(artifacts, 'mapview-panel.png') });  // docs/mapview.png
  });

  test('map view: hovering a slot shows the tophash byte and hash the core reports for it; arrow keys move the focus', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, 'm := map[string]int{}\nfor i := 0; i < 40; i++ {\n\tm["k"+strconv.Itoa(i)] = i\n}\nfmt.Println(len(m))\n');
    await runToEnd(page);
    await viewReady(page, 'detail');
    const cell = await page.evaluate(async () => {
      const v = window.bucketlab.mapView;
      const i = v.layout.cells.findIndex((c) => c.kind === 'full' && c.array === 'new' && c.bucket >= 1);
      const c = v.layout.cells[i];
      const s = v.state.snapshot.new_chains.find((ch) => ch.index === c.bucket).chain[c.chain];
      return { x: c.x, y: c.y, w: c.w, h: c.h, array: c.array, bucket: c.bucket, chain: c.chain, slot: c.slot, tophash: s.tophash[c.slot], hash: s.hash[c.slot], B: v.state.snapshot.B };
    });
    // the core's own numbers agree with Go's rules: tophash(hash), hash & (2^B - 1) = bucket
    if (tophashOf(cell.hash) !== cell.tophash) throw new Error(`tophash ${cell.tophash} is not tophash(${cell.hash})`);
    if (Number(BigInt(cell.hash) & BigInt(2 ** cell.B - 1)) !== cell.bucket) throw new Error(`hash ${cell.hash} is not in bucket ${cell.bucket}`);
    const canvas = page.locator(T('mapview-canvas'));
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + cell.x + cell.w / 2, box.y + cell.y + cell.h / 2);
    const tip = page.locator(T('mapview-tooltip'));
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    // the flat snapshot carries no key text: hovering asks the core for this slot's (inspectSlot)
    await page.waitForFunction(() => document.querySelector('[data-testid="mapview-tooltip"]').dataset.pending === '0', null, { timeout: 5000 });
    cell.key = await page.evaluate((q) => window.bucketlab.mapView.slotText(q), { array: cell.array, bucket: cell.bucket, chain: cell.chain, slot: cell.slot });
    if (!/^"k\d+"$/.test(cell.key)) throw new Error(`slot text of an occupied slot: ${cell.key}`);
    const text = await tip.innerText();
    const byte = `tophash 0x${cell.tophash.toString(16).padStart(2, '0')}`;
    if (!text.includes(byte) || !text.includes(`hash ${cell.hash}`) || !text.includes(`key ${cell.key}`)) throw new Error(`tooltip: ${text}; want ${byte}, hash ${cell.hash}, key ${cell.key}`);
    console.log(`     map view tooltip: ${text.split('\n').join(' | ')}`);
    await shot(page, 'mapview-2-hover');
    // keyboard: focus the canvas, arrows move a focus ring and the tooltip follows
    await page.mouse.move(0, 0);
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const kb = await tip.innerText();
    if (!/bucket 1, slot 0/.test(kb)) throw new Error(`keyboard focus tooltip: ${kb}`);
  });

  test('map view: clicking a "step map op" row of the event log focuses its key\'s slot', async ({ page, base }) => {
    await open(page, base);
    await setSource(page, 'm := map[string]int{}\nfor i := 0; i < 30; i++ {\n\tm["k"+strconv.Itoa(i)] = i\n}\nfmt.Println(len(m))\n');
    for (let i = 0; i < 12; i++) {
      await page.evaluate(() => { document.getElementById('status').textContent = ''; });
      await page.click(T('step-map-op'));
      await page.waitForFunction(() => /^Paused/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
    }
    await viewReady(page, 'detail');
    const rows = page.locator(`${T('event-log')} .ev-MapOp`);
    const n = await rows.count();
    if (n !== 12) throw new Error(`${n} map op rows in the log, want one per step (12)`);
    const row = rows.last();
    const text = await row.textContent();
    const hash = await row.getAttribute('data-hash');
    if (!text.includes(`key hash ${hash}`)) throw new Error(`row ${text} / data-hash ${hash}`);
    await row.click();
    await page.waitForFunction((h) => document.querySelector('[data-testid="mapview-canvas"]').dataset.highlight === h, hash, { timeout: 10000 });
    // the flat snapshot has no text: the slot's key comes from the core on focus
    await page.waitForFunction(() => document.querySelector('[data-testid="mapview-tooltip"]').dataset.pending === '0', null, { timeout: 5000 });
    const tip = await page.locator(T('mapview-tooltip')).innerText();
    // the twelfth assignment wrote "k11"; the view found it by the hash the core logged
    if (!tip.includes('key "k11"') || !tip.includes(`hash ${hash}`)) throw new Error(`tooltip after clicking the row: ${tip}`);
    await page.locator(T('mapview')).scrollIntoViewIfNeeded();
    await shot(page, 'mapview-5-event-key');
  });

  test('map view: a Swiss map with deletes shows its tombstones', async ({ page, base }) => {
    await open(page, base);
    await page.selectOption('#go', '26');
    await page.dispatchEvent('#go', 'change');
    await setSource(page, 'm := map[int]int{}\nfor i := 0; i < 220; i++ {\n\tm[i] = i\n}\nfor i := 0; i < 220; i += 2 {\n\tdelete(m, i)\n}\nfmt.Println(len(m))\n');
    try {
      await runToEnd(page);
      await viewReady(page, 'detail');
      const info = await page.evaluate(() => {
        const v = window.bucketlab.mapView;
        const cells = v.layout.cells.filter((c) => c.kind === 'deleted');
        return { tombstones: v.state.snapshot.tombstones, shown: v.state.snapshot.tables.length, tables: v.state.snapshot.table_count, cells: cells.map((c) => ({ x: c.x, y: c.y, w: c.w, h: c.h })), head: document.querySelector('[data-testid="mapview-head"]').textContent };
      });
      if (!(info.tombstones > 0)) throw new Error(`the core reports ${info.tombstones} tombstones`);
      if (info.shown !== info.tables || info.cells.length !== info.tombstones) throw new Error(`${info.cells.length} tombstone cells drawn, the core reports ${info.tombstones}`);
      const cols = await slotColours(page, info.cells);
      const bad = cols.filter((c) => !same(c, rgb(COLORS.deleted)));
      if (bad.length) throw new Error(`tombstone cells drawn as ${bad.map(name).join(', ')}`);
      console.log(`     map view (Swiss): ${info.tombstones} tombstones drawn; ${info.head}`);
      await page.locator(T('mapview')).scrollIntoViewIfNeeded();
      await shot(page, 'mapview-3-swiss-tombstones');
    } finally {
      await page.selectOption('#go', '19');  // the autosave carries settings into the next tests
      await page.dispatchEvent('#go', 'change');
      await page.waitForTimeout(400);
    }
  });

  test('map view: a 2^16-bucket map is a heat map; redraw rate while zooming and panning (printed)', async ({ page, base }) => {
    await open(page, base);
    // hint 400000: B = 16 (400000 <= 6.5 * 2^16); 100000 entries
    await setSource(page, 'm := make(map[int]int, 400000)\nfor i := 0; i < 100000; i++ {\n\tm[i] = i\n}\nfmt.Println(len(m))\n');
    await page.selectOption('#speed', 'max');
    await runToEnd(page, 120000);
    await viewReady(page, 'heat', 60000);
    const head = await page.locator(T('mapview-head')).textContent();
    if (!/65536 buckets/.test(head)) throw new Error(`map view head: ${head}`);
    const ink = await page.evaluate((full) => {
      const c = document.querySelector('[data-testid="mapview-canvas"]');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - full[0]) < 60 && Math.abs(d[i + 1] - full[1]) < 60 && Math.abs(d[i + 2] - full[2]) < 60) n++;
      return n;
    }, rgb(COLORS.full));
    if (ink < 1000) throw new Error(`heat map: ${ink} bucket-coloured pixels`);
    await page.locator(T('mapview')).scrollIntoViewIfNeeded();
    await shot(page, 'mapview-4a-heat');
    // hover a bucket: its occupancy and chain length
    const canvas = page.locator(T('mapview-canvas'));
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + 40, box.y + 60);
    const tip = await page.locator(T('mapview-tooltip')).innerText();
    if (!/bucket \d+/.test(tip) || !/occupied slots, chain of \d+ bucket/.test(tip)) throw new Error(`heat tooltip: ${tip}`);
    await page.mouse.move(0, 0);
    const r = await page.evaluate(() => new Promise((resolve) => {
      const v = window.bucketlab.mapView;
      let frames = 0, drawMs = 0;
      const t0 = performance.now();
      const frame = () => {
        const t = performance.now();
        v.zoomBy(frames % 60 < 30 ? 1.06 : 1 / 1.06, v.cssW / 3, v.cssH / 2);
        v.panBy(frames % 20 < 10 ? 2 : -2, 1);
        drawMs += performance.now() - t;
        frames++;
        if (performance.now() - t0 < 3000) requestAnimationFrame(frame);
        else resolve({ fps: frames / ((performance.now() - t0) / 1000), drawMs: drawMs / frames, frames });
      };
      requestAnimationFrame(frame);
    }));
    // one refresh: MAPVIEW → mapHeat() copied out of wasm → MAPVIEWED → pixels built and drawn
    const refreshMs = await page.evaluate(() => new Promise((resolve) => {
      const v = window.bucketlab.mapView, old = v.state, t0 = performance.now();
      v.request(old.mapId);
      const poll = () => (v.state !== old ? resolve(performance.now() - t0) : setTimeout(poll, 1));
      poll();
    }));
    console.log(`     map view heat map, 2^16 buckets: refresh (worker + transfer + draw) ${refreshMs.toFixed(1)} ms`);
    console.log(`     map view heat map, 2^16 buckets: ${r.fps.toFixed(1)} redraws/s while zooming and panning (${r.frames} frames over 3 s, rAF-paced), ${r.drawMs.toFixed(2)} ms per zoom+pan redraw pair`);
    await shot(page, 'mapview-4-heat-zoomed');
  });
}
