package main

import "fmt"

func main() {
	bs := append([]byte("a"), "bc"...)
	n := copy(bs, "xy")
	s := "abc"
	s += "d"
	if s[0] == 'a' && s > "ab" {
		fmt.Println("ok")
	}
	a := []int{1, 2, 3}
	i, j := 0, 2
	a[i], a[j] = a[j], a[i]
	p := new(int)
	*p++
	*p += 2
	arr := [3]int{}
	pa := &arr
	for i, v := range pa {
		_, _ = i, v
	}
	m := map[string][]int{}
	m["k"] = append(m["k"], 1)
	fmt.Println(bs, n, s, a, *p, len(pa), m)
}
