// ERROR 15:8: "fmt" imported and not used
// ERROR 18:2: declared and not used: x
// ERROR 19:6: declared and not used: s
// ERROR 19:17: cannot use (1 + 2) * 3 (untyped int constant 9) as string value in variable declaration
// ERROR 20:2: declared and not used: y
// ERROR 20:7: undefined: T
// ERROR 21:6: declared and not used: z
// ERROR 21:14: cannot use "a" + "b" (untyped string constant "ab") as int value in variable declaration
// ERROR 22:6: declared and not used: i
// ERROR 24:8: invalid argument: cannot clear nil: argument must be (or constrained by) map or slice
// ERROR 15:8: too many errors
// VERIFIED go build go1.26.8
package main

import "fmt"

func main() {
	x := 1
	var s string = (1+2)*3
	y := T{1, 2}
	var z int = "a" + "b"
	for i := range 10 {
	}
	clear(nil)
}
