// ERROR 7:11: cannot convert 300 (untyped int constant) to type int8
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	_ = int8(300)
}
