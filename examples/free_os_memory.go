// debug.FreeOSMemory.
// Free a large heap and the Go runtime keeps its pages mapped: HeapIdle
// grows but HeapReleased lags until the background scavenger returns them
// at its slow pace. debug.FreeOSMemory forces a GC and returns everything
// free to the OS at once.
//
// What to look for: HeapIdle vs HeapReleased before and after
// FreeOSMemory; HeapSys does not shrink (address space stays reserved).
var blocks [][]byte
for i := 0; i < 256; i++ {
	blocks = append(blocks, make([]byte, 256<<10))
}
blocks = nil
var ms runtime.MemStats
runtime.GC()
runtime.ReadMemStats(&ms)
fmt.Println("after GC:           HeapIdle", ms.HeapIdle, "HeapReleased", ms.HeapReleased, "HeapSys", ms.HeapSys)
debug.FreeOSMemory()
runtime.ReadMemStats(&ms)
fmt.Println("after FreeOSMemory: HeapIdle", ms.HeapIdle, "HeapReleased", ms.HeapReleased, "HeapSys", ms.HeapSys)
