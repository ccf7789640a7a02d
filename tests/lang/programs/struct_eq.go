package main

import "fmt"

type K struct {
	a int
	b string
}

type S struct {
	k   K
	arr [2]K
}

func main() {
	m := map[K]int{{1, "a"}: 1}
	x := S{}
	y := S{}
	fmt.Println(m[K{1, "a"}], x == y, [2]int{} == [2]int{1, 2})
}
