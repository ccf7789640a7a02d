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
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "grow", d)
}
t0 = time.Now()
for r := 0; r < 10; r++ {
	m := make(map[int64]int64, n)
	for i := 0; i < n; i++ {
		m[int64(i)] = int64(i)
	}
	keep = append(keep, m)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "hinted", d)
}
m := keep[0]
var sum int64
t0 = time.Now()
for r := 0; r < 20; r++ {
	for k, v := range m {
		sum += k ^ v
	}
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "iterate", d)
	fmt.Println(sum)
}
for r := 0; r < 10; r++ {
	c := keep[10+r]
	t0 = time.Now()
	for k := range c {
		delete(c, k)
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "clear", d)
		fmt.Println(len(c))
	}
}
small := make([]map[int]int, 1024)
t0 = time.Now()
for i := 0; i < 1000000; i++ {
	small[i&1023] = make(map[int]int)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "makemap", d)
	fmt.Println(len(small[5]))
}
