// ERROR 7:7: invalid operation: cannot take address of m[1] (map index expression of type int)
// VERIFIED go build go1.26.8
package main

func main() {
	m := map[int]int{}
	_ = &m[1]
}
