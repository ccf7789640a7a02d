// ERROR 9:7: duplicate case 1 (constant of type int) in expression switch\n\t8:7: previous case
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	switch x {
	case 1:
	case 1:
	}
}
