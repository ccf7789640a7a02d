// ERROR 7:2: declared and not used: n
// ERROR 8:9: invalid array length n
// VERIFIED go build go1.26.8
package main

func main() {
	n := 3
	var a [n]int
	_ = a
}
