// Calibration: the interpreter's per-instruction and per-statement prices
// (Instr, Stmt). Plain loops with no allocation and no map: Go's compiled
// code vs the bytecode the model counts for the same source.
n := 20000000
x := 0
t0 := time.Now()
for i := 0; i < n; i++ {
	x += i ^ (x >> 3)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "arith", d)
	fmt.Println(x)
}

s := make([]int64, 4096)
t0 = time.Now()
for i := 0; i < n; i++ {
	s[i&4095] += int64(i)
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "slice", d)
	fmt.Println(s[7])
}

type P struct {
	a, b int
	c    int64
}
ps := make([]P, 1024)
t0 = time.Now()
for i := 0; i < n/2; i++ {
	p := &ps[i&1023]
	p.a = i
	p.b += p.a
	if p.b > 1000 {
		p.b = 0
	}
	p.c++
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "struct", d)
	fmt.Println(ps[3].c)
}

t0 = time.Now()
y := 0
for i := 0; i < n; i++ {
	if i%3 == 0 {
		y++
	} else if i%5 == 0 {
		y += 2
	}
}
{
	d := time.Since(t0).Nanoseconds()
	fmt.Println("BLPHASE", "branch", d)
	fmt.Println(y)
}
