// ERROR 8:11: method T.M already declared at 7:10
// VERIFIED go build go1.26.8
package main

type T struct{}

func (T) M()  {}
func (*T) M() {}

func main() {}
