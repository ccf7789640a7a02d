// ERROR 6:7: syntax error: unexpected :=, expected expression
// VERIFIED go build go1.26.8
package main

func main() {
	x := := 1
}
