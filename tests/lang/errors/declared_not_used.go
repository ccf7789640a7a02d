// ERROR 6:2: declared and not used: x
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
}
