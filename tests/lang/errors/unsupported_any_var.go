// ERROR 6:8: interface types (any) are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	var x any = 1
	_ = x
}
