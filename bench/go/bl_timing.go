// Timing harness for bench/validate_cost.sh and bench/calibrate: the
// workload's main is renamed blMain; this main times it on the process's
// monotonic clock and reports what the cost model is compared with.
package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
	_ "unsafe"
)

//go:linkname blNanotime runtime.nanotime
func blNanotime() int64

//go:linkname blRuntimeInitTime runtime.runtimeInitTime
var blRuntimeInitTime int64

func main() {
	premain := blNanotime() - blRuntimeInitTime
	t0 := time.Now()
	blMain()
	wall := time.Since(t0)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(os.Stderr, "BLTIME premain_ns=%d wall_ns=%d numgc=%d numforcedgc=%d pause_total_ns=%d gc_cpu_fraction=%.6f\n",
		premain, wall.Nanoseconds(), ms.NumGC, ms.NumForcedGC, ms.PauseTotalNs, ms.GCCPUFraction)
}
