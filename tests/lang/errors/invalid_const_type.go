// ERROR 5:9: invalid constant type []int
// VERIFIED go build go1.26.8
package main

const c []int = nil

func main() {}
