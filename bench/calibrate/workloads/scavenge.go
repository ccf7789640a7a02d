// Calibration: returning memory to the OS (ScavengePage): free a large
// heap, collect it, then debug.FreeOSMemory, which collects again (priced
// by gc.go's constants) and releases every free page (madvise).
var blocks [][]byte
for r := 0; r < 3; r++ {
	for i := 0; i < 64; i++ {
		b := make([]byte, 1<<20)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		blocks = append(blocks, b)
	}
	blocks = nil
	t0 := time.Now()
	runtime.GC()
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_before", d)
	}
	t0 = time.Now()
	debug.FreeOSMemory()
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "freeos", d)
	}
}
