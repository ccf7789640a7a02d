// ERROR 7:6: invalid operation: operator - not defined on s (variable of type string)
// VERIFIED go build go1.26.8
package main

func main() {
	s := "a"
	_ = s - "b"
}
