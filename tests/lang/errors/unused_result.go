// ERROR 7:2: x + 1 (value of type int) is not used
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	x + 1
}
