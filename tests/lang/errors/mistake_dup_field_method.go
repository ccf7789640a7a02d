// ERROR 7:10: field and method with the same name Len\n\t5:16: other declaration of Len
// VERIFIED go build go1.26.8
package main

type T struct{ Len int }

func (T) Len() int { return 0 }

func main() {}
