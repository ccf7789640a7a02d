// ERROR 5:6: recursive type L not supported by bucketlab (a type may refer to itself only through a struct)
// bucketlab refusal (not a Go error)
package main

type L []L

func main() {
	var l L
	_ = l
}
