// ERROR 7:12: cannot range over x (variable of type float64)
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1.5
	for range x {
	}
}
