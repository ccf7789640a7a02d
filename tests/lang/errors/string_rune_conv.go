// ERROR 10:18: cannot use "x" (untyped string constant) as float64 value in variable declaration
// VERIFIED go build go1.26.8
package main

func main() {
	b := []byte("abc")
	s := string(b)
	r := string(rune(65))
	_, _ = s, r
	var f float64 = "x"
	_ = f
}
