// GOMEMLIMIT as Go parses it (src/settings.js); the cases follow
// runtime/string.go parseByteCount and its test table (runtime/string_test.go).
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseByteCount, memlimitBytes, seedOk } from '../src/settings.js';

// runtime/string_test.go TestParseByteCount (go1.26), every case
const GO_CASES = [
  ['1', 1n],
  ['12345', 12345n],
  ['012345', 12345n],
  ['98765432100', 98765432100n],
  ['9223372036854775807', (1n << 63n) - 1n],
  ['1B', 1n],
  ['12345B', 12345n],
  ['012345B', 12345n],
  ['98765432100B', 98765432100n],
  ['9223372036854775807B', (1n << 63n) - 1n],
  ['1KiB', 1n << 10n],
  ['05KiB', 5n << 10n],
  ['1MiB', 1n << 20n],
  ['10MiB', 10n << 20n],
  ['1GiB', 1n << 30n],
  ['100GiB', 100n << 30n],
  ['1TiB', 1n << 40n],
  ['99TiB', 99n << 40n],
  ['-0', 0n],
  ['0', 0n],
  ['0B', 0n],
  ['0KiB', 0n],
  ['0MiB', 0n],
  ['0GiB', 0n],
  ['0TiB', 0n],
  ['', null],
  ['-1', null],
  ['a12345', null],
  ['a12345B', null],
  ['12345x', null],
  ['0x12345', null],
  ['9223372036854775808', null],
  ['9223372036854775809', null],
  ['18446744073709551615', null],
  ['20496382327982653440', null],
  ['18446744073709551616', null],
  ['18446744073709551617', null],
  ['9999999999999999999999', null],
  ['9223372036854775808B', null],
  ['9223372036854775809B', null],
  ['18446744073709551615B', null],
  ['20496382327982653440B', null],
  ['18446744073709551616B', null],
  ['18446744073709551617B', null],
  ['9999999999999999999999B', null],
  ['1Ki', null],
  ['05Ki', null],
  ['10Mi', null],
  ['100Gi', null],
  ['99Ti', null],
  ['22iB', null],
  ['B', null],
  ['iB', null],
  ['KiB', null],
  ['MiB', null],
  ['GiB', null],
  ['TiB', null],
  ['-120KiB', null],
  ['-891MiB', null],
  ['-704GiB', null],
  ['-42TiB', null],
  ['99999999999999999999KiB', null],
  ['99999999999999999MiB', null],
  ['99999999999999GiB', null],
  ['99999999999TiB', null],
  ['555EiB', null],
  ['0KB', null],
  ['0MB', null],
  ['0GB', null],
  ['0TB', null],
  ['1KB', null],
  ['05KB', null],
  ['1MB', null],
  ['10MB', null],
  ['1GB', null],
  ['100GB', null],
  ['1TB', null],
  ['99TB', null],
  ['1K', null],
  ['05K', null],
  ['10M', null],
  ['100G', null],
  ['99T', null],
  ['99999999999999999999KB', null],
  ['99999999999999999MB', null],
  ['99999999999999GB', null],
  ['99999999999TB', null],
  ['99999999999TiB', null],
  ['555EB', null],
];

test('parseByteCount agrees with Go on its own test table', () => {
  assert.ok(GO_CASES.length > 70);
  for (const [s, n] of GO_CASES) assert.equal(parseByteCount(s), n, s);
});

test('parseByteCount: a few more shapes Go refuses', () => {
  for (const s of ['1 MiB', '1.5MiB', '1KB', '1kiB', '1PiB', 'off', ' 1']) assert.equal(parseByteCount(s), null, s);
});

test('memlimitBytes: none, decimal bytes, or a message', () => {
  assert.deepEqual(memlimitBytes(''), { ok: true, bytes: '' });
  assert.deepEqual(memlimitBytes(' off '), { ok: true, bytes: '' });
  assert.deepEqual(memlimitBytes('64MiB'), { ok: true, bytes: '67108864' });
  assert.deepEqual(memlimitBytes('1048576'), { ok: true, bytes: '1048576' });
  const bad = memlimitBytes('64MB');
  assert.equal(bad.ok, false);
  assert.match(bad.error, /GOMEMLIMIT=64MB is malformed/);
});

test('seeds are decimal uint64s', () => {
  assert.ok(seedOk('0'));
  assert.ok(seedOk('18446744073709551615'));
  assert.ok(!seedOk('18446744073709551616'));
  assert.ok(!seedOk('-1'));
  assert.ok(!seedOk('1e3'));
  assert.ok(!seedOk(''));
});
