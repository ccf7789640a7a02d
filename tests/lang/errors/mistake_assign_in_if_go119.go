// ERROR 8:7: syntax error: cannot use assignment (x) = (2) as value
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	x := 1
	if x = 2 {
	}
}
