// ERROR 9:2: undefined: clear
// ERROR 10:6: undefined: min
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	m := map[int]int{}
	clear(m)
	_ = min(1, 2)
}
