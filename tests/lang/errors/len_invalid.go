// ERROR 6:10: invalid argument: 5 (untyped int constant) for built-in len
// VERIFIED go build go1.26.8
package main

func main() {
	_ = len(5)
}
