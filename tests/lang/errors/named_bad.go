// ERROR 12:6: invalid operation: a + b (mismatched types A and B)
// ERROR 14:6: x * 2 (constant 200 of type int8) overflows int8
// VERIFIED go build go1.26.8
package main

type A int
type B int

func main() {
	var a A = 1
	var b B = 2
	_ = a + b
	const x int8 = 100
	_ = x * 2
}
