// ERROR 6:1: label L defined and not used
// VERIFIED go build go1.26.8
package main

func main() {
L:
	for {
	}
}
