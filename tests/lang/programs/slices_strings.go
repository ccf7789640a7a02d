// GO 1.26
package main

import (
	"fmt"
	"strconv"
)

func main() {
	s := []int{1, 2, 3}
	s = append(s, 4, 5)
	t := make([]int, 2, 10)
	n := copy(t, s)
	u := s[1:3]
	v := s[:2:3]
	a := [5]int{1, 2, 3}
	w := a[1:]
	b := [...]string{2: "c", 0: "a"}
	str := "héllo"
	for i, r := range str {
		_ = i
		_ = r
	}
	bs := []byte(str)
	bs = append(bs, "!!"...)
	rs := []rune(str)
	st := string(bs) + string(rs[0])
	x, err := strconv.Atoi("42")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n, u, v, w, len(b), cap(t), str[1], str[1:3], st, x, strconv.Itoa(x)+"!")
	clear(s)
	fmt.Println(min(3, 1, 2), max(2.5, 1), min("a", "b"))
	var arr [3][4]int
	arr[1][2] = 5
	p := &arr
	p[0][0] = 1
	fmt.Println(len(arr), len(p[1]), arr)
}
