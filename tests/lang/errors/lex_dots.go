// ERROR 8:2: syntax error: unexpected ., expected name or (
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	x..
}
