// ERROR 10:18: converting E to the interface type error is not supported by bucketlab
// bucketlab refusal (not a Go error)
package main

type E struct{}

func (E) Error() string { return "e" }

func main() {
	var err error = E{}
	_ = err
}
