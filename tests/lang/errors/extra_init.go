// ERROR 6:13: extra init expr 2
// VERIFIED go build go1.26.8
package main

func main() {
	var a = 1, 2
	_ = a
}
