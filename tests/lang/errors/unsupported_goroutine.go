// ERROR 8:2: go statements (goroutines) are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func work() {}

func main() {
	go work()
}
