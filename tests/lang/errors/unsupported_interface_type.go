// ERROR 5:12: interface types are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

type Shape interface{ Area() float64 }

func main() {}
