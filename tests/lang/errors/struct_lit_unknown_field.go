// ERROR 10:14: unknown field Z in struct literal of type P
// ERROR 11:9: too few values in struct literal of type P
// ERROR 12:14: too many values in struct literal of type P
// VERIFIED go build go1.26.8
package main

type P struct{ X, Y int }

func main() {
	_ = P{X: 1, Z: 2}
	_ = P{1}
	_ = P{1, 2, 3}
}
