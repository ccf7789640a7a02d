// ERROR 7:2: built-in close is not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	var x []int
	close(x)
}
