// ERROR 5:6: func main must have no arguments and no return values
// VERIFIED go build go1.26.8
package main

func main(x int) {}
