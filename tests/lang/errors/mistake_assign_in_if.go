// ERROR 7:7: syntax error: cannot use assignment x = 2 as value
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	if x = 2 {
	}
}
