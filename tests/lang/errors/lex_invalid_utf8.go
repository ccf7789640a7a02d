// ERROR 6:9: invalid UTF-8 encoding
// VERIFIED go build go1.26.8
package main

func main() {
	s := "aÿb"
	_ = s
}
