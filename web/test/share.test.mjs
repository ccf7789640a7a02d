// The share-link codec (src/share.js): round trips exactly; damaged,
// foreign, oversized and hostile links give a message, never a throw.
import test from 'node:test';
import assert from 'node:assert/strict';
import LZString from 'lz-string';
import { encodeLink, encodeCompareLink, decodeLink, LINK_PREFIX, COMPARE_PREFIX, MAX_SOURCE_BYTES } from '../src/share.js';

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
    ['#v3:abc', /unsupported version/],
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

// v2: compare links carry two sides; v1 links still open as before.
test('compare link (v2) round trips both sides exactly', () => {
  const a = { source: 'm := map[int]int{}\nfor i := 0; i < 100; i++ { m[i] = i }\n', config: { go: 19, gogc: 100, memlimit: '', seed: '1', maxOps: 9 } };
  const b = { source: '<img src=x onerror=alert(1)>\n', config: { go: 26, gogc: 400, memlimit: '64MiB', seed: '42' } };
  const link = encodeCompareLink(a, b);
  assert.ok(link.startsWith(COMPARE_PREFIX));
  assert.match(link, /^#v2:[A-Za-z0-9+\-$]*$/);
  assert.deepEqual(decodeLink(link), {
    ok: true, source: a.source, config: { go: 19, gogc: 100, memlimit: '', seed: '1' },
    b: { source: b.source, config: { go: 26, gogc: 400, memlimit: '64MiB', seed: '42' } },
  });
  // a v1 link still decodes to one side, without b
  assert.equal(decodeLink(encodeLink(a.source, a.config)).b, undefined);
});

test('damaged, wrongly typed and oversized compare links are refused with a message', () => {
  const z = (o) => '#v2:' + LZString.compressToEncodedURIComponent(JSON.stringify(o));
  const ok = { source: 'x := 1\n_ = x\n', config: { go: 26 } };
  const link = encodeCompareLink(ok, ok);
  const cases = [
    ['#v2:' + link.slice(4, link.length - 6), /damaged/],
    [z({ v: 2, a: ok }), /does not hold two sides/],
    [z({ v: 1, a: ok, b: ok }), /does not hold two sides/],
    [z({ v: 2, a: ok, b: 'x' }), /does not hold two sides/],
    [z({ v: 2, a: ok, b: { source: 3 } }), /side B.*no source/],
    [z({ v: 2, a: { source: 'x', config: { gogc: '100' } }, b: ok }), /side A.*bad setting \(gogc\)/],
    [z({ v: 2, a: ok, b: { source: 'x', config: { go: 21 } } }), /side B.*unknown Go version/],
    [z({ v: 2, a: ok, b: { source: 'x', config: [1] } }), /side B.*bad settings/],
    [z({ v: 2, a: ok, b: { source: 'x', config: { seed: '<script>' } } }), /side B.*bad seed/],
    [z({ v: 2, a: ok, b: { source: 'x'.repeat(MAX_SOURCE_BYTES + 1) } }), /side B.*too large/],
    ['#v2:' + 'A'.repeat(8 * MAX_SOURCE_BYTES + 1), /too long/],
  ];
  for (const [hash, re] of cases) {
    const r = decodeLink(hash);
    assert.equal(r.ok, false, hash.slice(0, 80));
    assert.match(r.error, re, hash.slice(0, 80));
  }
});
