// ERROR 8:14: invalid operation: s[0] == nil (mismatched types int and untyped nil)
// VERIFIED go build go1.26.8
package main

func main() {
	var s []int
	_ = s == nil
	_ = s[0] == nil
}
