// ERROR 10:5: initialization loop for x\n\t10:5: x refers to\n\t10:5: x
// ERROR 11:5: initialization loop for a\n\t11:5: a refers to\n\t12:5: b refers to\n\t11:5: a
// ERROR 16:5: initialization loop for y\n\t16:5: y refers to\n\t14:6: f refers to\n\t16:5: y
// ERROR 18:6: invalid recursive type T\n\t18:6: T refers to\n\t18:6: T
// ERROR 19:6: invalid recursive type U\n\t19:6: U refers to\n\t20:6: V refers to\n\t19:6: U
// GO 1.19
// VERIFIED go build go1.19.8
package main

var x = x
var a = b
var b = a

func f() int { return y }

var y = f()

type T struct{ a T }
type U struct { b V }
type V struct { u U }
func main() {}
