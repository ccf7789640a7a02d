// ERROR 9:6: cannot use s (variable of type string) as type int in assignment
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	var x int
	var s string = "a"
	x = s
	_ = x
}
