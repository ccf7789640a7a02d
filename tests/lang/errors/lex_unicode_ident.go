// ERROR 11:2: identifier cannot begin with digit U+0663 '٣'
// ERROR 12:26: identifier cannot begin with digit U+0663 '٣'
// VERIFIED go build go1.26.8
package main

import "fmt"

func main() {
	π := 3.14
	naïve := "é"
	٣x := 1
	fmt.Println(π, naïve, ٣x)
}
