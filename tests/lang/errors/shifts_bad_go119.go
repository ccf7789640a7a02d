// ERROR 10:18: invalid operation: 1 << s (shift of type float64)
// ERROR 11:7: invalid operation: shifted operand 1.5 (untyped float constant) must be integer
// ERROR 12:10: invalid operation: 1 << s (shift of type float64)
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	var s uint = 3
	var f float64 = 1 << s
	g := 1.5 << s
	var h = 1 << s + 1.5
	_, _, _ = f, g, h
}
