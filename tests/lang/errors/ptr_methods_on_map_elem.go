// ERROR 12:7: cannot call pointer method Inc on T
// VERIFIED go build go1.26.8
package main

type T struct{ n int }

func (t *T) Inc() { t.n++ }
func (t T) Get() int { return t.n }

func main() {
	m := map[int]T{}
	m[1].Inc()
	_ = m[1].Get()
	s := []T{{}}
	s[0].Inc()
	arr := [1]T{}
	arr[0].Inc()
	var p *T = &T{}
	p.Inc()
	(*p).Inc()
}
