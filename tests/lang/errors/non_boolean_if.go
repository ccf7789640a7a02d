// ERROR 7:5: non-boolean condition in if statement
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	if x {
	}
}
