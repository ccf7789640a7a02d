// ERROR 7:11: invalid argument: cannot make int: type must be slice, map, or channel
// ERROR 8:6: invalid operation: make([]int) expects 2 or 3 arguments; found 1
// VERIFIED go build go1.26.8
package main

func main() {
	_ = make(int)
	_ = make([]int)
}
