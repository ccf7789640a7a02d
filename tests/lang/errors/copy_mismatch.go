// ERROR 8:7: invalid copy: arguments a (variable of type []int) and b (variable of type []string) have different element types int and string
// VERIFIED go build go1.26.8
package main

func main() {
	a := []int{}
	b := []string{}
	copy(a, b)
}
