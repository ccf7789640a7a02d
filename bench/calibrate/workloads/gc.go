// Calibration: GC cycles (runtime.GC with the GC otherwise off), each timed
// alone, over heaps of different shapes, with GODEBUG=gctrace=1 giving the
// STW and mark clock times per cycle: GcSweepTermination and
// GcMarkTermination (the STW phases), GcMarkCycle, GcMarkObject,
// GcScanByte, GcScanPointer (mark), SweepSpan and SweepObject (runtime.GC
// sweeps every span before it returns).
debug.SetGCPercent(-1)
type Node struct {
	next *Node
	v    int64
	pad  [2]int64
}
var head *Node
for i := 0; i < 300000; i++ {
	head = &Node{next: head, v: int64(i)}
}
for r := 0; r < 4; r++ {
	t0 := time.Now()
	runtime.GC()
	fmt.Println("BLPHASE gc_chain", time.Since(t0).Nanoseconds())
}
bufs := make([][]byte, 300000)
for i := range bufs {
	bufs[i] = make([]byte, 64)
}
for r := 0; r < 4; r++ {
	t0 := time.Now()
	runtime.GC()
	fmt.Println("BLPHASE gc_chain_noscan", time.Since(t0).Nanoseconds())
}
head = nil
for r := 0; r < 4; r++ {
	t0 := time.Now()
	runtime.GC()
	fmt.Println("BLPHASE gc_noscan", time.Since(t0).Nanoseconds())
}
bufs = nil
arr := make([]*int64, 4<<20)
for i := 0; i < len(arr); i += 64 {
	arr[i] = new(int64)
}
for r := 0; r < 4; r++ {
	t0 := time.Now()
	runtime.GC()
	fmt.Println("BLPHASE gc_sparse", time.Since(t0).Nanoseconds())
}
arr = nil
for r := 0; r < 4; r++ {
	for i := 0; i < 300000; i++ {
		head = &Node{next: head, v: int64(i)}
	}
	head = nil
	t0 := time.Now()
	runtime.GC()
	fmt.Println("BLPHASE gc_garbage", time.Since(t0).Nanoseconds())
}
for r := 0; r < 8; r++ {
	t0 := time.Now()
	runtime.GC()
	fmt.Println("BLPHASE gc_empty", time.Since(t0).Nanoseconds())
}
