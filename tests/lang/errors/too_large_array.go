// ERROR 5:6: type [4611686018427387904]int larger than address space
// VERIFIED go build go1.26.8
package main

type T struct {
	a [1 << 62]int
}

func main() {
	var t T
	_ = t
}
