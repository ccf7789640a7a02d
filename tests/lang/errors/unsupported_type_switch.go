// ERROR 7:12: type switches are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
	var err error
	switch err.(type) {
	}
}
