// ERROR 7:3: invalid character U+20AC '€' in identifier
// ERROR 8:7: invalid character U+20AC '€' in identifier
// VERIFIED go build go1.26.8
package main

func main() {
	a€b := 1
	_ = a€b
}
