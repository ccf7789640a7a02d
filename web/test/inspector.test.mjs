// Slot states of the inspector (src/inspector.js) from Go's constants:
// runtime/map.go (Go 1.19) tophash values, internal/runtime/maps/group.go ctrl bytes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { classicSlotState, swissSlotState } from '../src/inspector.js';

test('classic tophash: 0 emptyRest, 1 emptyOne, 2/3 evacuatedX/Y, 4 evacuatedEmpty, >= 5 a hash', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 255].map((t) => classicSlotState(t)[0]), ['empty', 'empty', 'evac', 'evac', 'evac-empty', 'full', 'full']);
  assert.match(classicSlotState(2)[1], /evacuatedX/);
  assert.match(classicSlotState(3)[1], /evacuatedY/);
});

test('Swiss control byte: 0x80 empty, 0xFE deleted, high bit clear = full (H2)', () => {
  assert.deepEqual([0x80, 0xfe, 0x00, 0x7f, 45].map((c) => swissSlotState(c)[0]), ['empty', 'tomb', 'full', 'full', 'full']);
  assert.match(swissSlotState(45)[1], /H2 = 0x2d/);
});
