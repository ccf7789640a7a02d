// ERROR 6:15: cannot use 200 (untyped int constant) as int8 value in variable declaration (overflows)
// VERIFIED go build go1.26.8
package main

func main() {
	var x int8 = 200
	_ = x
}
