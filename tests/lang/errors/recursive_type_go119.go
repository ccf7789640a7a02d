// ERROR 6:6: invalid recursive type A\n\t6:6: A refers to\n\t10:6: B refers to\n\t6:6: A
// GO 1.19
// VERIFIED go build go1.19.8
package main

type A struct {
	b B
}

type B struct {
	a A
}

func main() {}
