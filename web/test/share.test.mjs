// The share-link codec (src/share.js): round trips exactly; damaged,
// foreign, oversized and hostile links give a message, never a throw.
import test from 'node:test';
import assert from 'node:assert/strict';
import LZString from 'lz-string';
import { encodeLink, decodeLink, LINK_PREFIX, MAX_SOURCE_BYTES } from '../src/share.js';

const cfg = { go: 26, gogc: 400, memlimit: '64MiB', seed: '7', maxOps: 5 };

test('round trip keeps source and the shareable settings exactly', () => {
  const source = 'm := map[string]int{"ü": 1}\n// \u2028 <script>alert(1)</script>\n';
  const link = encodeLink(source, cfg);
  assert.ok(link.startsWith(LINK_PREFIX));
  assert.match(link, /^#v1:[A-Za-z0-9+\-$]*$/);  // URI-safe
  assert.deepEqual(decodeLink(link), { ok: true, source, config: { go: 26, gogc: 400, memlimit: '64MiB', seed: '7' } });
});

test('no fragment is not an error', () => {
  assert.equal(decodeLink(''), null);
  assert.equal(decodeLink('#'), null);
});

test('damaged, foreign and future links are refused with a message', () => {
  const link = encodeLink('x := 1\n_ = x\n', cfg);
  const cases = [
    ['#v1:' + link.slice(4, 20), /damaged/],
    ['#v1:!!!!', /damaged/],
    ['#section-2', /not a bucketlab share link/],
    ['#v2:abc', /unsupported version/],
    ['#v1:' + LZString.compressToEncodedURIComponent('{"v":1}'), /no source/],
    ['#v1:' + LZString.compressToEncodedURIComponent('[1,2]'), /no source/],
    ['#v1:' + LZString.compressToEncodedURIComponent('{"v":1,"source":"x","config":{"go":"26"}}'), /bad setting \(go\)/],
    ['#v1:' + LZString.compressToEncodedURIComponent('{"v":1,"source":"x","config":{"go":21}}'), /unknown Go version/],
    ['#v1:' + LZString.compressToEncodedURIComponent('{"v":1,"source":"x","config":{"seed":"1; DROP"}}'), /bad seed/],
    ['#v1:' + LZString.compressToEncodedURIComponent('{"v":1,"source":"x","config":{"memlimit":"-1"}}'), /bad GOMEMLIMIT/],
    ['#v1:' + LZString.compressToEncodedURIComponent('{"v":1,"source":"x","config":{"memlimit":"64MB"}}'), /bad GOMEMLIMIT/],
    ['#v1:' + LZString.compressToEncodedURIComponent('{"v":1,"source":"x","config":{"seed":"18446744073709551616"}}'), /bad seed/],
  ];
  for (const [hash, re] of cases) {
    const r = decodeLink(hash);
    assert.equal(r.ok, false, hash);
    assert.match(r.error, re, hash);
  }
});

test('oversized links are refused before decompressing', () => {
  const r = decodeLink('#v1:' + 'A'.repeat(4 * MAX_SOURCE_BYTES + 1));
  assert.equal(r.ok, false);
  assert.match(r.error, /too long/);
  const big = encodeLink('x'.repeat(MAX_SOURCE_BYTES + 1), cfg);
  assert.match(decodeLink(big).error, /too large/);
});
