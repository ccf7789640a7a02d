// ERROR 10:3: declared and not used: err
// VERIFIED go build go1.26.8
package main

import "fmt"

func main() {
	err := fmt.Errorf("x")
	if true {
		err := fmt.Errorf("y")
	}
	fmt.Println(err)
}
