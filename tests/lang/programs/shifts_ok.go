package main

import "fmt"

func takeU8(x uint8) {}

func main() {
	var s uint = 3
	var a int64 = 1 << s
	b := 1 << s
	takeU8(1 << s)
	var d int32 = 1.0 << s
	e := uint(1) << 63
	f := 1 << s << s
	g := int64(1) << 62
	fmt.Println(a, b, d, e, f, g, 1<<10, 5>>1)
}
