// ERROR 10:8: t.name undefined (type T has no field or method name, but does have Name)
// GO 1.19
// VERIFIED go build go1.19.8
package main

type T struct{ Name int }

func main() {
	var t T
	_ = t.name
}
