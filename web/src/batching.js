// When the page takes the PROGRESS batches it has queued (main.js applies
// them in requestAnimationFrame and ACKs them then). Pure: node tests
// (web/test/batching.test.mjs).

// While running, a batch is taken at most every BATCH_EVERY_MS: the frames
// in between change nothing, so the page keeps its frame rate (issue 9).
export const BATCH_EVERY_MS = 100;

// queued: the batches waiting ({state}), oldest first; now, lastTaken: ms.
// A batch that is not 'running' (paused, stepped, ended) is taken at once.
export function takeBatchesNow(queued, now, lastTaken, everyMs = BATCH_EVERY_MS) {
  if (!queued.length) return false;
  return queued[queued.length - 1].state !== 'running' || now - lastTaken >= everyMs;
}
