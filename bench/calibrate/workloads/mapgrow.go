// Calibration: map growth (hashGrow + evacuate per old bucket:
// MapGrow, MapEvacuate), iteration (MapIterNext), mapclear (MapClear, its
// zeroing being ZeroByte) and makemap (MapMake). GC off: no cycle mixes in;
// the bucket arrays' allocation and page faults are priced by malloc.go.
debug.SetGCPercent(-1)
n := 100000
keep := make([]map[int64]int64, 0, 64)
t0 := time.Now()
for r := 0; r < 10; r++ {
	m := make(map[int64]int64)
	for i := 0; i < n; i++ {
		m[int64(i)] = int64(i)
	}
	keep = append(keep, m)
}
fmt.Println("BLPHASE grow", time.Since(t0).Nanoseconds())
t0 = time.Now()
for r := 0; r < 10; r++ {
	m := make(map[int64]int64, n)
	for i := 0; i < n; i++ {
		m[int64(i)] = int64(i)
	}
	keep = append(keep, m)
}
fmt.Println("BLPHASE hinted", time.Since(t0).Nanoseconds())
m := keep[0]
var sum int64
t0 = time.Now()
for r := 0; r < 20; r++ {
	for k, v := range m {
		sum += k ^ v
	}
}
fmt.Println("BLPHASE iterate", time.Since(t0).Nanoseconds(), sum)
for r := 0; r < 10; r++ {
	c := keep[10+r]
	t0 = time.Now()
	for k := range c {
		delete(c, k)
	}
	fmt.Println("BLPHASE clear", time.Since(t0).Nanoseconds(), len(c))
}
small := make([]map[int]int, 1024)
t0 = time.Now()
for i := 0; i < 1000000; i++ {
	small[i&1023] = make(map[int]int)
}
fmt.Println("BLPHASE makemap", time.Since(t0).Nanoseconds(), len(small[5]))
