// ERROR 8:2: syntax error: unexpected keyword else, expected }
// VERIFIED go build go1.26.8
package main

func main() {
	if true {
	}
	else {
	}
}
