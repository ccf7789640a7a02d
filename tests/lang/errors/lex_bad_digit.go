// ERROR 8:11: invalid digit '2' in binary literal
// ERROR 9:9: '_' must separate successive digits
// ERROR 10:9: hexadecimal literal has no digits
// VERIFIED go build go1.26.8
package main

func main() {
	x := 0b102
	y := 1__0
	z := 0x
	_, _, _ = x, y, z
}
