// ERROR 6:17: assignment mismatch: 2 variables but 1 value
// VERIFIED go build go1.26.8
package main

func main() {
	var a, b int = 1
	_, _ = a, b
}
