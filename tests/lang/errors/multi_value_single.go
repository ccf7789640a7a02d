// ERROR 8:7: multiple-value two() (value of type (int, int)) in single-value context
// VERIFIED go build go1.26.8
package main

func two() (int, int) { return 1, 2 }

func main() {
	x := two() + 1
	_ = x
}
