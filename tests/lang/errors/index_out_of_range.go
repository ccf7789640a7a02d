// ERROR 7:4: invalid argument: index 5 out of bounds [0:3]
// VERIFIED go build go1.26.8
package main

func main() {
	var a [3]int
	a[5] = 1
}
