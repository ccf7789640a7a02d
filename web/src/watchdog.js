// A deadline on the worker: armed while the page waits for it (a run, a
// step, a pause), fed by each message it sends; if it stays silent past the
// deadline the page terminates it (a wasm call cannot be interrupted
// otherwise). Pure (timers passed in): tested under node (web/test).
export class Watchdog {
  constructor(onExpire, timers = { set: (f, ms) => setTimeout(f, ms), clear: (t) => clearTimeout(t) }) {
    this.onExpire = onExpire;
    this.timers = timers;
    this.timer = null;
    this.ms = 0;
    this.what = '';
  }

  get armed() { return this.timer !== null; }

  // (Re)starts the deadline: `what` says what the page waits for.
  arm(ms, what) {
    this.disarm();
    this.ms = ms;
    this.what = what;
    this.timer = this.timers.set(() => { this.timer = null; this.onExpire(this.what, this.ms); }, ms);
  }

  // The worker said something: restart the same deadline (if armed).
  feed() {
    if (this.timer !== null) this.arm(this.ms, this.what);
  }

  disarm() {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
