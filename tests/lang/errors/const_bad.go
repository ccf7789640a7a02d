// ERROR 11:14: cannot use big (untyped int constant 18446744073709551616) as int value in variable declaration (overflows)
// ERROR 12:17: cannot use big (untyped int constant 18446744073709551616) as uint64 value in variable declaration (overflows)
// ERROR 15:14: cannot use c (untyped float constant 3.33333) as int value in variable declaration (truncated)
// ERROR 17:6: -uint(1) (constant -1 of type uint) overflows uint
// VERIFIED go build go1.26.8
package main

const big = 1 << 64

func main() {
	var x int = big
	var y uint64 = big
	var z uint64 = big - 1
	const c = 10 / 3.0
	var i int = c
	_, _, _, _ = x, y, z, i
	_ = -uint(1)
	var s uint8 = 256 - 1
	_ = s
}
