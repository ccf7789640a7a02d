// ERROR 11:7: method values are not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

type T struct{}

func (T) M() {}

func main() {
	var t T
	m := t.M
	_ = m
}
