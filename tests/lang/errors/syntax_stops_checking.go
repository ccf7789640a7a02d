// ERROR 7:2: syntax error: unexpected keyword var, expected expression
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1 +
	var y int = "s"
	for {
		break L
	}
}
