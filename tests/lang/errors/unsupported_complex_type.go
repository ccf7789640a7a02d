// ERROR 6:8: complex numbers are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	var c complex128
	_ = c
}
