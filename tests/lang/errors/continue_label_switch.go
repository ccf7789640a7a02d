// ERROR 9:12: invalid continue label L
// VERIFIED go build go1.26.8
package main

func main() {
L:
	switch {
	case true:
		continue L
	}
}
