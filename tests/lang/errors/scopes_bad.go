// ERROR 9:3: declared and not used: y
// ERROR 11:6: undefined: x
// ERROR 14:6: undefined: i
// VERIFIED go build go1.26.8
package main

func main() {
	if x := 1; x > 0 {
		y := 2
	}
	_ = x
	for i := 0; i < 3; i++ {
	}
	_ = i
}
