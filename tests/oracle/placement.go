// Oracle for tests/runtime/page_alloc_test.cpp ("large objects take the lowest-address fit").
// Run: GOMAXPROCS=1 /usr/lib/go-1.19/bin/go run tests/oracle/placement.go
// go1.19.8 linux/amd64 printed: pages b c h d big = 32 64 32 96 128; big grew 8388608
// (Nothing is printed until the end so that fmt's own allocations cannot
// take pages between the measured ones.)
//go:build ignore

package main

import (
	"fmt"
	"runtime"
	"unsafe"
)

var a, b, c, d *[256 << 10]byte
var h *[128 << 10]byte
var big *[5 << 20]byte

func main() {
	var ms runtime.MemStats
	runtime.GC()
	a = new([256 << 10]byte)
	b = new([256 << 10]byte)
	c = new([256 << 10]byte)
	base := uintptr(unsafe.Pointer(a))
	rel := func(p unsafe.Pointer) int64 { return (int64(uintptr(p)) - int64(base)) / 8192 }
	pb, pc := rel(unsafe.Pointer(b)), rel(unsafe.Pointer(c))
	b = nil
	runtime.GC()
	h = new([128 << 10]byte)
	d = new([256 << 10]byte)
	runtime.ReadMemStats(&ms)
	before := ms.HeapSys
	big = new([5 << 20]byte)
	runtime.ReadMemStats(&ms)
	fmt.Println("pages b c h d big =", pb, pc, rel(unsafe.Pointer(h)), rel(unsafe.Pointer(d)), rel(unsafe.Pointer(big)), "; big grew", ms.HeapSys-before)
}
