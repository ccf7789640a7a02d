// make(map[K]V, hint) versus growing from empty.
// Without a hint the map doubles its bucket array 11 times on the way to
// 10,000 entries (B = 0 → 11), and each growth evacuates the old buckets
// incrementally; every old array becomes garbage. With the hint, makemap
// picks B = 11 at once (6.5 · 2^10 < 10,000 ≤ 6.5 · 2^11).
//
// What to look for: Mallocs and TotalAlloc for the two maps; the hinted map
// allocates its buckets once (plus preallocated overflow buckets), the
// unhinted one pays for every intermediate array.
var before, mid, after runtime.MemStats
runtime.ReadMemStats(&before)
grown := make(map[int]int)
for i := 0; i < 10000; i++ {
	grown[i] = i
}
runtime.ReadMemStats(&mid)
hinted := make(map[int]int, 10000)
for i := 0; i < 10000; i++ {
	hinted[i] = i
}
runtime.ReadMemStats(&after)
fmt.Println("no hint: mallocs", mid.Mallocs-before.Mallocs, "bytes", mid.TotalAlloc-before.TotalAlloc)
fmt.Println("hint:    mallocs", after.Mallocs-mid.Mallocs, "bytes", after.TotalAlloc-mid.TotalAlloc)
fmt.Println(len(grown), len(hinted))
