// ERROR 7:6: invalid operation: operator % not defined on x (variable of type float64)
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1.5
	_ = x % 2
}
