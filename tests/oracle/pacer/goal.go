// Oracle for tests/runtime/pacer_test.cpp ("GOGC goal formula matches a real
// Go process"): for several GOGC values, a forced GC over a ~20 MiB live heap,
// then the inputs of the heap-goal formula as runtime/metrics reports them
// (heapMarked, last stack scan, globals scan) and MemStats.NextGC.
// Run: GOMAXPROCS=1 go run tests/oracle/pacer/goal.go   (Go >= 1.21)
// Output: one line per GOGC: gogc live stacks globals nextgc
//go:build ignore

package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

var live [][]byte

func main() {
	for i := 0; i < 20; i++ {
		live = append(live, make([]byte, 1<<20))
	}
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/scan/stack:bytes"}, {Name: "/gc/scan/globals:bytes"}}
	var ms runtime.MemStats
	out := make([]string, 0, 8)
	for _, gogc := range []int{50, 100, 200, 400, 1000} {
		debug.SetGCPercent(gogc)
		runtime.GC()
		metrics.Read(samples)
		runtime.ReadMemStats(&ms)
		out = append(out, fmt.Sprintf("%d %d %d %d %d", gogc, samples[0].Value.Uint64(), samples[1].Value.Uint64(), samples[2].Value.Uint64(), ms.NextGC))
	}
	for _, l := range out {
		fmt.Println(l)
	}
}
