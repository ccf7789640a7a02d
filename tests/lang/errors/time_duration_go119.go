// ERROR 10:24: cannot use 1.5 (untyped float constant) as time.Duration value in variable declaration (truncated)
// ERROR 11:14: cannot use time.Second (constant 1000000000 of type time.Duration) as type int in variable declaration
// GO 1.19
// VERIFIED go build go1.19.8
package main

import "time"

func main() {
	var d time.Duration = 1.5
	var n int = time.Second
	_, _ = d, n
}
