// ERROR 6:6: f redeclared in this block\n\t5:6: other declaration of f
// VERIFIED go build go1.26.8
package main

func f() {}
func f() {}

func main() {}
