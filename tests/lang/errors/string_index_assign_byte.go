// ERROR 8:15: cannot use s[1] (value of type byte) as rune value in variable declaration
// VERIFIED go build go1.26.8
package main

func main() {
	s := "abc"
	var b byte = s[0]
	var r rune = s[1]
	_, _ = b, r
}
