// ERROR 5:23: undefined: n
// VERIFIED go build go1.26.8 (on the wrap_snippet program)
n := 1
_ = n
func f() int { return n }
