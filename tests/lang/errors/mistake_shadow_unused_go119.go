// ERROR 11:3: err declared but not used
// GO 1.19
// VERIFIED go build go1.19.8
package main

import "fmt"

func main() {
	err := fmt.Errorf("x")
	if true {
		err := fmt.Errorf("y")
	}
	fmt.Println(err)
}
