// ERROR 7:9: invalid character U+0040 '@'
// ERROR 7:11: syntax error: unexpected literal 2 at end of statement
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1 @ 2
}
