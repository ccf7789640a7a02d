// ERROR 9:19: cannot use "1" (untyped string constant) as int value in argument to strconv.Itoa
// ERROR 11:19: cannot use n (variable of type int64) as int value in argument to strconv.Itoa
// VERIFIED go build go1.26.8
package main

import "strconv"

func main() {
	_ = strconv.Itoa("1")
	var n int64 = 5
	_ = strconv.Itoa(n)
}
