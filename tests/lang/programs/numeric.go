package main

import "fmt"

func main() {
	var i8 int8 = 127
	i8++
	var u uint = 3
	var shift = 1 << u
	var s2 int64 = 1 << u
	f := 1.0
	f /= 3
	var x uint32 = 0xFFFF_FFFF
	y := x >> 4 &^ 0xF
	z := ^x
	h := 0x1p-2
	o := 0o17 + 017 + 0b101
	c := 'a'
	c += 2
	var ui uintptr = 8
	fl32 := float32(1) / 3
	conv := int(f*100) + int(fl32)
	neg := -5 / 2
	fmt.Println(i8, shift, s2, f, y, z, h, o, c, ui, conv, neg, 5.0 == 5, 1_000_000)
	b := true && !false || 1 < 2
	fmt.Println(b, uint8(254)+1 == 255, float64(3)/2)
}
