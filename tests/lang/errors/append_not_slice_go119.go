// ERROR 8:13: first argument to append must be a slice; have m (variable of type map[int]int)
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	var m map[int]int
	m = append(m, 1)
}
