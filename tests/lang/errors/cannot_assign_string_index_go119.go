// ERROR 8:2: cannot assign to s[0] (value of type byte)
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	s := "abc"
	s[0] = 'x'
}
