// ERROR 6:14: non-boolean condition in for statement
// VERIFIED go build go1.26.8
package main

func main() {
	for i := 0; i; i++ {
	}
}
