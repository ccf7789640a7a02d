// ERROR 6:29: duplicate key "a" in map literal
// VERIFIED go build go1.26.8
package main

func main() {
	_ = map[string]int{"a": 1, "a": 2}
}
