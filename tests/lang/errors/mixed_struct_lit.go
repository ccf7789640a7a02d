// ERROR 8:14: mixture of field:value and value elements in struct literal
// VERIFIED go build go1.26.8
package main

type P struct{ X, Y int }

func main() {
	_ = P{X: 1, 2}
}
