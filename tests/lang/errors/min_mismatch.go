// ERROR 8:13: invalid argument: mismatched types int (previous argument) and float64 (type of b)
// VERIFIED go build go1.26.8
package main

func main() {
	var a int
	var b float64
	_ = min(a, b)
}
