// The MemStats fields the page shows, with Go's names and a one-line
// meaning each (from the field comments of runtime/mstats.go's MemStats).
// [name, meaning, always]: `always` rows are in the table from the start;
// the others appear when the core reports them.
export const MEMSTATS_FIELDS = [
  ['HeapAlloc', 'bytes of allocated heap objects, reachable or not yet swept (same as Alloc)', true],
  ['HeapInuse', 'bytes in in-use spans; HeapInuse − HeapAlloc bounds fragmentation inside spans', true],
  ['HeapIdle', 'bytes in idle (unused) spans: free pages, retained or returned to the OS', true],
  ['HeapReleased', 'bytes of idle spans returned to the OS by the scavenger and not reacquired', true],
  ['HeapSys', 'bytes of heap memory obtained from the OS (the largest the heap has been)', true],
  ['HeapObjects', 'number of allocated heap objects (Mallocs − Frees)', true],
  ['NextGC', 'heap goal: the next GC cycle aims to end before HeapAlloc reaches this', true],
  ['Mallocs', 'cumulative count of heap objects allocated', true],
  ['Frees', 'cumulative count of heap objects freed', true],
  ['TotalAlloc', 'cumulative bytes allocated for heap objects (never decreases)', true],
  ['NumGC', 'number of completed GC cycles', true],
  ['NumForcedGC', 'GC cycles forced by the program calling runtime.GC', true],
  ['Sys', 'total bytes of memory obtained from the OS (the model counts the heap only)', true],
  ['LastGC', 'when the last GC cycle finished, in (simulated) nanoseconds', false],
  ['PauseTotalNs', 'cumulative (simulated) nanoseconds of stop-the-world GC pauses', false],
  ['GCCPUFraction', 'fraction of the (simulated) CPU time used by the GC since the program started', false],
  ['StackInuse', 'bytes in stack spans', false],
  ['Lookups', 'number of pointer lookups performed by the runtime', false],
];
export const MEMSTATS_DOC = Object.fromEntries(MEMSTATS_FIELDS.map(([n, d]) => [n, d]));

export function formatNumber(n) {
  if (n === undefined || n === null || Number.isNaN(n)) return '–';
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

// Axis labels: 12k, 3.5M, 1.2G (bytes: KiB/MiB/GiB), short enough for a tick.
export function shortNumber(v, bytes = false) {
  if (v === null || v === undefined) return '';
  const base = bytes ? 1024 : 1000;
  const units = bytes ? ['', 'K', 'M', 'G', 'T'] : ['', 'k', 'M', 'G', 'T'];
  let a = Math.abs(v), i = 0;
  while (a >= base && i < units.length - 1) { a /= base; i++; }
  const digits = i === 0 ? (Number.isInteger(a) ? 0 : 2) : a < 10 ? 1 : 0;
  return (v < 0 ? '-' : '') + a.toFixed(digits).replace(/\.0$/, '') + units[i];
}
