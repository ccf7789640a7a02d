// ERROR 7:8: channel types are not supported by bucketlab
// ERROR 8:2: channel operations (send) are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	var c chan int
	c <- 1
}
