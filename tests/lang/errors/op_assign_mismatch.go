// ERROR 7:2: invalid operation: x += "a" (mismatched types int and untyped string)
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	x += "a"
}
