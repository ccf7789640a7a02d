// Big values are stored indirectly.
// Keys and values up to 128 bytes live inside the bucket; a 200-byte value
// is stored as a pointer to its own heap object, allocated by mapassign.
// So a map[int]Record allocates one object per entry, and its buckets
// become pointerful (scanned by the GC) even though Record has no pointers.
//
// What to look for: Mallocs grows by one per inserted entry (plus the
// buckets), HeapObjects counts every value; compare Payload [120]byte,
// which stays inline.
type Record struct {
	Payload [200]byte
}
type Small struct {
	Payload [120]byte
}
var s0, s1, s2 runtime.MemStats
runtime.ReadMemStats(&s0)
big := make(map[int]Record)
for i := 0; i < 1000; i++ {
	big[i] = Record{}
}
runtime.ReadMemStats(&s1)
small := make(map[int]Small)
for i := 0; i < 1000; i++ {
	small[i] = Small{}
}
runtime.ReadMemStats(&s2)
fmt.Println("200-byte values: mallocs", s1.Mallocs-s0.Mallocs)
fmt.Println("120-byte values: mallocs", s2.Mallocs-s1.Mallocs)
fmt.Println(len(big), len(small))
