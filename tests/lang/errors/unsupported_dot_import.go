// ERROR 5:8: dot imports are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

import . "fmt"

func main() {
	Println(1)
}
