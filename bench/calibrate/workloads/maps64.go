// Calibration: fast64 map operations (mapaccess1_fast64, mapassign_fast64,
// mapdelete_fast64) at four sizes (one between L1 and L2, so the two miss terms separate): base prices and the L1/L2 miss terms
// (MapAccess64, MapAssign64, MapDelete64, MapMissL1, MapMissL2). The
// stride visits keys in a cache-unfriendly order without a division.
for _, n := range []int{1000, 12000, 100000, 1000000} {
	m := make(map[int64]int64)
	for i := 0; i < n; i++ {
		m[int64(i)] = int64(i)
	}
	ops := 3000000
	stride := 7919
	if n < 10000 {
		stride = 619
	}
	var sum int64
	j := 0
	t0 := time.Now()
	for k := 0; k < ops; k++ {
		sum += m[int64(j)]
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
		m[int64(j)] = int64(k)
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
		delete(m, int64(j))
		m[int64(j)] = 1
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
