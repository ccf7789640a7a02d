// ERROR 7:7: more than one character in rune literal
// ERROR 8:8: empty rune literal or unescaped '
// VERIFIED go build go1.26.8
package main

func main() {
	r := 'ab'
	e := ''
	_, _ = r, e
}
