// Dev probe (not part of the suite): main-thread load while a long run goes on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/static-server.mjs';
import { withBrowser } from './browser.mjs';
const here = path.dirname(fileURLToPath(import.meta.url));
const server = await startServer(path.join(here, '..', 'dist'), 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const src = process.argv[2] ?? 'm := map[int]int{}\nfor i := 0; ; i++ {\n\tm[i%100000] = i\n}\n';
await withBrowser(async (ctx) => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    window.__frames = 0; const f = () => { window.__frames++; requestAnimationFrame(f); }; requestAnimationFrame(f);
  });
  await page.goto(base);
  await page.locator('[data-testid="run"]:not([disabled])').waitFor();
  if (src !== 'preset') {
    await page.click('[data-testid="editor"] .cm-content');
    await page.keyboard.press('Control+A'); await page.keyboard.press('Delete');
    await page.keyboard.insertText(src);
  }
  await page.evaluate(() => { window.__long = []; window.__frames = 0; window.__T = {}; });
  await page.click('[data-testid="run"]');
  await page.waitForTimeout(4000);
  const r = await page.evaluate(() => ({ frames: window.__frames, long: window.__long.length, longMs: Math.round(window.__long.reduce((a, b) => a + b, 0)), max: Math.round(Math.max(0, ...window.__long)), rows: window.bucketlab.table().rows, status: document.getElementById('status').textContent, ev: document.querySelectorAll('#events li').length, T: window.__T }));
  const t0 = Date.now();
  await page.click('[data-testid="pause"]');
  await page.locator('[data-testid="run"]:not([disabled])').waitFor();
  r.pauseDriverMs = Date.now() - t0;
  r.pauseInPage = await page.evaluate(() => window.bucketlab.lastPauseMs());
  console.log(JSON.stringify(r));
});
server.close();
