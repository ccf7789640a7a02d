// ERROR 6:10: assignment mismatch: 2 variables but 1 value
// VERIFIED go build go1.26.8
package main

func main() {
	a, b := 1
	_, _ = a, b
}
