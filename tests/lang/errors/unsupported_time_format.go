// ERROR 8:17: time.Time.Format is not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

import "time"

func main() {
	_ = time.Now().Format("x")
}
