// ERROR 12:7: too many arguments in call to take\n\thave (int, string)\n\twant (int)
// ERROR 13:7: assignment mismatch: 1 variable but two returns 2 values
// ERROR 15:14: multiple-value two() (value of type (int, string)) in single-value context
// GO 1.19
// VERIFIED go build go1.19.8
package main

func two() (int, string) { return 1, "a" }
func take(a int) {}

func main() {
	take(two())
	x := two()
	_ = x
	var y int = two()
	_ = y
}
