// ERROR 10:6: invalid operation: x * y (mismatched types int and float64)
// ERROR 11:18: cannot use x (variable of type int) as type float64 in variable declaration
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	x := 3
	y := 1.5
	_ = x * y
	var z float64 = x
	_ = z
}
