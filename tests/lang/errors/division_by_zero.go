// ERROR 7:10: invalid operation: division by zero
// VERIFIED go build go1.26.8
package main

func main() {
	x := 10
	_ = x / 0
}
