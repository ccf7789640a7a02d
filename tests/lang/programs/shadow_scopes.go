package main

import "fmt"

var global = 10
var a, b = f2()

func f2() (int, string) { return 1, "two" }

var initOrder = dep + 1
var dep = 5

func main() {
	x := 1
	{
		x := "inner"
		fmt.Println(x)
	}
	if x := 2.5; x > 1 {
		fmt.Println(x)
	}
	x, y := 3, 4
	var z = x + y
	var (
		p int
		q = "q"
	)
	p = global
	global = p + 1
	_ = q
	type local struct{ v int }
	l := local{v: z}
	fmt.Println(l.v, a, b, initOrder)
	const c = 3
	var arr [c]int
	fmt.Println(len(arr))
	var m map[string][]int
	m = map[string][]int{"a": {1, 2}}
	m["b"] = append(m["b"], 3)
	if v, ok := m["c"]; !ok {
		fmt.Println(v == nil)
	}
}
