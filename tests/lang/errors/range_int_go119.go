// ERROR 7:17: cannot range over 10 (untyped int constant)
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	for i := range 10 {
		_ = i
	}
}
