// ERROR 12:6: declared and not used: k
// ERROR 12:9: declared and not used: v
// ERROR 12:12: range clause permits at most two iteration variables
// ERROR 15:15: invalid operation: i + 1 (mismatched types string and untyped int)
// VERIFIED go build go1.26.8
package main

import "fmt"

func main() {
	m := map[string]int{}
	for k, v, w := range m {
	}
	for i := range m {
		fmt.Println(i + 1)
	}
}
