// Oracle for tests/runtime/page_alloc_test.cpp ("large objects take the lowest-address fit").
// Run: GOMAXPROCS=1 /usr/lib/go-1.19/bin/go run tests/oracle/placement.go
// go1.19.8 linux/amd64 printed: a b c pages: 0 32 64; h d pages: 32 96; big grew 8388608 big page 128.
//go:build ignore

package main

import (
	"fmt"
	"runtime"
	"unsafe"
)

var a, b, c, d, e *[256 << 10]byte
var h *[128 << 10]byte

func main() {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	fmt.Println("start HeapSys", ms.HeapSys, "HeapInuse", ms.HeapInuse, "HeapIdle", ms.HeapIdle, "Released", ms.HeapReleased)
	a = new([256 << 10]byte)
	b = new([256 << 10]byte)
	c = new([256 << 10]byte)
	base := uintptr(unsafe.Pointer(a))
	rel := func(p unsafe.Pointer) int64 { return (int64(uintptr(p)) - int64(base)) / 8192 }
	fmt.Println("a b c pages:", 0, rel(unsafe.Pointer(b)), rel(unsafe.Pointer(c)), "a=", unsafe.Pointer(a))
	b = nil
	runtime.GC()
	h = new([128 << 10]byte)
	d = new([256 << 10]byte)
	fmt.Println("h d pages:", rel(unsafe.Pointer(h)), rel(unsafe.Pointer(d)))
	runtime.ReadMemStats(&ms)
	fmt.Println("HeapSys", ms.HeapSys, "HeapInuse", ms.HeapInuse, "HeapIdle", ms.HeapIdle, "Released", ms.HeapReleased)
	// a 5 MiB object: heap must grow by 8 MiB
	before := ms.HeapSys
	big := new([5 << 20]byte)
	runtime.ReadMemStats(&ms)
	fmt.Println("big grew", ms.HeapSys-before, "big page", rel(unsafe.Pointer(big)))
}
