// ERROR 12:13: cannot convert f (variable of type float64) to type string
// ERROR 13:12: cannot convert "abc" (untyped string constant) to type []int
// ERROR 15:10: cannot convert p (variable of type *int) to type int
// ERROR 16:11: cannot convert 1 (untyped int constant) to type bool
// ERROR 17:6: declared and not used: b
// ERROR 17:15: more than one character in rune literal
// VERIFIED go build go1.26.8
package main

func main() {
	var f float64 = 1.5
	_ = string(f)
	_ = []int("abc")
	var p *int
	_ = int(p)
	_ = bool(1)
	var b byte = 'ab'
}
