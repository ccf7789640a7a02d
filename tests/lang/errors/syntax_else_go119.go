// ERROR 9:2: syntax error: unexpected else, expecting }
// GO 1.19
// VERIFIED go build go1.19.8
package main

func main() {
	if true {
	}
	else {
	}
}
