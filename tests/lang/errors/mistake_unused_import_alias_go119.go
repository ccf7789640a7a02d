// ERROR 8:2: imported and not used: "math/rand" as r
// GO 1.19
// VERIFIED go build go1.19.8
package main

import (
	"fmt"
	r "math/rand"
	"time"
)

func main() {
	fmt.Println(time.Now())
}
