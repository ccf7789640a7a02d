// ERROR 9:1: missing return
// VERIFIED go build go1.26.8
package main

func f(x int) int {
	if x > 0 {
		return 1
	}
}

func main() { _ = f(1) }
