// ERROR 6:2: break is not in a loop, switch, or select
// VERIFIED go build go1.26.8
package main

func main() {
	break
}
