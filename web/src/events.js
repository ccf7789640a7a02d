// Which events a PROGRESS batch carries (worker side), as a pure function so
// node tests can check it (web/test/events.test.mjs). A run can emit
// thousands of events per frame (one per evacuated bucket): the newest are
// sent, older ones are skipped and counted, never queued behind the run.

// fetched: the core's events(since, max) answer {total, events: [{seq, kind, ...}]}
//          read from `since` = max(sentSeq, total - fetchMax);
// sentSeq: the first seq the page has not seen; hidden: Set of kinds left out;
// max: at most this many events after the filter.
// Returns {next, batch: {total, skipped, events}}; next is the new sentSeq.
export function selectEvents(fetched, sentSeq, hidden, max) {
  const evs = fetched.events;
  // not fetched (older than the window) or no longer kept by the core: skipped
  let skipped = (evs.length ? evs[0].seq : fetched.total) - sentSeq;
  let shown = hidden && hidden.size ? evs.filter((e) => !hidden.has(e.kind)) : evs;
  if (shown.length > max) {
    skipped += shown.length - max;
    shown = shown.slice(-max);
  }
  return { next: fetched.total, batch: { total: fetched.total, skipped: Math.max(0, skipped), events: shown } };
}
