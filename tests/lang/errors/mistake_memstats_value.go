// ERROR 12:7: not enough arguments in call to runtime.ReadMemStats\n\thave ()\n\twant (*runtime.MemStats)
// ERROR 12:7: runtime.ReadMemStats() (no value) used as value
// VERIFIED go build go1.26.8
package main

import (
	"fmt"
	"runtime"
)

func main() {
	m := runtime.ReadMemStats()
	fmt.Println(m.HeapAlloc)
}
