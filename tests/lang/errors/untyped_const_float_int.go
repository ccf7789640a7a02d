// ERROR 8:9: array length c (untyped float constant 2.5) must be integer
// VERIFIED go build go1.26.8
package main

const c = 2.5

func main() {
	var a [c]int
	_ = a
}
