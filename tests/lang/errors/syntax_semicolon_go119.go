// ERROR 7:9: syntax error: unexpected y at end of statement
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	x := 1 y := 2
}
