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
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_chain", d)
	}
}
runtime.KeepAlive(head) // Go's liveness is precise: without this the list is dead here
bufs := make([][]byte, 300000)
for i := range bufs {
	bufs[i] = make([]byte, 64)
}
for r := 0; r < 4; r++ {
	t0 := time.Now()
	runtime.GC()
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_chain_noscan", d)
	}
}
runtime.KeepAlive(head)
head = nil
for r := 0; r < 4; r++ {
	t0 := time.Now()
	runtime.GC()
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_noscan", d)
	}
}
runtime.KeepAlive(bufs)
bufs = nil
arr := make([]*int64, 4<<20)
for i := 0; i < len(arr); i += 64 {
	arr[i] = new(int64)
}
for r := 0; r < 4; r++ {
	t0 := time.Now()
	runtime.GC()
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_sparse", d)
	}
}
runtime.KeepAlive(arr)
arr = nil
one := new(int64)
same := make([]*int64, 1<<20)
for i := range same {
	same[i] = one
}
for r := 0; r < 4; r++ {
	t0 := time.Now()
	runtime.GC()
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_sameptr", d)
	}
}
runtime.KeepAlive(same)
same = nil
for r := 0; r < 4; r++ {
	for i := 0; i < 300000; i++ {
		head = &Node{next: head, v: int64(i)}
	}
	head = nil
	t0 := time.Now()
	runtime.GC()
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_garbage", d)
	}
}
for r := 0; r < 8; r++ {
	t0 := time.Now()
	runtime.GC()
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_empty", d)
	}
}
