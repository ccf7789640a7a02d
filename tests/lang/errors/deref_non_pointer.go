// ERROR 7:7: invalid operation: cannot indirect x (variable of type int)
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	_ = *x
}
