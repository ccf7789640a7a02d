// ERROR 5:8: package "unsafe" is not supported by bucketlab (available: fmt, math/rand, runtime, runtime/debug, strconv, time)
// bucketlab refusal (not a Go error)
package main

import "unsafe"

func main() {
	_ = unsafe.Sizeof(1)
}
