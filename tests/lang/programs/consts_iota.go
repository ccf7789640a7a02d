package main

import "fmt"

type Color int

const (
	Red Color = iota
	Green
	Blue
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

const big = 1 << 100
const small = big >> 98
const f = 1.5
const s = "hello" + ", " + "world"
const maxU64 = ^uint64(0)
const minI64 = -1 << 63

func main() {
	var c Color = Blue
	x := small
	var y float32 = f
	var z uint8 = 255
	var w int64 = minI64
	fmt.Println(c, KB, MB, GB, x, y, z, s, maxU64, w, len(s))
	const local = 'a' + 1
	var r rune = local
	fmt.Println(r, string(r), 7/2, 7.0/2, -7%3, 1e3)
}
