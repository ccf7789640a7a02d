// How the worker paces a run: each run() call (a slice) is sized so that it
// takes about TARGET_SLICE_MS, whatever the workload's cost per
// instruction, so a PAUSE waits at most that long; a speed below "max"
// additionally spaces slices out to a number of simulated instructions
// per wall-clock second. Pure (clock passed in): tested under node (web/test).
export const TARGET_SLICE_MS = 8;
export const MIN_SLICE_OPS = 500;
export const MAX_SLICE_OPS = 4_000_000;
const FIRST_SLICE_OPS = 20_000;
const FRAMES_PER_SEC = 60;   // a paced run advances in chunks of about one frame's worth
const MAX_CATCH_UP_MS = 100; // after a stall the pace restarts instead of bursting

export class Pacer {
  constructor(opsPerSec = 0, now = 0) {
    this.sliceOps = FIRST_SLICE_OPS;
    this.setRate(opsPerSec, now);
  }

  // opsPerSec 0 = no limit.
  setRate(opsPerSec, now) {
    this.rate = opsPerSec > 0 ? opsPerSec : 0;
    this.t0 = now;
    this.done = 0;
  }

  // -> {ops, waitMs}: run `ops` instructions now, or wait waitMs first.
  next(now) {
    const cap = Math.round(this.sliceOps);
    if (!this.rate) return { ops: cap, waitMs: 0 };
    const chunk = Math.max(1, Math.min(cap, Math.round(this.rate / FRAMES_PER_SEC)));
    let allowed = (this.rate * (now - this.t0)) / 1000 - this.done;
    if (allowed > (this.rate * MAX_CATCH_UP_MS) / 1000) {  // stalled (hidden tab, long step): restart the pace
      this.setRate(this.rate, now);
      allowed = 0;
    }
    if (this.done === 0 || allowed >= chunk) return { ops: chunk, waitMs: 0 };  // the first chunk goes at once
    return { ops: chunk, waitMs: Math.max(1, ((chunk - allowed) * 1000) / this.rate) };
  }

  // A slice asked for `asked` instructions, ran `ran` of them in elapsedMs.
  record(ran, asked, elapsedMs) {
    this.done += ran;
    if (ran < asked || ran <= 0) return;   // the run ended or stopped early: no measure of speed
    const ms = Math.max(elapsedMs, 0.25);  // coarse clocks (performance.now is rounded in workers)
    const ideal = (ran * TARGET_SLICE_MS) / ms;
    // move halfway towards the ideal, and never more than 4x at once
    const next = Math.min(this.sliceOps * 4, Math.max(this.sliceOps / 4, (this.sliceOps + ideal) / 2));
    this.sliceOps = Math.min(MAX_SLICE_OPS, Math.max(MIN_SLICE_OPS, next));
  }
}
