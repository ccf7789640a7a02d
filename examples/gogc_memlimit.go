// GOGC and GOMEMLIMIT.
// The same allocation loop under three settings: the default GOGC=100,
// GOGC=400 (fewer, later collections, a bigger heap), and GOGC=off with a
// 64 MiB memory limit (the limit alone paces the GC).
//
// What to look for: NumGC and NextGC per phase; with GOGC=400 the heap
// goal is five times the live heap; with GOGC=off the goal sits just under
// the memory limit.
var live [][]byte
var ms runtime.MemStats
for _, pct := range []int{100, 400, -1} {
	debug.SetGCPercent(pct)
	if pct < 0 {
		debug.SetMemoryLimit(64 << 20)
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	start := ms.NumGC
	for i := 0; i < 4000; i++ {
		b := make([]byte, 16<<10)
		if i%8 == 0 {
			live = append(live, b)
		}
	}
	live = live[:0]
	runtime.ReadMemStats(&ms)
	fmt.Println("GOGC", pct, "GCs:", ms.NumGC-start, "NextGC:", ms.NextGC)
}
