// Calibration: allocation with the GC on and a small live set, so spans
// are swept and reused: mcentral refills from swept spans (MallocRefill,
// without MallocSpan), zeroing of reused slots (ZeroByte), sweeping
// (SweepSpan, SweepObject) and heap-triggered cycles (the GC constants);
// 64 KiB buffers (large objects, zeroed when reused: ZeroByte).
type P32 struct {
	p    *int
	a, b int64
	c    int64
}
type P512 struct {
	p *int
	a [63]int64
}
type P128 struct {
	p *int
	a [15]int64
}
type P2048 struct {
	p *int
	a [255]int64
}
type P8192 struct {
	p *int
	a [1023]int64
}
{ // its own scope: dead after the phase, as Go's liveness has it
	s32 := make([]*P32, 1024)
	t0 := time.Now()
	for i := 0; i < 3000000; i++ {
		p := new(P32)
		p.a = int64(i)
		s32[i&1023] = p
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_s32", d)
	}
}
{ // its own scope: dead after the phase, as Go's liveness has it
	s512 := make([]*P512, 256)
	t0 := time.Now()
	for i := 0; i < 400000; i++ {
		p := new(P512)
		p.a[0] = int64(i)
		p.a[62] = 1
		s512[i&255] = p
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_s512", d)
	}
}
{ // its own scope: dead after the phase, as Go's liveness has it
	s8k := make([]*P8192, 64)
	t0 := time.Now()
	for i := 0; i < 30000; i++ {
		p := new(P8192)
		p.a[0] = int64(i)
		p.a[1022] = 1
		s8k[i&63] = p
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_s8192", d)
	}
}
{ // its own scope: dead after the phase, as Go's liveness has it
	s128 := make([]*P128, 512)
	t0 := time.Now()
	for i := 0; i < 1000000; i++ {
		p := new(P128)
		p.a[0] = int64(i)
		p.a[14] = 1
		s128[i&511] = p
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_s128", d)
	}
}
{ // its own scope: dead after the phase, as Go's liveness has it
	s2k := make([]*P2048, 128)
	t0 := time.Now()
	for i := 0; i < 100000; i++ {
		p := new(P2048)
		p.a[0] = int64(i)
		p.a[254] = 1
		s2k[i&127] = p
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_s2048", d)
	}
}
{ // its own scope: dead after the phase, as Go's liveness has it
	big := make([][]byte, 8)
	t0 := time.Now()
	for i := 0; i < 20000; i++ {
		big[i&7] = make([]byte, 64<<10)
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "gc_large64k", d)
	}
}
