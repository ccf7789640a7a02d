// ERROR 5:1: declared and not used: x
// ERROR 6:1: declared and not used: y
// ERROR 6:6: invalid operation: "a" + 1 (mismatched types untyped string and untyped int)
// VERIFIED go build go1.26.8 (on the wrap_snippet program)
x := 1
y := "a" + 1
