// ERROR 8:6: invalid operation: a == b (slice can only be compared to nil)
// VERIFIED go build go1.26.8
package main

func main() {
	a := []int{}
	b := []int{}
	_ = a == b
}
