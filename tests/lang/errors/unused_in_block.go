// ERROR 8:3: declared and not used: y
// VERIFIED go build go1.26.8
package main

func main() {
	x := 1
	{
		y := 2
	}
	_ = x
}
