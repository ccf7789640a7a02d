// ERROR 11:1: syntax error: unexpected EOF, expecting }
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	x := 1
	if x > 0 {
		x++
}
