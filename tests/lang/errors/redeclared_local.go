// ERROR 7:6: x redeclared in this block\n\t6:6: other declaration of x
// VERIFIED go build go1.26.8
package main

func main() {
	var x int
	var x string
	_ = x
}
