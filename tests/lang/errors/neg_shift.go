// ERROR 7:11: invalid operation: negative shift count -1 (untyped int constant)
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	_ = x << -1
}
