// ERROR 6:6: built-in recover is not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	_ = recover()
}
