// ERROR 5:10: generic types (type parameters) are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

type Box[T any] struct{ v T }

func main() {}
