// A snippet: type declarations and functions are hoisted, the rest is main's body.
// GO 1.26
// a snippet
type Entry struct {
	key   string
	value [64]byte
}

m := make(map[string]*Entry)
for i := 0; i < 10000; i++ {
	k := strconv.Itoa(i)
	m[k] = &Entry{key: k}
}
var ms runtime.MemStats
runtime.ReadMemStats(&ms)
fmt.Println(len(m), ms.HeapAlloc)
total := sumLen(m)
fmt.Println(total)

func sumLen(m map[string]*Entry) int {
	n := 0
	for k := range m {
		n += len(k)
	}
	return n
}
for i := range 3 { fmt.Println(i) }
