// ERROR 6:2: "fmt" imported and not used
// VERIFIED go build go1.26.8
package main

import (
	"fmt"
	"strconv"
)

func main() {
	_ = strconv.Itoa(1)
}
