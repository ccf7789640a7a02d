// Emptying a map: clear it in place, or make a new one.
// The loop `for k := range m { delete(m, k) }` is compiled to mapclear,
// which keeps the bucket array and zeroes it (the builtin clear(m) does the
// same from Go 1.21). Making a new map instead drops the old array for the
// GC and grows a fresh one from B = 0 again.
//
// What to look for: the clear itself allocates nothing and keeps B, so the
// refill only allocates overflow buckets; the new map allocates every
// intermediate bucket array again (about 18x the bytes here), and the old
// array is garbage until the next GC.
a := make(map[int]int)
b := make(map[int]int)
for i := 0; i < 50000; i++ {
	a[i] = i
	b[i] = i
}
var s0, s1, s2 runtime.MemStats
runtime.ReadMemStats(&s0)
for k := range a {
	delete(a, k)
}
for i := 0; i < 50000; i++ {
	a[i] = i
}
runtime.ReadMemStats(&s1)
b = make(map[int]int)
for i := 0; i < 50000; i++ {
	b[i] = i
}
runtime.ReadMemStats(&s2)
fmt.Println("clear + refill: mallocs", s1.Mallocs-s0.Mallocs, "bytes", s1.TotalAlloc-s0.TotalAlloc)
fmt.Println("new map + refill: mallocs", s2.Mallocs-s1.Mallocs, "bytes", s2.TotalAlloc-s1.TotalAlloc)
// Both maps stay in use to the end, so the final heap holds both arrays (and
// `bucketlab vs-go` can read a's buckets: Go would otherwise collect a here).
runtime.KeepAlive(a)
