// ERROR 8:4: m.Set undefined (type map[string]int has no field or method Set)
// ERROR 9:8: m.Len undefined (type map[string]int has no field or method Len)
// VERIFIED go build go1.26.8
package main

func main() {
	m := map[string]int{}
	m.Set("a", 1)
	_ = m.Len()
}
