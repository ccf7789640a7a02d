// Launches Debian's Chromium through playwright-core (never a downloaded
// browser) with a fresh profile, and closes it all again.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function withBrowser(fn) {
  const profile = await mkdtemp(path.join(tmpdir(), 'bucketlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // The closed network refuses Chromium's background connections: turn them off.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
