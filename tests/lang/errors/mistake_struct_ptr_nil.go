// ERROR 9:12: cannot use nil as T value in variable declaration
// VERIFIED go build go1.26.8
package main

type T struct{ a int }

func main() {
	var p *T = nil
	var t T = nil
	_, _ = p, t
}
