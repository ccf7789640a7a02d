// ERROR 5:8: package "os" is not supported by bucketlab (available: fmt, math/rand, runtime, runtime/debug, strconv, time)
// bucketlab refusal (not a Go error)
package main

import "os"

func main() {
	os.Exit(1)
}
