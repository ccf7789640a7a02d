// ERROR 5:10: generic functions (type parameters) are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func Map[T any](xs []T) []T { return xs }

func main() {}
