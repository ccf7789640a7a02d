// ERROR 7:7: syntax error: unexpected :=, expecting expression
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	x := := 1
}
