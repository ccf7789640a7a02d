// ERROR 7:8: invalid argument: index -1 (constant of type int) must not be negative
// VERIFIED go build go1.26.8
package main

func main() {
	s := []int{1}
	_ = s[-1]
}
