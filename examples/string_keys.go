// String keys.
// A string key is a 16-byte header in the bucket (pointer + length); its
// bytes live elsewhere. Keys built with strconv.Itoa or concatenation are
// heap allocations of their own; string literals are not allocated at all.
// Buckets holding string keys contain pointers, so the GC scans them.
//
// What to look for: 208-byte buckets for map[string]int (8 tophash + 8·16
// keys + 8·8 values + overflow pointer); Mallocs counting the key strings
// as well as the buckets.
m := make(map[string]int)
for i := 0; i < 20000; i++ {
	m["key-"+strconv.Itoa(i)] = i
}
var ms runtime.MemStats
runtime.GC()
runtime.ReadMemStats(&ms)
fmt.Println("entries:", len(m), "HeapObjects:", ms.HeapObjects, "HeapAlloc:", ms.HeapAlloc)
