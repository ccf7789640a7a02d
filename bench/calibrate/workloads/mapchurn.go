// Calibration: inserts and deletes on small maps in the states programs
// leave them in, not the pristine ones of maps64.go/mapsstr.go (where every
// delete is followed by re-inserting the same key into the slot it freed,
// so MapDelete* and MapInsert always come in equal numbers and cannot be
// told apart). Per window size W (a map that fits in L2):
//   fill/W    make(map, W) then W new keys, repeated: inserts without
//             growth or deletes (MapInsert + MapAssign*, MapMake, the
//             bucket array's malloc and zeroing)
//   window/W  a sliding window of W live keys: insert key k, delete key
//             k-W. Buckets fill up unevenly, overflow buckets accumulate
//             and same-size grows evacuate them (MapInsert, MapDelete*,
//             MapOverflow, MapEvacuate, as hashmap.go does it)
// for int64 keys (the fast64 paths) and string keys (faststr: a ring of
// W+8192 distinct keys, built before timing, so that the pattern of
// buckets and slots repeats only every 8192+ operations, too long for the
// branch predictor to learn, as with the int64 keys, which never repeat).
// The GC stays on with a tiny live heap: the bucket arrays and overflow
// buckets are recycled, not fresh pages.
ops := 400000
var sink map[int64]int64
var ssink map[string]int64
for _, w := range []int{64, 512, 4096} {
	t0 := time.Now()
	for r := 0; r < ops/w; r++ {
		h := make(map[int64]int64, w)
		for i := 0; i < w; i++ {
			h[int64(i)] = int64(i)
		}
		sink = h
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "fill64", w, d)
	}
	m := make(map[int64]int64)
	for i := 0; i < w; i++ {
		m[int64(i)] = int64(i)
	}
	next := int64(w)
	t0 = time.Now()
	for k := 0; k < ops; k++ {
		m[next] = next
		delete(m, next-int64(w))
		next++
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "window64", w, d)
		fmt.Println(len(m))
	}
	ring := w + 8192
	keys := make([]string, ring)
	for i := range keys {
		keys[i] = "key-" + strconv.Itoa(i)
	}
	t0 = time.Now()
	for r := 0; r < ops/w; r++ {
		h := make(map[string]int64, w)
		for i := 0; i < w; i++ {
			h[keys[i]] = int64(i)
		}
		ssink = h
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "fillstr", w, d)
	}
	sm := make(map[string]int64)
	for i := 0; i < w; i++ {
		sm[keys[i]] = int64(i)
	}
	in, out := w, 0
	t0 = time.Now()
	for k := 0; k < ops; k++ {
		sm[keys[in]] = int64(k)
		delete(sm, keys[out])
		in++
		if in == ring {
			in = 0
		}
		out++
		if out == ring {
			out = 0
		}
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "windowstr", w, d)
		fmt.Println(len(sm))
	}
}
fmt.Println(len(sink), len(ssink))
