// ERROR 8:13: invalid operation: w + "x" (mismatched types U and untyped string)
// VERIFIED go build go1.26.8 (on the wrap_snippet program)
v := T{1}
fmt.Println(v.a)
type T struct{ a int }
w := U(2)
type U int
fmt.Println(w + "x")
