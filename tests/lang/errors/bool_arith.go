// ERROR 9:6: invalid operation: operator + not defined on a (variable of type bool)
// ERROR 10:7: invalid operation: operator ! not defined on 1 (untyped int constant)
// ERROR 11:7: invalid operation: operator - not defined on "s" (untyped string constant)
// VERIFIED go build go1.26.8
package main

func main() {
	a := true
	_ = a + a
	_ = !1
	_ = -"s"
}
