// ERROR 10:9: method expressions are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

type T struct{}

func (T) M() {}

func main() {
	f := T.M
	_ = f
}
