// ERROR 9:7: cannot convert "a" (untyped string constant) to int
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	x := 1
	switch x {
	case "a":
	}
}
