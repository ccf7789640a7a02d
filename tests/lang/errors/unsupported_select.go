// ERROR 6:2: select statements are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	select {}
}
