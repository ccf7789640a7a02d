// ERROR 6:7: use of untyped nil in assignment
// VERIFIED go build go1.26.8
package main

func main() {
	x := nil
	_ = x
}
