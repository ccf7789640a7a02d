// ERROR 8:2: cannot assign to c (neither addressable nor a map index expression)
// VERIFIED go build go1.26.8
package main

const c = 1

func main() {
	c = 2
}
