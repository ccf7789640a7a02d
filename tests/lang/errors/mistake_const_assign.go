// ERROR 9:2: cannot assign to N (neither addressable nor a map index expression)
// ERROR 11:4: invalid argument: index 10 out of bounds [0:10]
// VERIFIED go build go1.26.8
package main

const N = 10

func main() {
	N++
	var a [N]int
	a[N] = 1
}
