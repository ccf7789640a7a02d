// ERROR 6:11: constant 300 overflows int8
// VERIFIED go build go1.26.8
package main

func main() {
	_ = int8(300)
}
