// ERROR 8:12: octal escape value 511 > 255
// ERROR 9:18: escape is invalid Unicode code point U+110000
// ERROR 10:10: invalid character 'Z' in hexadecimal escape
// VERIFIED go build go1.26.8
package main

func main() {
	s := "\777"
	r := '\U00110000'
	t := '\xZZ'
	_, _, _ = s, r, t
}
