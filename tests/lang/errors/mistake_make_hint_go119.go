// ERROR 9:28: cannot convert "a" (untyped string constant) to int
// ERROR 11:19: invalid argument: index -1 (constant of type int) must not be negative
// ERROR 13:19: invalid argument: length and capacity swapped
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	m := make(map[string]int, "a")
	_ = m
	s := make([]int, -1)
	_ = s
	t := make([]int, 10, 5)
	_ = t
}
