// ERROR 6:2: comment not terminated
// VERIFIED go build go1.26.8
package main

func main() {
	/* never closed
}
