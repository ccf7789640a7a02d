// Oracle for tests/maps/classic_map_vs_go_test.cpp: runs an op script on a
// real Go 1.19 map and dumps the hmap exactly (the classic map, runtime/map.go).
//
// Run: GODEBUG=cpu.aes=off GOMAXPROCS=1 /usr/lib/go-1.19/bin/go run ./tests/oracle/classicmap < script
// With cpu.aes=off the runtime hashes with the portable memhash/strhash and
// runtime.hashkey, which this program prints, so the model can hash alike.
//
// Script (whole stdin is parsed before anything runs, so parsing allocates
// nothing in the measured section). First line: `map KEY HINT` with KEY one
// of int64, int32, string (elem type int64). Then one op per line:
//   set A B     insert/update keys A..B-1 (string keys: "k<i>")
//   del A B     delete keys A..B-1
//   clear       the range-delete idiom (Go 1.19 compiles it to mapclear)
//   dump        print the structure
// Output lines:
//   hashkey K0 K1 K2 K3
//   hash0 H                       (at make)
//   reseed OP H                   (after op #OP reseeded hash0: delete to empty, clear)
//   dump B count noverflow flags nevacuate growing hash0 bucketsize
//   n I TOPHASH16[,TOPHASH16...]   new array bucket I and its overflow chain (hex)
//   o I ...                       old array bucket I (while growing)
//   end
//   mem Mallocs HeapObjects HeapAlloc   deltas from before make to after the script + runtime.GC()
//go:build ignore

package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

//go:linkname hashkey runtime.hashkey
var hashkey [4]uintptr

type hmap struct {
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      unsafe.Pointer
}

type _type struct {
	size, ptrdata                  uintptr
	hash                           uint32
	tflag, align, fieldAlign, kind uint8
	equal                          func(unsafe.Pointer, unsafe.Pointer) bool
	gcdata                         *byte
	str, ptrToThis                 int32
}

type maptype struct {
	typ               _type
	key, elem, bucket *_type
	hasher            func(unsafe.Pointer, uintptr) uintptr
	keysize, elemsize uint8
	bucketsize        uint16
	flags             uint32
}

type eface struct {
	t    *maptype
	data unsafe.Pointer
}

type op struct {
	kind string
	a, b int
}

var sink any

var out = bufio.NewWriterSize(os.Stdout, 1<<20)

// Printing in the measured section must not allocate (a boxed fmt argument
// would be a tiny allocation and move MemStats), so numbers are appended to
// a preallocated buffer.
var buf = make([]byte, 0, 1<<16)

func num(v uint64) { buf = strconv.AppendUint(append(buf, ' '), v, 10) }

func line(words ...string) {
	for i, w := range words {
		if i > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, w...)
	}
}

func flush() {
	buf = append(buf, '\n')
	out.Write(buf)
	buf = buf[:0]
}

const hexdigits = "0123456789abcdef"

func chain(t *maptype, b unsafe.Pointer) {
	buf = append(buf, ' ')
	for n := 0; b != nil; n++ {
		if n > 0 {
			buf = append(buf, ',')
		}
		for i := 0; i < 8; i++ {
			x := *(*uint8)(unsafe.Add(b, i))
			buf = append(buf, hexdigits[x>>4], hexdigits[x&15])
		}
		b = *(*unsafe.Pointer)(unsafe.Add(b, uintptr(t.bucketsize)-8))
	}
}

func dump(t *maptype, h *hmap) {
	growing := uint64(0)
	if h.oldbuckets != nil {
		growing = 1
	}
	line("dump")
	for _, v := range []uint64{uint64(h.B), uint64(h.count), uint64(h.noverflow), uint64(h.flags), uint64(h.nevacuate), growing, uint64(h.hash0), uint64(t.bucketsize)} {
		num(v)
	}
	flush()
	if h.buckets != nil {
		for i := 0; i < 1<<h.B; i++ {
			line("n")
			num(uint64(i))
			chain(t, unsafe.Add(h.buckets, i*int(t.bucketsize)))
			flush()
		}
	}
	if h.oldbuckets != nil {
		oldB := h.B
		if h.flags&8 == 0 {
			oldB--
		}
		for i := 0; i < 1<<oldB; i++ {
			line("o")
			num(uint64(i))
			chain(t, unsafe.Add(h.oldbuckets, i*int(t.bucketsize)))
			flush()
		}
	}
	line("end")
	flush()
}

func run[K comparable](hint int, keys []K, ops []op) {
	// After a GC the background scavenger wakes and then sleeps on a timer;
	// the first time, adding that timer grows the P's timer slice (an 8-byte
	// allocation at an unpredictable moment). Let it happen before measuring.
	var before, after runtime.MemStats
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := make(map[K]int64, hint)
	sink = m // the map escapes, as bucketlab's maps do (hmap and buckets on the heap)
	var mi any = m
	t := (*eface)(unsafe.Pointer(&mi)).t
	h := *(**hmap)(unsafe.Pointer(&m))
	line("hash0")
	num(uint64(h.hash0))
	flush()
	for n, o := range ops {
		switch o.kind {
		case "set":
			for i := o.a; i < o.b; i++ {
				m[keys[i]] = int64(i)
			}
		case "del":
			for i := o.a; i < o.b; i++ {
				before := h.hash0
				delete(m, keys[i])
				if h.hash0 != before {
					line("reseed")
					num(uint64(n))
					num(uint64(h.hash0))
					flush()
				}
			}
		case "clear":
			for k := range m {
				delete(m, k)
			}
			line("reseed")
			num(uint64(n))
			num(uint64(h.hash0))
			flush()
		case "dump":
			dump(t, h)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	fmt.Fprintf(out, "mem %d %d %d\n", after.Mallocs-before.Mallocs, int64(after.HeapObjects)-int64(before.HeapObjects),
		int64(after.HeapAlloc)-int64(before.HeapAlloc))
	runtime.KeepAlive(m)
	runtime.KeepAlive(keys) // keep the script's own data live: only the map's memory may change
	runtime.KeepAlive(ops)
}

func main() {
	defer out.Flush()
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	var ops []op
	maxKey := 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if header == nil {
			header = f
			continue
		}
		o := op{kind: f[0]}
		if len(f) == 3 {
			o.a, _ = strconv.Atoi(f[1])
			o.b, _ = strconv.Atoi(f[2])
			if o.b > maxKey {
				maxKey = o.b
			}
		}
		ops = append(ops, o)
	}
	fmt.Fprintf(out, "hashkey %d %d %d %d\n", hashkey[0], hashkey[1], hashkey[2], hashkey[3])
	hint, _ := strconv.Atoi(header[2])
	switch header[1] {
	case "int64":
		keys := make([]int64, maxKey)
		for i := range keys {
			keys[i] = int64(i)
		}
		run(hint, keys, ops)
	case "int32":
		keys := make([]int32, maxKey)
		for i := range keys {
			keys[i] = int32(i)
		}
		run(hint, keys, ops)
	case "string":
		keys := make([]string, maxKey)
		for i := range keys {
			keys[i] = "k" + strconv.Itoa(i)
		}
		run(hint, keys, ops)
	}
}
