// ERROR 7:12: invalid operation: 3-index slice of string
// VERIFIED go build go1.26.8
package main

func main() {
	s := "abc"
	_ = s[0:1:2]
}
