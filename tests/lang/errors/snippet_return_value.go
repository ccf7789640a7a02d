// ERROR 4:8: too many return values\n\thave (int)\n\twant ()
// VERIFIED go build go1.26.8 (on the wrap_snippet program)
x := 1
return x
