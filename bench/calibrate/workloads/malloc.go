// Calibration: allocation by path with the GC off, so every span is fresh
// memory: the tiny allocator (MallocTiny, MallocSmall for a new block),
// small objects of several size classes (MallocSmall, and a mcentral
// refill + fresh span per span: MallocRefill + MallocSpan), large objects
// (MallocLarge, MallocSpan), and the page faults of fresh memory
// (PageFault: a 32 MiB []byte touched once per 4 KiB page).
debug.SetGCPercent(-1)
type P8 struct{ p *int }
type P32 struct {
	p    *int
	a, b int64
	c    int64
}
type P128 struct {
	p *int
	a [15]int64
}
type P512 struct {
	p *int
	a [63]int64
}
type P2048 struct {
	p *int
	a [255]int64
}
type P8192 struct {
	p *int
	a [1023]int64
}
type P40k struct {
	p *int
	a [4999]int64
}
tiny := make([]*int64, 1024)
t0 := time.Now()
for i := 0; i < 2000000; i++ {
	tiny[i&1023] = new(int64)
}
fmt.Println("BLPHASE tiny", time.Since(t0).Nanoseconds())
s8 := make([]*P8, 1024)
t0 = time.Now()
for i := 0; i < 1000000; i++ {
	s8[i&1023] = new(P8)
}
fmt.Println("BLPHASE s8", time.Since(t0).Nanoseconds())
s32 := make([]*P32, 1024)
t0 = time.Now()
for i := 0; i < 500000; i++ {
	s32[i&1023] = new(P32)
}
fmt.Println("BLPHASE s32", time.Since(t0).Nanoseconds())
s128 := make([]*P128, 1024)
t0 = time.Now()
for i := 0; i < 200000; i++ {
	s128[i&1023] = new(P128)
}
fmt.Println("BLPHASE s128", time.Since(t0).Nanoseconds())
s512 := make([]*P512, 1024)
t0 = time.Now()
for i := 0; i < 50000; i++ {
	s512[i&1023] = new(P512)
}
fmt.Println("BLPHASE s512", time.Since(t0).Nanoseconds())
s2k := make([]*P2048, 1024)
t0 = time.Now()
for i := 0; i < 12000; i++ {
	s2k[i&1023] = new(P2048)
}
fmt.Println("BLPHASE s2048", time.Since(t0).Nanoseconds())
s8k := make([]*P8192, 1024)
t0 = time.Now()
for i := 0; i < 3000; i++ {
	s8k[i&1023] = new(P8192)
}
fmt.Println("BLPHASE s8192", time.Since(t0).Nanoseconds())
s40k := make([]*P40k, 64)
t0 = time.Now()
for i := 0; i < 600; i++ {
	s40k[i&63] = new(P40k)
}
fmt.Println("BLPHASE large40k", time.Since(t0).Nanoseconds())
big := make([][]byte, 2)
for r := 0; r < 2; r++ {
	t0 = time.Now()
	b := make([]byte, 32<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	big[r] = b
	fmt.Println("BLPHASE touch32m", time.Since(t0).Nanoseconds())
}
