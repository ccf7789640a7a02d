// ERROR 8:6: cannot use s (variable of type string) as int value in assignment
// VERIFIED go build go1.26.8
package main

func main() {
	var x int
	var s string = "a"
	x = s
	_ = x
}
