// ERROR 3:1: syntax error: import declarations are only allowed in a whole program (begin the workload with package main)
// bucketlab refusal (not a Go error)
import "fmt"

fmt.Println(1)
