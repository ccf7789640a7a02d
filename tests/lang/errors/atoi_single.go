// ERROR 8:7: assignment mismatch: 1 variable but strconv.Atoi returns 2 values
// VERIFIED go build go1.26.8
package main

import "strconv"

func main() {
	n := strconv.Atoi("1")
	_ = n
}
