// The page's deadline on the worker (src/watchdog.js), with fake timers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Watchdog } from '../src/watchdog.js';

function fakeTimers() {
  const t = { now: 0, next: 1, pending: new Map() };
  t.set = (f, ms) => { const id = t.next++; t.pending.set(id, { f, at: t.now + ms }); return id; };
  t.clear = (id) => t.pending.delete(id);
  t.advance = (ms) => {
    t.now += ms;
    for (const [id, p] of [...t.pending]) if (p.at <= t.now) { t.pending.delete(id); p.f(); }
  };
  return t;
}

test('expires once, with what it waited for, when the worker stays silent', () => {
  const timers = fakeTimers();
  const fired = [];
  const w = new Watchdog((what, ms) => fired.push([what, ms]), timers);
  w.arm(1000, 'pause');
  timers.advance(999);
  assert.deepEqual(fired, []);
  timers.advance(1);
  assert.deepEqual(fired, [['pause', 1000]]);
  assert.equal(w.armed, false);
  timers.advance(5000);
  assert.equal(fired.length, 1);
});

test('each message restarts the deadline; disarm stops it; feed does not arm', () => {
  const timers = fakeTimers();
  const fired = [];
  const w = new Watchdog((what) => fired.push(what), timers);
  w.feed();
  timers.advance(10_000);
  assert.deepEqual(fired, []);
  w.arm(4000, 'run');
  for (let i = 0; i < 10; i++) { timers.advance(3000); w.feed(); }
  assert.deepEqual(fired, []);
  w.disarm();
  timers.advance(10_000);
  assert.deepEqual(fired, []);
  assert.equal(timers.pending.size, 0);
});

test('arming again replaces the deadline (a Pause during a step shortens it)', () => {
  const timers = fakeTimers();
  const fired = [];
  const w = new Watchdog((what) => fired.push(what), timers);
  w.arm(15000, 'step');
  timers.advance(2000);
  w.arm(1000, 'pause');
  timers.advance(1000);
  assert.deepEqual(fired, ['pause']);
  assert.equal(timers.pending.size, 0);
});
