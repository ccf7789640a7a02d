// ERROR 9:18: invalid operation: shifted operand 1 (type float64) must be integer
// ERROR 10:7: invalid operation: shifted operand 1.5 (untyped float constant) must be integer
// ERROR 11:10: invalid operation: shifted operand 1 (type float64) must be integer
// VERIFIED go build go1.26.8
package main

func main() {
	var s uint = 3
	var f float64 = 1 << s
	g := 1.5 << s
	var h = 1 << s + 1.5
	_, _, _ = f, g, h
}
