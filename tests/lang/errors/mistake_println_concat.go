// ERROR 9:14: invalid operation: "a" + 1 (mismatched types untyped string and untyped int)
// ERROR 11:14: invalid operation: "n=" + n (mismatched types untyped string and int)
// VERIFIED go build go1.26.8
package main

import "fmt"

func main() {
	fmt.Println("a" + 1)
	n := 3
	fmt.Println("n=" + n)
}
