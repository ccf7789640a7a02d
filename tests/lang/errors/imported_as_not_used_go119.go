// ERROR 6:8: imported and not used: "math/rand" as r
// GO 1.19
// VERIFIED go build go1.19.8
package main

import r "math/rand"

func main() {
}
