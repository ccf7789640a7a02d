// ERROR 7:2: x declared but not used
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	x := 1
}
