// ERROR 6:7: invalid operation: "ab" * 2 (mismatched types untyped string and untyped int)
// VERIFIED go build go1.26.8
package main

func main() {
	s := "ab" * 2
	_ = s
}
