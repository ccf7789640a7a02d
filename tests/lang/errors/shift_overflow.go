// ERROR 5:15: constant shift overflow
// VERIFIED go build go1.26.8
package main

const big = 1 << 600

func main() {}
