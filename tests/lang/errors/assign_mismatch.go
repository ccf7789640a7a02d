// ERROR 8:13: assignment mismatch: 3 variables but two returns 2 values
// VERIFIED go build go1.26.8
package main

func two() (int, int) { return 1, 2 }

func main() {
	a, b, c := two()
	_, _, _ = a, b, c
}
