// ERROR 10:4: t.Foo undefined (type T has no field or method Foo)
// ERROR 11:4: T.Bar undefined (type T has no field or method Bar)
// VERIFIED go build go1.26.8
package main

type T struct{}

func main() {
	var t T
	t.Foo()
	T.Bar()
}
