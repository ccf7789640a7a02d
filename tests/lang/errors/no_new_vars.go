// ERROR 7:4: no new variables on left side of :=
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	x := 2
	_ = x
}
