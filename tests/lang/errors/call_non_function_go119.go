// ERROR 8:2: invalid operation: cannot call non-function x (variable of type int)
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	x := 1
	x()
}
