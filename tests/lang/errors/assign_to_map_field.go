// ERROR 9:2: cannot assign to struct field m[1].x in map
// VERIFIED go build go1.26.8
package main

type T struct{ x int }

func main() {
	m := map[int]T{}
	m[1].x = 2
}
