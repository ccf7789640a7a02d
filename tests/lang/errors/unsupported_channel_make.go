// ERROR 6:12: channel types are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	c := make(chan int)
	_ = c
}
