// ERROR 8:28: cannot convert "a" (untyped string constant) to type int
// ERROR 10:19: invalid argument: index -1 (constant of type int) must not be negative
// ERROR 12:19: invalid argument: length and capacity swapped
// VERIFIED go build go1.26.8
package main

func main() {
	m := make(map[string]int, "a")
	_ = m
	s := make([]int, -1)
	_ = s
	t := make([]int, 10, 5)
	_ = t
}
