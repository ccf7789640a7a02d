// ERROR 6:12: too many return values\n\thave (number, number)\n\twant (int)
// VERIFIED go build go1.26.8
package main

func f() int {
	return 1, 2
}

func main() { f() }
