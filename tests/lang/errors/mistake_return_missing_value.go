// ERROR 6:2: not enough return values\n\thave ()\n\twant (int)
// VERIFIED go build go1.26.8
package main

func f() int {
	return
}

func main() { f() }
