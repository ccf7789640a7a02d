// ERROR 7:11: f() (value of type int) is not constant
// VERIFIED go build go1.26.8
package main

func f() int { return 1 }

const c = f()

func main() {}
