// End-to-end tests of the built site in headless Chromium.
// usage: node e2e/run.mjs [SITE_DIR] [ARTIFACT_DIR]
// Prints one line per test and a closing "N passed, N failed" line.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/static-server.mjs';
import { withBrowser } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] ?? path.join(here, '..', 'dist'));
const artifacts = path.resolve(process.argv[3] ?? path.join(here, '..', '..', 'build', 'e2e'));
await mkdir(artifacts, { recursive: true });

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('page loads and the wasm core answers in the browser', async ({ page, base }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base);
  await page.locator('#core', { hasText: 'wasm core loaded' }).waitFor({ timeout: 15000 });
  const text = await page.locator('#core').textContent();
  if (!text.includes('"name":"bucketlab"')) throw new Error(`unexpected core info: ${text}`);
  await page.screenshot({ path: path.join(artifacts, 'placeholder.png'), fullPage: true });
  if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
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
