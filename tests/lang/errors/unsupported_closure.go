// ERROR 6:7: function literals (closures) are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	f := func(x int) int { return x }
	_ = f
}
