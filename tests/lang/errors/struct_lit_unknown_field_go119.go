// ERROR 11:14: unknown field 'Z' in struct literal of type P
// ERROR 12:9: too few values in P{…}
// ERROR 13:14: too many values in P{…}
// GO 1.19
// VERIFIED go build go1.19.8
package main

type P struct{ X, Y int }

func main() {
	_ = P{X: 1, Z: 2}
	_ = P{1}
	_ = P{1, 2, 3}
}
