// ERROR 6:7: cannot use iota outside constant declaration
// VERIFIED go build go1.26.8
package main

func main() {
	x := iota
	_ = x
}
