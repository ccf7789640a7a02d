// Calibration: the generic map functions (mapaccess1, mapassign,
// mapdelete), taken for keys that are neither 4/8-byte memory nor strings
// (MapAccessGeneric, MapAssignGeneric, MapDeleteGeneric); the miss terms
// are the fast64 ones.
type K struct {
	a int32
	b int64
}
for _, n := range []int{1000, 100000} {
	m := make(map[K]int64)
	for i := 0; i < n; i++ {
		m[K{int32(i), int64(i)}] = int64(i)
	}
	ops := 2000000
	stride := 7919
	if n < 10000 {
		stride = 619
	}
	var sum int64
	j := 0
	t0 := time.Now()
	for k := 0; k < ops; k++ {
		sum += m[K{int32(j), int64(j)}]
		j += stride
		if j >= n {
			j -= n
		}
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "access", n, d)
		fmt.Println(sum)
	}
	t0 = time.Now()
	for k := 0; k < ops; k++ {
		m[K{int32(j), int64(j)}] = int64(k)
		j += stride
		if j >= n {
			j -= n
		}
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "assign", n, d)
	}
	t0 = time.Now()
	for k := 0; k < ops/2; k++ {
		delete(m, K{int32(j), int64(j)})
		m[K{int32(j), int64(j)}] = 1
		j += stride
		if j >= n {
			j -= n
		}
	}
	{
		d := time.Since(t0).Nanoseconds()
		fmt.Println("BLPHASE", "delete", n, d)
		fmt.Println(len(m))
	}
}
