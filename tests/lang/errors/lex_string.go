// ERROR 6:11: newline in string
// VERIFIED go build go1.26.8
package main

func main() {
	s := "abc
	_ = s
}
