// ERROR 7:2: "math/rand" imported as r and not used
// VERIFIED go build go1.26.8
package main

import (
	"fmt"
	r "math/rand"
	"time"
)

func main() {
	fmt.Println(time.Now())
}
