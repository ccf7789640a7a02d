// Calibration: library calls and runtime entry points: ReadMemStats (a
// stop-the-world), strconv.Itoa (LibCall; its string is a tiny
// allocation), string concatenation (Concat, CopyByte), fmt.Println to
// stdout (FmtCall; stdout is /dev/null in calibration), fmt.Sprintf
// (LibCall), copy of 1 MiB (CopyByte).
var ms runtime.MemStats
t0 := time.Now()
for i := 0; i < 20000; i++ {
	runtime.ReadMemStats(&ms)
}
fmt.Println("BLPHASE readmemstats", time.Since(t0).Nanoseconds())
strs := make([]string, 1024)
t0 = time.Now()
for i := 0; i < 2000000; i++ {
	strs[i&1023] = strconv.Itoa(i + 1000000)
}
fmt.Println("BLPHASE itoa", time.Since(t0).Nanoseconds())
t0 = time.Now()
for i := 0; i < 1000000; i++ {
	strs[i&1023] = "key-" + strs[(i+1)&1023]
}
fmt.Println("BLPHASE concat", time.Since(t0).Nanoseconds())
t0 = time.Now()
for i := 0; i < 20000; i++ {
	fmt.Println(i)
}
fmt.Println("BLPHASE println", time.Since(t0).Nanoseconds())
t0 = time.Now()
for i := 0; i < 300000; i++ {
	strs[i&1023] = fmt.Sprintf("%d-%d", i, i)
}
fmt.Println("BLPHASE sprintf", time.Since(t0).Nanoseconds())
src := make([]byte, 1<<20)
dst := make([]byte, 1<<20)
t0 = time.Now()
for i := 0; i < 300; i++ {
	copy(dst, src)
}
fmt.Println("BLPHASE copy", time.Since(t0).Nanoseconds())
