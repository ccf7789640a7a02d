package main

import (
	"fmt"
	"strconv"
)

type Point struct {
	X, Y int32
	Name string
}

type Node struct {
	Val  int
	Next *Node
}

func (p Point) Sum() int32    { return p.X + p.Y }
func (p *Point) Move(dx int32) { p.X += dx }

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	// integer semantics
	var i8 int8 = 127
	i8++
	var u8 uint8 = 0
	u8--
	var i64 int64 = -9223372036854775808
	fmt.Println(i8, u8, i64/-1, -7/2, -7%2, 7>>1, -7>>1, uint32(1)<<31, 1<<62)
	q, r := divmod(17, 5)
	fmt.Println(q, r, fib(20))
	// strings
	s := "héllo, " + "wörld"
	fmt.Println(len(s), s[1], s[0:5], string(s[7]))
	for i, c := range "aé" {
		fmt.Println(i, c, string(c))
	}
	b := []byte("abc")
	b = append(b, "def"...)
	fmt.Println(string(b), len(b), cap(b))
	n, err := strconv.Atoi("123x")
	fmt.Println(n, err)
	n, err = strconv.Atoi("-42")
	fmt.Println(n, err == nil, strconv.Itoa(-5), strconv.FormatInt(255, 16))
	// structs, pointers, methods
	p := Point{X: 1, Y: 2, Name: "p"}
	p.Move(10)
	pp := &p
	pp.Y = 5
	fmt.Println(p, p.Sum(), *pp, pp.Name)
	var list *Node
	for i := 0; i < 4; i++ {
		list = &Node{Val: i, Next: list}
	}
	for n := list; n != nil; n = n.Next {
		fmt.Print(n.Val, " ")
	}
	fmt.Println()
	// arrays and slices
	var arr [5]int
	for i := range arr {
		arr[i] = i * i
	}
	sl := arr[1:4]
	sl[0] = 100
	fmt.Println(arr, sl, len(sl), cap(sl))
	grid := make([][]int, 3)
	for i := range grid {
		grid[i] = make([]int, 3)
		grid[i][i] = 1
	}
	fmt.Println(grid)
	c := make([]int, 2, 10)
	d := append(c, 1, 2, 3)
	copy(c, []int{7, 8, 9})
	fmt.Println(c, d, len(d), cap(d))
	// maps
	m := map[string]int{"a": 1, "b": 2}
	m["c"] = 3
	m["a"] += 10
	delete(m, "b")
	v, ok := m["zz"]
	fmt.Println(len(m), m["a"], v, ok, m)
	keys := 0
	for k, v := range m {
		keys += len(k) + v
	}
	fmt.Println(keys)
	// control flow
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, ";")
		}
	}
	fmt.Println()
	for x := 0; x < 6; x++ {
		switch {
		case x == 0:
			fmt.Print("zero ")
		case x%2 == 1:
			fmt.Print("odd ")
			fallthrough
		case x > 100:
			fmt.Print("(ft) ")
		default:
			fmt.Print("even ")
		}
	}
	fmt.Println()
	switch t := "b"; t {
	case "a", "b":
		fmt.Println("a or b")
	}
	fmt.Printf("%5d|%-4s|%x|%.2f|%v|%+v|%q|%T\n", 42, "go", 255, 3.14159, p, p, "hi", m)
	fmt.Println(fmt.Sprint("x", 1, 2, "y"), fmt.Sprintf("%03d", 7))
	f := 1.5
	f *= 3
	fmt.Println(f, float32(0.1), int(f), 7.0/2)
}
