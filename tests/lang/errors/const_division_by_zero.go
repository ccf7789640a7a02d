// ERROR 5:15: invalid operation: division by zero
// VERIFIED go build go1.26.8
package main

const c = 1 / 0

func main() {}
