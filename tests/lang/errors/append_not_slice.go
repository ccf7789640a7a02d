// ERROR 7:13: invalid append: argument must be a slice; have m (variable of type map[int]int)
// VERIFIED go build go1.26.8
package main

func main() {
	var m map[int]int
	m = append(m, 1)
}
