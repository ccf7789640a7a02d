package main

import "fmt"

func two() (int, string) { return 1, "a" }
func take(a int, b string) {}
func vararg(xs ...int) int { return len(xs) }

func main() {
	take(two())
	fmt.Println(two())
	a, b := two()
	var c, d = two()
	_, _, _, _ = a, b, c, d
	fmt.Println(vararg(), vararg(1), vararg([]int{}...))
}
