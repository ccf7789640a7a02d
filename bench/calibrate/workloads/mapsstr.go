// Calibration: faststr map operations (mapaccess1_faststr, mapassign_faststr,
// mapdelete_faststr) at four sizes (one between L1 and L2, so the two miss terms separate): base prices and the L1/L2 miss terms
// (MapAccessStr, MapAssignStr, MapDeleteStr, MapMissL1Str, MapMissL2Str). The
// stride visits keys in a cache-unfriendly order without a division.
for _, n := range []int{1000, 12000, 100000, 1000000} {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "key-" + strconv.Itoa(i)
	}
	m := make(map[string]int64)
	for i := 0; i < n; i++ {
		m[keys[i]] = int64(i)
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
		sum += m[keys[j]]
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
		m[keys[j]] = int64(k)
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
		delete(m, keys[j])
		m[keys[j]] = 1
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
