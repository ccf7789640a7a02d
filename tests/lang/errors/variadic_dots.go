// ERROR 9:7: too many arguments in call to f\n\thave (number, []int...)\n\twant (...int)
// VERIFIED go build go1.26.8
package main

func f(a ...int) {}

func main() {
	s := []int{1}
	f(1, s...)
}
