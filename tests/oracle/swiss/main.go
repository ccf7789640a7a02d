// Oracle for tests/maps/swiss_map_vs_go_test.cpp: runs an op script on a
// real Go >= 1.24 map (the Swiss table, internal/runtime/maps) and dumps its
// internals exactly: the Map header, every table (index, localDepth,
// capacity, used, growthLeft) with every control byte, and the directory.
//
// Run: GODEBUG=cpu.aes=off GOMAXPROCS=1 go run ./tests/oracle/swiss < script
// With cpu.aes=off the runtime hashes with the portable memhash/strhash
// keyed by runtime.hashkey. Go 1.23+ refuses a //go:linkname to
// runtime.hashkey without -ldflags=-checklinkname=0, so this program reads
// it from its own ELF symbol table instead (a non-PIE linux binary: the
// symbol's address is where the variable lives).
//
// Script (all of stdin is parsed before anything runs, so parsing allocates
// nothing in the measured section). First line: `map KEY HINT` with KEY one
// of int64, int32, string, pair ([2]int64{i, i}) (elem type int64). Then one op per line:
//   set A B        insert/update keys A..B-1 (string keys: "k<i>")
//   del A B        delete keys A..B-1
//   clear          Map.Clear (the range-delete idiom, as clear(m))
//   dump           print the structure
//   iter           range over the map, printing the order
//   iterset N A B  range; after the N-th entry insert keys A..B-1, then go on
//   iterdel N A B  range; after the N-th entry delete keys A..B-1, then go on
// Output lines:
//   hashkey K0 K1 K2 K3
//   layout GROUPSIZE SLOTSIZE ELEMOFF
//   seed S                                   (at make)
//   reseed OP S                              (after op #OP drew a new seed)
//   hdr used seed dirLen globalDepth globalShift writing tombstonePossible clearSeq
//   small CTRL                               (the small map's group: 16 hex digits)
//   table index localDepth capacity used growthLeft CTRL...   (each distinct table, directory order)
//   dir I...                                 (each directory entry's table.index)
//   end
//   iter OP ENTRYOFFSET DIROFFSET K V K V ... (keys by index, the elem seen with each)
//   mem Mallocs HeapObjects HeapAlloc         deltas from before make to after the script + runtime.GC()
//go:build ignore

package main

import (
	"bufio"
	"debug/elf"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// internal/runtime/maps.Map (map.go).
type swissMap struct {
	used              uint64
	seed              uintptr
	dirPtr            unsafe.Pointer
	dirLen            int
	globalDepth       uint8
	globalShift       uint8
	writing           uint8
	tombstonePossible bool
	clearSeq          uint64
}

// internal/runtime/maps.table (table.go).
type table struct {
	used       uint16
	capacity   uint16
	growthLeft uint16
	localDepth uint8
	index      int
	groupsData unsafe.Pointer
	lengthMask uint64
}

// internal/abi.Type and MapType (abi/type.go, abi/map.go).
type abiType struct {
	size, ptrBytes                 uintptr
	hash                           uint32
	tflag, align, fieldAlign, kind uint8
	equal                          func(unsafe.Pointer, unsafe.Pointer) bool
	gcdata                         *byte
	str, ptrToThis                 int32
}

type mapType struct {
	typ                         abiType
	key, elem, group            *abiType
	hasher                      func(unsafe.Pointer, uintptr) uintptr
	groupSize, slotSize, elemOff uintptr
	flags                       uint32
}

type eface struct {
	t    *mapType
	data unsafe.Pointer
}

// reflect.MapIter: a reflect.Value (3 words) and a maps.Iter.
type mapIter struct {
	v           [3]uintptr
	key, elem   unsafe.Pointer
	typ, m      unsafe.Pointer
	entryOffset uint64
	dirOffset   uint64
}

type op struct {
	kind    string
	n, a, b int
}

var sink any

var out = bufio.NewWriterSize(os.Stdout, 1<<20)

// Printing in the measured section must not allocate (a boxed fmt argument
// would move MemStats), so numbers go to a preallocated buffer.
var buf = make([]byte, 0, 1<<22)

func num(v uint64) { buf = strconv.AppendUint(append(buf, ' '), v, 10) }

func word(w string) {
	if len(buf) > 0 && buf[len(buf)-1] != '\n' {
		buf = append(buf, ' ')
	}
	buf = append(buf, w...)
}

func flush() {
	buf = append(buf, '\n')
	out.Write(buf)
	buf = buf[:0]
}

const hexdigits = "0123456789abcdef"

// The control word's 8 bytes, slot 0 first.
func ctrlHex(g unsafe.Pointer) {
	for i := 0; i < 8; i++ {
		x := *(*uint8)(unsafe.Add(g, i))
		buf = append(buf, hexdigits[x>>4], hexdigits[x&15])
	}
}

func dump(t *mapType, m *swissMap) {
	word("hdr")
	for _, v := range []uint64{m.used, uint64(m.seed), uint64(m.dirLen), uint64(m.globalDepth), uint64(m.globalShift),
		uint64(m.writing), b2u(m.tombstonePossible), m.clearSeq} {
		num(v)
	}
	flush()
	if m.dirPtr != nil && m.dirLen == 0 {
		word("small ")
		ctrlHex(m.dirPtr)
		flush()
	}
	if m.dirLen > 0 {
		var last *table
		for i := 0; i < m.dirLen; i++ {
			tab := *(**table)(unsafe.Add(m.dirPtr, i*8))
			if tab == last {
				continue
			}
			last = tab
			word("table")
			for _, v := range []uint64{uint64(tab.index), uint64(tab.localDepth), uint64(tab.capacity), uint64(tab.used), uint64(tab.growthLeft)} {
				num(v)
			}
			buf = append(buf, ' ')
			for g := uint64(0); g <= tab.lengthMask; g++ {
				ctrlHex(unsafe.Add(tab.groupsData, uintptr(g)*t.groupSize))
			}
			flush()
		}
		word("dir")
		for i := 0; i < m.dirLen; i++ {
			num(uint64((*(**table)(unsafe.Add(m.dirPtr, i*8))).index))
		}
		flush()
	}
	word("end")
	flush()
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// hashkeyAddr finds runtime.hashkey in this executable's symbol table.
func hashkeyAddr() uintptr {
	f, err := elf.Open("/proc/self/exe")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		panic(err)
	}
	for _, s := range syms {
		if s.Name == "runtime.hashkey" {
			return uintptr(s.Value)
		}
	}
	panic("runtime.hashkey not found")
}

// index of a key: the integer itself, or i for "k<i>".
func keyIndex[K comparable](k K) uint64 {
	switch v := any(k).(type) {
	case int64:
		return uint64(v)
	case int32:
		return uint64(v)
	case [2]int64:
		return uint64(v[0])
	case string:
		n := uint64(0)
		for i := 1; i < len(v); i++ {
			n = n*10 + uint64(v[i]-'0')
		}
		return n
	}
	return 0
}

func run[K comparable](hint int, keys []K, ops []op) {
	dummy := map[K]int64{}
	it := reflect.ValueOf(dummy).MapRange() // allocated before measuring, reused by Reset
	// After a GC the background scavenger wakes and sleeps on a timer; the
	// first time, adding that timer may allocate. Let it happen before measuring.
	var before, after runtime.MemStats
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := make(map[K]int64, hint)
	sink = m // the map escapes, as bucketlab's maps do (Map and groups on the heap)
	var mi any = m
	t := (*eface)(unsafe.Pointer(&mi)).t
	h := *(**swissMap)(unsafe.Pointer(&m))
	word("layout")
	num(uint64(t.groupSize))
	num(uint64(t.slotSize))
	num(uint64(t.elemOff))
	flush()
	word("seed")
	num(uint64(h.seed))
	flush()
	mit := (*mapIter)(unsafe.Pointer(it))
	for n, o := range ops {
		seed0 := h.seed
		switch o.kind {
		case "set":
			for i := o.a; i < o.b; i++ {
				m[keys[i]] = int64(i)
			}
		case "del":
			for i := o.a; i < o.b; i++ {
				delete(m, keys[i])
				if h.seed != seed0 {
					word("reseed")
					num(uint64(n))
					num(uint64(h.seed))
					flush()
					seed0 = h.seed
				}
			}
		case "clear":
			// The range-delete idiom compiles to mapclear (walk/range.go
			// isMapClear), i.e. Map.Clear, as clear(m) does; it also builds
			// with the oracle's go.mod language version (go 1.19).
			for k := range m {
				delete(m, k)
			}
		case "dump":
			dump(t, h)
		case "iter", "iterset", "iterdel":
			it.Reset(reflect.ValueOf(m))
			word("iter")
			num(uint64(n))
			first := true
			count := 0
			for it.Next() {
				if first {
					num(mit.entryOffset)
					num(mit.dirOffset)
					first = false
				}
				num(keyIndex(*(*K)(mit.key)))
				num(uint64(*(*int64)(mit.elem)))
				count++
				if count == o.n && o.kind != "iter" {
					for i := o.a; i < o.b; i++ {
						if o.kind == "iterset" {
							m[keys[i]] = int64(i) + 1000000
						} else {
							delete(m, keys[i])
						}
					}
				}
			}
			if first {
				num(0)
				num(0)
			}
			flush()
			it.Reset(reflect.Value{}) // drop the iterator's references (an old table, the small group)
		}
		if o.kind != "del" && h.seed != seed0 {
			word("reseed")
			num(uint64(n))
			num(uint64(h.seed))
			flush()
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	fmt.Fprintf(out, "mem %d %d %d\n", after.Mallocs-before.Mallocs, int64(after.HeapObjects)-int64(before.HeapObjects),
		int64(after.HeapAlloc)-int64(before.HeapAlloc))
	runtime.KeepAlive(m)
	runtime.KeepAlive(keys) // the script's own data stays live: only the map's memory may change
	runtime.KeepAlive(ops)
	runtime.KeepAlive(it)
	runtime.KeepAlive(dummy) // Reset dropped the iterator's reference: keep it out of the deltas
}

func main() {
	defer out.Flush()
	hk := (*[4]uintptr)(unsafe.Pointer(hashkeyAddr()))
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
		var args []int
		for _, w := range f[1:] {
			v, _ := strconv.Atoi(w)
			args = append(args, v)
		}
		switch len(args) {
		case 2:
			o.a, o.b = args[0], args[1]
		case 3:
			o.n, o.a, o.b = args[0], args[1], args[2]
		}
		if o.b > maxKey {
			maxKey = o.b
		}
		ops = append(ops, o)
	}
	fmt.Fprintf(out, "hashkey %d %d %d %d\n", hk[0], hk[1], hk[2], hk[3])
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
	case "pair": // [2]int64: 16-byte keys take the generic mapassign (walk.go mapfast)
		keys := make([][2]int64, maxKey)
		for i := range keys {
			keys[i] = [2]int64{int64(i), int64(i)}
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
