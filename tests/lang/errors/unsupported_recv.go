// ERROR 6:8: channel types are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	var c chan int
	<-c
}
