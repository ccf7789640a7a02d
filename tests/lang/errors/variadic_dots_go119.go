// ERROR 10:7: too many arguments in call to f\n\thave (number, []int)\n\twant (...int)
// GO 1.19
// VERIFIED go build go1.19.8
package main

func f(a ...int) {}

func main() {
	s := []int{1}
	f(1, s...)
}
