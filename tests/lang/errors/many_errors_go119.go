// ERROR 12:8: imported and not used: "fmt"
// ERROR 15:2: x declared but not used
// ERROR 16:17: cannot use (1 + 2) * 3 (untyped int constant 9) as string value in variable declaration
// ERROR 17:7: undefined: T
// ERROR 18:14: cannot use "a" + "b" (untyped string constant "ab") as int value in variable declaration
// ERROR 19:17: cannot range over 10 (untyped int constant)
// ERROR 21:2: undefined: clear
// GO 1.19
// VERIFIED go build go1.19.8
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
