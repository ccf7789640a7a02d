// ERROR 9:8: t.name undefined (type T has no field or method name, but does have field Name)
// VERIFIED go build go1.26.8
package main

type T struct{ Name int }

func main() {
	var t T
	_ = t.name
}
