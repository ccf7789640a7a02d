// ERROR 7:9: invalid argument: s (variable of type []int) is not a map
// VERIFIED go build go1.26.8
package main

func main() {
	s := []int{}
	delete(s, 0)
}
