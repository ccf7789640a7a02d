// ERROR 7:11: invalid operation: x == nil (mismatched types int and untyped nil)
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	_ = x == nil
}
