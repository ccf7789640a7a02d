// ERROR 8:4: syntax error: unexpected newline in composite literal; possibly missing comma or }
// VERIFIED go build go1.26.8
package main

func main() {
	s := []int{
		1,
		2
	}
	_ = s
}
