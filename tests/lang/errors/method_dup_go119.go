// ERROR 9:11: T.M redeclared in this block\n\t8:10: other declaration of M
// GO 1.19
// VERIFIED go build go1.19.8
package main

type T struct{}

func (T) M()  {}
func (*T) M() {}

func main() {}
