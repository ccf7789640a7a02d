// ERROR 10:6: cannot call pointer method M on T
// VERIFIED go build go1.26.8
package main

type T struct{}

func (t *T) M() {}

func main() {
	T{}.M()
}
