// ERROR 6:7: undefined: y
// VERIFIED go build go1.26.8
package main

func main() {
	x := y + 1
	_ = x
}
