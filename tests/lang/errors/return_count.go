// ERROR 6:9: not enough return values\n\thave (number)\n\twant (int, error)
// VERIFIED go build go1.26.8
package main

func f() (int, error) {
	return 1
}

func main() { f() }
