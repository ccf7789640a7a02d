// ERROR 7:10: invalid radix point in binary literal
// ERROR 8:10: 'e' exponent requires decimal mantissa
// VERIFIED go build go1.26.8
package main

func main() {
	x := 0b1.0
	y := 0o7e3
	_, _ = x, y
}
