// ERROR 8:6: invalid operation: a + b (mismatched types int and string)
// VERIFIED go build go1.26.8
package main

func main() {
	a := 1
	b := "s"
	_ = a + b
}
