// Slice growth by append.
// append doubles the capacity while it is under 256 elements, then grows
// by about 1.25x plus a constant, and rounds every allocation up to a size
// class — so the capacities are 1, 2, 4, 8, ..., 512, 848, 1280, ...
// Every growth copies the old elements into a new array and leaves the old
// one for the GC.
//
// What to look for: the capacities printed at each growth; Mallocs equal to
// the number of growths; TotalAlloc well above the final array's size.
var s []int64
last := -1
var before, after runtime.MemStats
runtime.ReadMemStats(&before)
for i := 0; i < 100000; i++ {
	s = append(s, int64(i))
	if cap(s) != last {
		last = cap(s)
		if last > 200 {
			fmt.Println("cap", last)
		}
	}
}
runtime.ReadMemStats(&after)
fmt.Println("growths:", after.Mallocs-before.Mallocs, "TotalAlloc:", after.TotalAlloc-before.TotalAlloc)
