// ERROR 11:23: cannot use m (variable of type runtime.MemStats) as type *runtime.MemStats in argument to runtime.ReadMemStats
// ERROR 12:8: m.HeapAllocs undefined (type runtime.MemStats has no field or method HeapAllocs)
// GO 1.19
// VERIFIED go build go1.19.8
package main

import "runtime"

func main() {
	var m runtime.MemStats
	runtime.ReadMemStats(m)
	_ = m.HeapAllocs
}
