// ERROR 6:11: complex numbers (imaginary literals) are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	c := 1 + 2i
	_ = c
}
