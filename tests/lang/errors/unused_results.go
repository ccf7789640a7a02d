// ERROR 17:2: len("abc") (constant 3 of type int) is not used
// ERROR 18:2: append([]int{}, 1) (value of type []int) is not used
// VERIFIED go build go1.26.8
package main

import (
	"fmt"
	"runtime"
)

func f() int { return 1 }

func main() {
	f()
	runtime.NumGoroutine()
	fmt.Sprintf("x")
	len("abc")
	append([]int{}, 1)
}
