// ERROR 6:7: cannot use 1 << 70 (untyped int constant 1180591620717411303424) as int value in assignment (overflows)
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1 << 70
	_ = x
}
