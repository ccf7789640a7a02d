// ERROR 7:2: declared and not used: s
// ERROR 7:7: string not terminated
// VERIFIED go build go1.26.8
package main

func main() {
	s := `abc
