// ERROR 7:9: type assertions are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	var err error
	_ = err.(interface{ Timeout() bool })
}
