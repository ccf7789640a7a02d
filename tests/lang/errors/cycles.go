// ERROR 9:5: initialization cycle: x refers to itself
// ERROR 10:5: initialization cycle for a\n\t10:5: a refers to b\n\t11:5: b refers to a
// ERROR 15:5: initialization cycle for y\n\t15:5: y refers to f\n\t13:6: f refers to y
// ERROR 17:6: invalid recursive type: T refers to itself
// ERROR 18:6: invalid recursive type U\n\t18:6: U refers to V\n\t19:6: V refers to U
// VERIFIED go build go1.26.8
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
