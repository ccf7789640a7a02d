// ERROR 8:7: function values are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

func g() {}

func main() {
	f := g
	_ = f
}
