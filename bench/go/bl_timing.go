// Timing harness for bench/validate_cost.sh and bench/calibrate: the
// workload's main is renamed blMain; this main times it and reports what
// the cost model is compared with. Both the wall clock and the process's
// CPU time (CLOCK_PROCESS_CPUTIME_ID: every thread, user + system) are
// reported: on a machine shared with other work, the CPU time is what the
// model's one dedicated P stands for.
//
// Calibration runs also rewrite the workload's time.Now()/time.Since(t)
// into blNow()/blSince(t), which read the CPU clock, so each phase is timed
// in CPU time.
package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

//go:linkname blNanotime runtime.nanotime
func blNanotime() int64

//go:linkname blRuntimeInitTime runtime.runtimeInitTime
var blRuntimeInitTime int64

// blCPUNanos: CPU time of the whole process (clock_gettime(CLOCK_PROCESS_CPUTIME_ID)).
func blCPUNanos() int64 {
	var ts syscall.Timespec
	const clockProcessCPUTimeID = 2
	syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}

func blNow() time.Time { return time.Unix(0, blCPUNanos()) }

func blSince(t time.Time) time.Duration { return time.Duration(blCPUNanos() - t.UnixNano()) }

func main() {
	premain := blNanotime() - blRuntimeInitTime
	cpu0 := blCPUNanos()
	t0 := time.Now()
	blMain()
	wall := time.Since(t0)
	cpu := blCPUNanos() - cpu0
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(os.Stderr, "BLTIME premain_ns=%d wall_ns=%d cpu_ns=%d numgc=%d numforcedgc=%d pause_total_ns=%d gc_cpu_fraction=%.6f\n",
		premain, wall.Nanoseconds(), cpu, ms.NumGC, ms.NumForcedGC, ms.PauseTotalNs, ms.GCCPUFraction)
}
