// ERROR 9:2: cannot assign to c (untyped int constant 1)
// GO 1.19
// VERIFIED go build go1.19.8
package main

const c = 1

func main() {
	c = 2
}
