// Calibration: library calls and runtime entry points: ReadMemStats (a
// stop-the-world), strconv.Itoa (LibCall; its string is a tiny
// allocation), string concatenation (Concat, CopyByte), fmt.Println to
// stdout (FmtPrint; stdout is a file in calibration), fmt.Sprintf
// (FmtSprint), copy of 1 MiB (CopyByte).
var ms runtime.MemStats
t0 := time.Now()
for i := 0; i < 20000; i++ {
	runtime.ReadMemStats(&ms)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "readmemstats", d)
}
strs := make([]string, 1024)
t0 = time.Now()
for i := 0; i < 2000000; i++ {
	strs[i&1023] = strconv.Itoa(i + 1000000)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "itoa", d)
}
parts := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
t0 = time.Now()
for i := 0; i < 1000000; i++ {
	strs[i&1023] = "key-" + parts[i&7]
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "concat", d)
}
t0 = time.Now()
for i := 0; i < 20000; i++ {
	fmt.Println(i)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "println", d)
}
t0 = time.Now()
for i := 0; i < 300000; i++ {
	strs[i&1023] = fmt.Sprintf("%d-%d", i, i)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "sprintf", d)
}
src := make([]byte, 1<<20)
dst := make([]byte, 1<<20)
t0 = time.Now()
for i := 0; i < 300; i++ {
	copy(dst, src)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "copy", d)
}
