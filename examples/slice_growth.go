// Slice growth by append.
// append doubles the capacity while it is under 256 elements, then grows
// by about 1.25x plus a constant, and rounds every allocation up to a size
// class — so the capacities are 1, 2, 4, 8, ..., 512, 848, 1280, ...
// Every growth copies the old elements into a new array and leaves the old
// one for the GC.
//
// What to look for: the capacities printed for each growth; Mallocs equal to
// the number of growths; TotalAlloc well above the final array's size.
// (The capacities are kept in an array and printed after the loop: printing
// inside it would allocate too, and fmt's cached printer is dropped by the
// GC cycles the growth triggers, so Mallocs would count more than growths.)
var s []int64
var caps [64]int
n := 0
var before, after runtime.MemStats
runtime.ReadMemStats(&before)
for i := 0; i < 100000; i++ {
	s = append(s, int64(i))
	if n == 0 || cap(s) != caps[n-1] {
		caps[n] = cap(s)
		n++
	}
}
runtime.ReadMemStats(&after)
for _, c := range caps[:n] {
	if c > 200 {
		fmt.Println("cap", c)
	}
}
fmt.Println("growths:", n, "Mallocs:", after.Mallocs-before.Mallocs, "TotalAlloc:", after.TotalAlloc-before.TotalAlloc)
