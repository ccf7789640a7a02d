// ERROR 8:2: multiple defaults (first at 7:2)
// VERIFIED go build go1.26.8
package main

func main() {
	switch {
	default:
	default:
	}
}
