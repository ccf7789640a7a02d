// Every example parses into a preset with a title and a "What to look for" text.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePreset } from '../src/presets-parse.js';

const examples = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

test('every example has a title and what to look for', () => {
  const files = readdirSync(examples).filter((f) => f.endsWith('.go'));
  assert.ok(files.length >= 10);
  for (const f of files) {
    const p = parsePreset(f, readFileSync(path.join(examples, f), 'utf8'));
    assert.equal(p.name, f.replace(/\.go$/, ''));
    assert.ok(p.title.length > 10, f);
    assert.ok(p.look.length > 20, `${f}: no "What to look for:" paragraph`);
    assert.ok(!p.look.includes('\n'), f);
  }
});

test('the paragraph ends at a blank comment line', () => {
  const p = parsePreset('x.go', '// T.\n//\n// What to look for: a\n// b.\n//\n// Not this.\nx := 1\n');
  assert.deepEqual([p.title, p.look], ['T', 'a b.']);
});

test('axis labels and counters are short and exact', async () => {
  const { shortNumber, formatNumber } = await import('../src/memstats-fields.js');
  assert.deepEqual([0, 950, 12_000, 3_500_000, 120_000_000, 2e9].map((v) => shortNumber(v)), ['0', '950', '12k', '3.5M', '120M', '2G']);
  assert.deepEqual([4096, 4 << 20, 1536].map((v) => shortNumber(v, true)), ['4K', '4M', '1.5K']);
  assert.equal(shortNumber(0.05), '0.05');
  assert.equal(formatNumber(1239871), '1,239,871');
  assert.equal(formatNumber(undefined), '–');
});
