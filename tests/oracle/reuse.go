// Oracle for tests/runtime/malloc_test.cpp ("slots are handed out in ascending order ...").
// Run: GOMAXPROCS=1 /usr/lib/go-1.19/bin/go run tests/oracle/reuse.go
// go1.19.8 linux/amd64 printed (objects as offset/1280 from the first; spans 0..5, 6..11 are
// the first two spans, the third lies elsewhere): again: 1 3 4 8 11 -395 -140 -139
// i.e. A1 A3 A4 B2 B5 C1, then slots 0 and 1 of a new span.
//go:build ignore

package main

import (
	"fmt"
	"runtime"
	"unsafe"
)

type obj struct{ a [1280]byte } // class 34 (1280 B), noscan, 6 per span

var keep [24]*obj
var again [24]*obj

func main() {
	runtime.GC()
	for i := range keep {
		keep[i] = new(obj)
	}
	base := uintptr(unsafe.Pointer(keep[0]))
	fmt.Print("first: ")
	for i := range keep {
		fmt.Print((int64(uintptr(unsafe.Pointer(keep[i])))-int64(base))/1280, " ")
	}
	fmt.Println()
	// free slots 1,3,4 of span 0 and 2,5 of span 1 (by index in keep)
	for _, i := range []int{1, 3, 4, 8, 11, 13} {
		keep[i] = nil
	}
	runtime.GC()
	for i := 0; i < 8; i++ {
		again[i] = new(obj)
	}
	fmt.Print("again: ")
	for i := 0; i < 8; i++ {
		fmt.Print((int64(uintptr(unsafe.Pointer(again[i])))-int64(base))/1280, " ")
	}
	fmt.Println()
}
