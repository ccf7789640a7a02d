// ERROR 10:1: syntax error: unexpected EOF, expected }
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	if x > 0 {
		x++
}
