// ERROR 6:9: syntax error: unexpected name y at end of statement
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1 y := 2
}
