// ERROR 5:6: invalid recursive type A\n\t5:6: A refers to B\n\t9:6: B refers to A
// VERIFIED go build go1.26.8
package main

type A struct {
	b B
}

type B struct {
	a A
}

func main() {}
