// ERROR 9:6: invalid operation: x * y (mismatched types int and float64)
// ERROR 10:18: cannot use x (variable of type int) as float64 value in variable declaration
// VERIFIED go build go1.26.8
package main

func main() {
	x := 3
	y := 1.5
	_ = x * y
	var z float64 = x
	_ = z
}
