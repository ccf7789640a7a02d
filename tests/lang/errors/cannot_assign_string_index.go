// ERROR 7:2: cannot assign to s[0] (neither addressable nor a map index expression)
// VERIFIED go build go1.26.8
package main

func main() {
	s := "abc"
	s[0] = 'x'
}
