// ERROR 7:10: invalid argument: 5 (untyped int constant) for len
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	_ = len(5)
}
