// ERROR 7:9: unknown escape
// ERROR 8:12: octal escape value 256 > 255
// VERIFIED go build go1.26.8
package main

func main() {
	s := "\q"
	t := "\400"
	_, _ = s, t
}
