// ERROR 7:10: invalid slice indices: 1 < 2
// VERIFIED go build go1.26.8
package main

func main() {
	s := []int{1, 2, 3}
	_ = s[2:1]
}
