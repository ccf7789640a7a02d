// ERROR 6:8: "fmt" imported and not used
// ERROR 9:6: use of package fmt not in selector
// VERIFIED go build go1.26.8
package main

import "fmt"

func main() {
	_ = fmt
}
