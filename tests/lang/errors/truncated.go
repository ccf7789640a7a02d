// ERROR 6:14: cannot use 1.5 (untyped float constant) as int value in variable declaration (truncated)
// VERIFIED go build go1.26.8
package main

func main() {
	var x int = 1.5
	_ = x
}
