// Go's byte columns become editor offsets (src/text-pos.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { byteColToOffset } from '../src/text-pos.js';

test('ASCII: column c is offset c-1', () => {
  assert.equal(byteColToOffset('y := x + )', 10), 9);
  assert.equal(byteColToOffset('abc', 1), 0);
});

test('multi-byte characters count as Go counts them (UTF-8 bytes)', () => {
  // "ü" is 2 bytes, "€" 3, "𝄞" 4 (and 2 UTF-16 units): the x after them is at byte column 10
  const line = 'üa€𝄞x';
  assert.equal(byteColToOffset(line, 10), line.indexOf('x'));
  assert.equal(byteColToOffset(line, 3), 1);  // 'a'
});

test('a column past the end stops at the end', () => {
  assert.equal(byteColToOffset('ab', 99), 2);
});
