// ERROR 8:8: x (variable of type int) is not a type
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	x := 1
	var y x
	_ = y
}
