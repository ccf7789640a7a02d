// ERROR 7:12: hexadecimal mantissa requires a 'p' exponent
// ERROR 8:9: exponent has no digits
// VERIFIED go build go1.26.8
package main

func main() {
	x := 0x1.8
	y := 1e
	_, _ = x, y
}
