// ERROR 7:2: embedded fields are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

type A struct{ x int }
type B struct {
	A
	y int
}

func main() {}
