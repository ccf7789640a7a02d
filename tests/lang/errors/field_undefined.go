// ERROR 9:8: t.b undefined (type T has no field or method b)
// VERIFIED go build go1.26.8
package main

type T struct{ a int }

func main() {
	var t T
	_ = t.b
}
