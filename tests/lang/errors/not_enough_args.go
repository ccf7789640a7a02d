// ERROR 8:4: not enough arguments in call to f\n\thave (number)\n\twant (int, string)
// VERIFIED go build go1.26.8
package main

func f(a int, b string) {}

func main() {
	f(1)
}
