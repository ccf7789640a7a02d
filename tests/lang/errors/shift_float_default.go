// ERROR 14:7: invalid operation: shifted operand 1.0 (type float64) must be integer
// VERIFIED go build go1.26.8
package main

import "fmt"

func takeU8(x uint8) {}

func main() {
	var s uint = 3
	var a int64 = 1 << s
	b := 1 << s
	takeU8(1 << s)
	c := 1.0 << s
	var d int32 = 1.0 << s
	e := uint(1) << 63
	f := 1 << s << s
	g := int64(1) << 62
	fmt.Println(a, b, c, d, e, f, g, 1<<10, 5>>1)
}
