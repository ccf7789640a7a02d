// ERROR 8:18: invalid operation: 1 << s (shift of type float64)
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	var s uint = 2
	var f float64 = 1 << s
	_ = f
}
