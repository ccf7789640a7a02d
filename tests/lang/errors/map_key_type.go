// ERROR 6:11: invalid map key type []int
// VERIFIED go build go1.26.8
package main

func main() {
	m := map[[]int]int{}
	_ = m
}
