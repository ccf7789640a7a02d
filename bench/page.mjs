// Page figures (issue 9), in headless Chromium (Debian's, through
// playwright-core as the e2e tests do) loading web/dist from the project's
// static server on 127.0.0.1:
//  - time to interactive: navigation start to the Run button enabled (the
//    wasm core has started in the worker), best of N loads (and the first, cold);
//  - frame rate while a long workload runs: requestAnimationFrame
//    callbacks per second (window.bucketlab.perf().raf) while churn_users
//    runs at the "max" speed, and how often the charts redrew.
//   node bench/page.mjs [SITE_DIR] [N]
// Prints one JSON line: {"tti_ms":..,"tti_first_ms":..,"fps":..,"idle_fps":..,"redraws_per_s":..,"run_s":..}
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/static-server.mjs';
import { withBrowser } from '../web/e2e/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] ?? path.join(here, '..', 'web', 'dist'));
const reps = Number(process.argv[3] ?? 3);
const T = (id) => `[data-testid="${id}"]`;

const server = await startServer(site, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
try {
  const result = await withBrowser(async (context) => {
    // ms from navigation start (performance.now() = 0) until the Run button is
    // enabled, polled from the page's first script on
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.addInitScript(() => {
      const poll = () => {
        const b = document.querySelector('[data-testid="run"]');
        if (b && !b.disabled) { window.__ttiMark = performance.now(); return; }
        setTimeout(poll, 1);
      };
      poll();
      // main-thread tasks over 50 ms (Long Tasks API): busy main thread vs a starved one
      window.__longMs = 0;
      try {
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longMs += e.duration; }).observe({ type: 'longtask', buffered: false });
      } catch { /* no Long Tasks API */ }
    });
    const loads = [];
    for (let r = 0; r < reps; r++) {
      await page.goto(base);
      await page.waitForFunction(() => window.__ttiMark !== undefined, null, { timeout: 30000 });
      loads.push(await page.evaluate(() => window.__ttiMark));
    }
    const tti = Math.min(...loads), ttiFirst = loads[0];
    // the frame rate of the idle page, for reference (a loaded machine or a
    // throttled headless compositor lowers both figures)
    const i1 = await page.evaluate(() => ({ ...window.bucketlab.perf(), t: performance.now() }));
    await page.waitForTimeout(1000);
    const i2 = await page.evaluate(() => ({ ...window.bucketlab.perf(), t: performance.now() }));
    const idleFps = (i2.raf - i1.raf) / ((i2.t - i1.t) / 1000);
    await page.selectOption(T('preset-select'), 'churn_users');
    await page.selectOption('#speed', 'max');
    await page.click(T('run'));
    await page.waitForFunction(() => /^Running/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
    const p1 = await page.evaluate(() => ({ ...window.bucketlab.perf(), t: performance.now(), long: window.__longMs }));
    await page.waitForFunction(() => /^(Done|The workload panicked|Stopped)/.test(document.getElementById('status').textContent), null, { timeout: 120000 });
    const p2 = await page.evaluate(() => ({ ...window.bucketlab.perf(), t: performance.now(), long: window.__longMs }));
    const s = (p2.t - p1.t) / 1000;
    await page.close();
    return { tti_ms: tti, tti_first_ms: ttiFirst, fps: (p2.raf - p1.raf) / s, idle_fps: idleFps, batches_per_s: (p2.progress - p1.progress) / s, long_task_ms: p2.long - p1.long,
             take_ms: (p2.takeMs - p1.takeMs) / Math.max(1, p2.progress - p1.progress), draw_ms: (p2.drawMs - p1.drawMs) / Math.max(1, p2.frames - p1.frames), redraws_per_s: (p2.frames - p1.frames) / s, run_s: s };
  });
  console.log(JSON.stringify(result));
} finally {
  server.close();
}
