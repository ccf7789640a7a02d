// ERROR 9:24: cannot use 1.5 (untyped float constant) as time.Duration value in variable declaration (truncated)
// ERROR 10:14: cannot use time.Second (constant 1000000000 of int64 type time.Duration) as int value in variable declaration
// VERIFIED go build go1.26.8
package main

import "time"

func main() {
	var d time.Duration = 1.5
	var n int = time.Second
	_, _ = d, n
}
