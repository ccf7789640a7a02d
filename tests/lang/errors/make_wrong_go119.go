// ERROR 8:11: invalid argument: cannot make int; type must be slice, map, or channel
// ERROR 9:6: invalid operation: make([]int) expects 2 or 3 arguments; found 1
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	_ = make(int)
	_ = make([]int)
}
