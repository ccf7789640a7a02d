// ERROR 9:7: invalid argument: arguments to copy a (variable of type []int) and b (variable of type []string) have different element types int and string
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	a := []int{}
	b := []string{}
	copy(a, b)
}
