// ERROR 6:2: defer statements are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	defer println(1)
}
