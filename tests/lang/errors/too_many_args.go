// ERROR 8:7: too many arguments in call to f\n\thave (number, number)\n\twant (int)
// VERIFIED go build go1.26.8
package main

func f(a int) {}

func main() {
	f(1, 2)
}
