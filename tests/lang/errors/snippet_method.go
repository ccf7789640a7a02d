// ERROR 7:5: cannot call pointer method Inc on C
// VERIFIED go build go1.26.8 (on the wrap_snippet program)
type C struct{ n int }
func (c *C) Inc() { c.n++ }
c := C{}
c.Inc()
C{}.Inc()
