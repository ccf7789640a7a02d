// ERROR 6:9: range over 10 (untyped int constant) permits only one iteration variable
// VERIFIED go build go1.26.8
package main

func main() {
	for i, v := range 10 {
		_, _ = i, v
	}
}
