// ERROR 6:7: map[string]int (type) is not an expression
// VERIFIED go build go1.26.8
package main

func main() {
	m := map[string]int
	_ = m
}
