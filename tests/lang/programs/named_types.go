package main

import "fmt"

type A int
type B int
type Color uint8

const (
	Red Color = iota + 1
	Green
)

type Pair [2]A
type Set map[string]struct{}

func main() {
	x := B(A(1))
	var c Color = Green
	c++
	s := Set{}
	s["a"] = struct{}{}
	var p Pair
	p[0] = 3
	fmt.Println(x, c, len(s), p, c == Red, A(2)*3)
}
