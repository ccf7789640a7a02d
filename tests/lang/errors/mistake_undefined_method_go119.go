// ERROR 11:4: t.Foo undefined (type T has no field or method Foo)
// ERROR 12:4: T.Bar undefined (type T has no field or method Bar)
// GO 1.19
// VERIFIED go build go1.19.8
package main

type T struct{}

func main() {
	var t T
	t.Foo()
	T.Bar()
}
