// ERROR 6:20: function types are not supported by bucketlab
// ERROR 9:17: function values are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func seq(yield func(int) bool) {}

func main() {
	for x := range seq {
		_ = x
	}
}
