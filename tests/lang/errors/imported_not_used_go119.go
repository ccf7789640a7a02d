// ERROR 7:2: imported and not used: "fmt"
// GO 1.19
// VERIFIED go build go1.19.8
package main

import (
	"fmt"
	"strconv"
)

func main() {
	_ = strconv.Itoa(1)
}
