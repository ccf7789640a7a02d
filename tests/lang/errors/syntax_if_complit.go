// ERROR 9:9: syntax error: unexpected . at end of statement
// ERROR 11:1: syntax error: non-declaration statement outside function body
// VERIFIED go build go1.26.8
package main

type T struct{ a int }

func main() {
	if T{1}.a == 1 {
	}
}
