// ERROR 7:2: non-name s[0] on left side of :=
// VERIFIED go build go1.26.8
package main

func main() {
	var s []int
	s[0] := 1
}
