// ERROR 10:23: cannot use m (variable of struct type runtime.MemStats) as *runtime.MemStats value in argument to runtime.ReadMemStats
// ERROR 11:8: m.HeapAllocs undefined (type runtime.MemStats has no field or method HeapAllocs)
// VERIFIED go build go1.26.8
package main

import "runtime"

func main() {
	var m runtime.MemStats
	runtime.ReadMemStats(m)
	_ = m.HeapAllocs
}
