// ERROR 12:7: invalid operation: cannot take address of get() (value of struct type T)
// ERROR 13:7: invalid operation: cannot take address of m["a"] (map index expression of struct type T)
// VERIFIED go build go1.26.8
package main

type T struct{ a [2]int }

func get() T { return T{} }

func main() {
	m := map[string]T{}
	_ = &get()
	_ = &m["a"]
	var t T
	p := &t.a[1]
	_ = p
	_ = &[]int{1}[0]
}
