// When the heap view asks the worker for data (src/heap-view.js
// HeapController): one request in flight, the newest wish queued, live
// requests throttled while running, replies that no longer match dropped.
import test from 'node:test';
import assert from 'node:assert/strict';
import { HeapController } from '../src/heap-view.js';

function setup(open = true) {
  const sent = [], shown = [];
  const view = { label: { textContent: '' }, clear() { shown.push('clear'); }, set(d) { shown.push(d); } };
  const c = new HeapController(view, {
    send: (r) => sent.push(r), isOpen: () => open, table: () => null,
    snapshotLabel: (s) => `snapshot at ${s.label}`, mapsLine: (s) => `${s.maps.length} maps`,
  });
  shown.length = 0;
  return { c, sent, shown };
}
const live = { live: true, pages: new Uint8Array(1), spans: new Uint32Array(0), roles: [], fragmentation: {} };

test('a stop asks at once; running asks at most every 400 ms; one request in flight', () => {
  const { c, sent } = setup();
  c.onProgress('ready');
  assert.deepEqual(sent, [{ at: null }]);
  c.onProgress('done');            // in flight: queued, not sent
  assert.equal(sent.length, 1);
  c.onData(live);                  // the reply sends the queued one
  assert.equal(sent.length, 2);
  c.onData(live);
  c.onProgress('running');         // < 400 ms after the last live request
  assert.equal(sent.length, 2);
  c.lastLive -= 401;
  c.onProgress('running');
  assert.equal(sent.length, 3);
});

test('scrubbing asks for the moment; a late live reply is dropped; Live goes back', () => {
  const { c, sent, shown } = setup();
  c.onProgress('ready');
  c.showAt(5000);                 // queued behind the live request
  c.onProgress('ready');          // ignored while scrubbed
  c.onData(live);                 // stale: the timeline points into the past now
  assert.equal(shown.length, 0);
  assert.deepEqual(sent, [{ at: null }, { at: 5000 }]);
  c.onData({ live: false, pages: new Uint8Array(2), spans: new Uint32Array(0), roles: [], snapshot: { id: 3, label: 'GC 1 start', maps: [{}] } });
  assert.equal(shown.length, 1);
  assert.equal(shown[0].live, false);
  assert.equal(shown[0].label, 'snapshot at GC 1 start');
  assert.equal(shown[0].note, '1 maps');
  assert.equal(c.shown.id, 3);
  c.goLive();
  assert.deepEqual(sent.at(-1), { at: null });
  c.onData(live);
  assert.equal(shown.at(-1).live, true);
  assert.equal(c.shown, null);
});

test('a closed panel asks nothing', () => {
  const { c, sent } = setup(false);
  c.onProgress('done');
  c.showAt(10);
  assert.equal(sent.length, 0);
});

test('a request whose reply never came (the worker failed) stops blocking after 5 s', () => {
  const { c, sent } = setup();
  c.onProgress('done');
  c.onProgress('done');
  assert.equal(sent.length, 1);
  c.sentAt -= 5001;
  c.onProgress('done');
  assert.equal(sent.length, 2);
});
