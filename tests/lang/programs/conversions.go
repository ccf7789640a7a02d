package main

import "fmt"

func main() {
	var b byte = 'a'
	var r rune = 1.0
	s := string(r)
	f := float32(3) / 2
	i := int(f)
	u := uint64(1<<63) + uint64(i)
	bs := []byte(s)
	rs := []rune("héllo")
	s2 := string(rs[1:])
	var x int = 'x'
	var y float64 = 'y'
	fmt.Println(b, s, i, u, bs, s2, x, y, int64(-1), uint8(int8(-1)+1))
}
