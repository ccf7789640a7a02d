// ERROR 8:7: cannot convert "a" (untyped string constant) to type int
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	switch x {
	case "a":
	}
}
