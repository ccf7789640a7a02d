// ERROR 8:6: undefined: fmt.Printn
// VERIFIED go build go1.26.8
package main

import "fmt"

func main() {
	fmt.Printn("x")
}
