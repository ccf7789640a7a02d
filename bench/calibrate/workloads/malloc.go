// Calibration: allocation by path with the GC off, so every span is fresh
// memory: the tiny allocator (MallocTiny, MallocSmall for a new block),
// small objects of several size classes (MallocSmall, and a mcentral
// refill + fresh span per span: MallocRefill + MallocSpan; each object is
// written, so its span's fresh pages fault in: PageFault), large objects
// (MallocLarge, MallocSpan; left untouched, as the model assumes), and a
// large []byte written once per 4 KiB page (reported, not fitted: the model
// does not charge page faults of large objects).
debug.SetGCPercent(-1)
type P8 struct {
	p *int
}
type P32 struct {
	p *int
	a [3]int64
}
type P128 struct {
	p *int
	a [15]int64
}
type P512 struct {
	p *int
	a [63]int64
}
type P3072 struct {
	p *int
	a [383]int64
}
type P10240 struct {
	p *int
	a [1279]int64
}
type P40k struct {
	p *int
	a [4999]int64
}
tiny := make([]*int64, 1024)
t0 := time.Now()
for i := 0; i < 2000000; i++ {
	p := new(int64)
	*p = int64(i)
	tiny[i&1023] = p
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "tiny", d)
}
s8 := make([]*P8, 1024)
t0 = time.Now()
for i := 0; i < 1000000; i++ {
	p := new(P8)
	p.p = nil
	s8[i&1023] = p
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "s8", d)
}
s32 := make([]*P32, 1024)
t0 = time.Now()
for i := 0; i < 500000; i++ {
	p := new(P32)
	p.a[0] = int64(i)
	p.a[2] = 1
	s32[i&1023] = p
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "s32", d)
}
s128 := make([]*P128, 1024)
t0 = time.Now()
for i := 0; i < 200000; i++ {
	p := new(P128)
	p.a[0] = int64(i)
	p.a[14] = 1
	s128[i&1023] = p
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "s128", d)
}
s512 := make([]*P512, 1024)
t0 = time.Now()
for i := 0; i < 50000; i++ {
	p := new(P512)
	p.a[0] = int64(i)
	p.a[62] = 1
	s512[i&1023] = p
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "s512", d)
}
s3072 := make([]*P3072, 1024)
t0 = time.Now()
for i := 0; i < 8000; i++ {
	p := new(P3072)
	p.a[0] = int64(i)
	p.a[382] = 1
	s3072[i&1023] = p
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "s3072", d)
}
s10240 := make([]*P10240, 1024)
t0 = time.Now()
for i := 0; i < 2400; i++ {
	p := new(P10240)
	p.a[0] = int64(i)
	p.a[1278] = 1
	s10240[i&1023] = p
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "s10240", d)
}
s40k := make([]*P40k, 64)
t0 = time.Now()
for i := 0; i < 600; i++ {
	s40k[i&63] = new(P40k)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "large40k", d)
}
big := make([][]byte, 2)
for r := 0; r < 2; r++ {
	t0 = time.Now()
	b := make([]byte, 32<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	big[r] = b
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "touch32m", d)
	}
}
