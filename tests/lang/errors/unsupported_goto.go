// ERROR 7:2: goto statements are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func main() {
L:
	goto L
}
