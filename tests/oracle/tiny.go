// Oracle for tests/runtime/malloc_test.cpp ("tiny allocator: 1000 x new([4]byte) ...").
// Run: GOMAXPROCS=1 /usr/lib/go-1.19/bin/go run tests/oracle/tiny.go
// go1.19.8 linux/amd64 printed: tiny 1000 750 250 4000
//go:build ignore

package main

import (
	"fmt"
	"runtime"
)

var keep [1000]*[4]byte

func main() {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	for i := range keep {
		keep[i] = new([4]byte)
	}
	runtime.ReadMemStats(&b)
	fmt.Println("tiny", b.Mallocs-a.Mallocs, b.Frees-a.Frees, b.HeapObjects-a.HeapObjects, b.TotalAlloc-a.TotalAlloc)
}
