// ERROR 7:18: invalid operation: shifted operand 1 (type float64) must be integer
// VERIFIED go build go1.26.8
package main

func main() {
	var s uint = 2
	var f float64 = 1 << s
	_ = f
}
