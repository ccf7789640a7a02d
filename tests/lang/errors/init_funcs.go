// ERROR 19:2: undefined: init
// VERIFIED go build go1.26.8
package main

import "fmt"

var x int

func init() {
	x = 1
}

func init() {
	x++
}

func main() {
	fmt.Println(x)
	init()
}
