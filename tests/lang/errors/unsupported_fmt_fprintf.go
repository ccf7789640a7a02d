// ERROR 8:6: fmt.Fprintf is not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

import "fmt"

func main() {
	fmt.Fprintf(nil, "x")
}
