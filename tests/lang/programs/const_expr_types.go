package main

import "fmt"

const (
	a = 10
	b = a * 2.5
	c = b / 5
	d = 'a' + 1
	e = "s" + "t"
	f = 1 == 1
	g = len("four")
	h int64 = 1 << 40
	i = uint8(255)
	j = ^0
)

func main() {
	var arr [c]int
	var r rune = d
	var x int = c
	fmt.Println(len(arr), r, x, e, f, g, h, i, j)
}
