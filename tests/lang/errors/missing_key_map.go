// ERROR 6:21: missing key in map literal
// VERIFIED go build go1.26.8
package main

func main() {
	_ = map[string]int{1}
}
