// The MemStats fields the page shows, with Go's names and a one-line
// meaning each (from runtime/mstats.go's documentation).
export const MEMSTATS_FIELDS = [
  ['HeapAlloc', 'bytes of allocated heap objects (reachable or not yet swept)'],
  ['HeapInuse', 'bytes in in-use spans (HeapInuse − HeapAlloc is fragmentation inside spans)'],
  ['HeapIdle', 'bytes in idle spans: free pages, retained or returned to the OS'],
  ['HeapReleased', 'bytes of idle spans returned to the OS by the scavenger'],
  ['HeapSys', 'bytes of heap memory obtained from the OS'],
  ['HeapObjects', 'number of allocated heap objects'],
  ['NextGC', 'heap goal: the next GC aims to finish before HeapAlloc reaches this'],
  ['Mallocs', 'cumulative count of heap objects allocated (tiny allocations included)'],
  ['Frees', 'cumulative count of heap objects freed'],
  ['TotalAlloc', 'cumulative bytes allocated for heap objects (never decreases)'],
  ['NumGC', 'number of completed GC cycles'],
  ['NumForcedGC', 'GC cycles forced by the application calling runtime.GC'],
  ['Sys', 'total bytes obtained from the OS (the model counts the heap only)'],
];
export function formatNumber(n) {
  if (n === undefined || n === null || Number.isNaN(n)) return '–';
  return Number(n).toLocaleString('en-US');
}
