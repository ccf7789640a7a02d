// ERROR 12:6: invalid operation: a == b (struct containing []int cannot be compared)
// ERROR 13:11: invalid map key type S
// VERIFIED go build go1.26.8
package main

type S struct {
	s []int
}

func main() {
	a, b := S{}, S{}
	_ = a == b
	m := map[S]int{}
	_ = m
}
