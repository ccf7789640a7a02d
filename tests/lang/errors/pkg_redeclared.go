// ERROR 6:8: "fmt" imported and not used
// ERROR 8:5: fmt already declared through import of package fmt ("fmt")\n\t6:8: other declaration of fmt
// VERIFIED go build go1.26.8
package main

import "fmt"

var fmt = 1

func main() {}
