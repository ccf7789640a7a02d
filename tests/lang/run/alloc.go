package main

// Allocation counts of single operations, printed as Mallocs deltas: the
// model must allocate exactly where Go 1.19 does (each line is compared
// with the real toolchain's output by tests/lang/interp_test.cpp).
import (
	"fmt"
	"runtime"
	"strconv"
)

type User struct {
	ID   int
	Name string
}

var sink []*User
var ssink string
var m = map[string]int{}

func mallocs() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Mallocs
}

func main() {
	var d [16]uint64
	b := mallocs()
	ssink = strconv.Itoa(7)
	d[0] = mallocs() - b
	b = mallocs()
	ssink = strconv.Itoa(12345)
	d[1] = mallocs() - b
	b = mallocs()
	ssink = "user" + strconv.Itoa(99)
	d[2] = mallocs() - b
	b = mallocs()
	sink = append(sink, &User{ID: 1})
	d[3] = mallocs() - b
	b = mallocs()
	m["k"+strconv.Itoa(100000)] = 1
	d[4] = mallocs() - b
	b = mallocs()
	delete(m, "k"+strconv.Itoa(100000))
	d[5] = mallocs() - b
	b = mallocs()
	s := make([]int, 0)
	for i := 0; i < 1000; i++ {
		s = append(s, i)
	}
	d[6] = mallocs() - b
	// (not here: fmt's first use after a GC allocates its pooled printer, and
	// []byte(a+b) feeding only a conversion uses stack buffers in Go: both
	// are documented deviations, docs/deviations.md R24/R25)
	b = mallocs()
	bs := []byte(ssink + "abcdefghijklmnopqrstuvwxyz0123456789")
	ssink = string(bs)
	d[9] = mallocs() - b
	_, ok := m["k"+strconv.Itoa(100001)]
	d[10] = mallocs() - b
	b = mallocs()
	r := rune(0x4e16)
	ssink = string(r) // intstring: a 4-byte rawstring
	d[11] = mallocs() - b
	for i, v := range d {
		if i < 12 {
			fmt.Println(i, v)
		}
	}
	fmt.Println(len(s), ok)
}
