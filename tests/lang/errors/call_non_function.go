// ERROR 7:2: invalid operation: cannot call x (variable of type int): int is not a function
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	x()
}
