// ERROR 5:8: "math/rand" imported as r and not used
// VERIFIED go build go1.26.8
package main

import r "math/rand"

func main() {
}
