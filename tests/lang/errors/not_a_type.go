// ERROR 7:8: x (local variable) is not a type
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	var y x
	_ = y
}
