// ERROR 6:8: type [1073741824]*int is too large for bucketlab (pointer-containing types are limited to 268435456 bytes)
// bucketlab refusal (not a Go error)
package main

func main() {
	var a [1 << 30]*int
	_ = a
}
