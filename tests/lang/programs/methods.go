package main

import "fmt"

type Counter struct {
	n    int
	hist map[string]int
}

func NewCounter() *Counter {
	return &Counter{hist: make(map[string]int)}
}

func (c *Counter) Add(k string) {
	c.n++
	c.hist[k]++
}

func (c Counter) Total() int { return c.n }

type Celsius float64

func (c Celsius) F() float64 { return float64(c)*9/5 + 32 }

type Node struct {
	val         int
	left, right *Node
}

func (n *Node) Insert(v int) *Node {
	if n == nil {
		return &Node{val: v}
	}
	if v < n.val {
		n.left = n.left.Insert(v)
	} else {
		n.right = n.right.Insert(v)
	}
	return n
}

func main() {
	c := NewCounter()
	c.Add("a")
	var d Counter
	d.hist = map[string]int{}
	d.Add("b")
	fmt.Println(c.Total(), d.Total(), Celsius(100).F())
	var root *Node
	for _, v := range []int{5, 3, 8} {
		root = root.Insert(v)
	}
	fmt.Println(root.left.val)
}
