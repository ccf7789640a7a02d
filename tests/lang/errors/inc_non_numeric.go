// ERROR 7:2: invalid operation: s++ (non-numeric type string)
// VERIFIED go build go1.26.8
package main

func main() {
	s := "a"
	s++
}
