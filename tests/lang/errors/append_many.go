// ERROR 8:16: cannot use "a" (untyped string constant) as int value in argument to append
// ERROR 9:6: invalid operation: not enough arguments for append() (expected 1, found 0)
// VERIFIED go build go1.26.8
package main

func main() {
	s := []int{}
	s = append(s, "a")
	_ = append()
}
