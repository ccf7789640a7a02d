// Maps never shrink.
// Fill a map with 100,000 entries, delete every one, and collect garbage:
// the map is empty, but its bucket array (B = 14) is still allocated and
// still scanned, because the classic map has no shrinking path.
//
// What to look for: HeapAlloc after runtime.GC() stays in the megabytes
// with len(m) == 0; only dropping the map itself (m = nil) returns the
// memory.
m := make(map[int64]int64)
for i := int64(0); i < 100000; i++ {
	m[i] = i
}
for i := int64(0); i < 100000; i++ {
	delete(m, i)
}
var ms runtime.MemStats
runtime.GC()
runtime.ReadMemStats(&ms)
fmt.Println("len:", len(m), "HeapAlloc after deleting everything:", ms.HeapAlloc)
m = nil
runtime.GC()
runtime.ReadMemStats(&ms)
fmt.Println("HeapAlloc after dropping the map:", ms.HeapAlloc)
