// The real-Go side of `bucketlab vs-go` (see go_reference.h).
#include "cli/go_reference.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_set>

#include "core/lang/ast.h"
#include "core/lang/front.h"
#include "core/lang/lexer.h"
#include "core/lang/parser.h"
#include "core/lang/types.h"

extern char** environ;

namespace bucketlab::cli {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------
// The Go support code. It reads Go 1.19's runtime structures through unsafe:
// runtime/map.go hmap and bucket layout (tophash [8]uint8 first, overflow
// pointer in the last 8 bytes of a bucket), runtime/type.go maptype,
// runtime/runtime2.go g.stack (g's first field), runtime.hashkey
// (runtime/alg.go), as tests/oracle/classicmap/main.go does. It allocates
// nothing on the Go heap: fixed arrays in bss, numbers formatted by hand,
// output through runtime.write (raw write(2)), MemStats into globals.

constexpr const char* kMarker = "@@bucketlab-vs-go-report-v1@@\n";

constexpr const char* kSupportGo = R"GO(// Added by bucketlab vs-go (cli/go_reference.cpp): records every map the
// workload makes and, when main returns, reports runtime.hashkey, MemStats
// and the maps' structure. Nothing here allocates on the Go heap.

package main

import (
	__bl_runtime "runtime"
	__bl_unsafe "unsafe"
)

//go:linkname __bl_hashkey runtime.hashkey
var __bl_hashkey [4]uintptr

// runtime/mheap.go spanOf: nil unless p lies in a heap arena page that has
// held a span (heap or stack), i.e. mapped memory that is safe to read.
//
//go:linkname __bl_spanOf runtime.spanOf
func __bl_spanOf(p uintptr) __bl_unsafe.Pointer

// runtime/time_nofake.go write: write(2) without allocating.
//
//go:linkname __bl_write runtime.write
func __bl_write(fd uintptr, p __bl_unsafe.Pointer, n int32) int32

// Go 1.19 runtime/map.go hmap (pointers as plain numbers).
type __bl_hmap struct {
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    uintptr
	oldbuckets uintptr
	nevacuate  uintptr
	extra      uintptr
}

// Go 1.19 runtime/type.go maptype, after its 48-byte _type.
type __bl_maptype struct {
	typ               [48]byte
	key, elem, bucket uintptr
	hasher            uintptr
	keysize, elemsize uint8
	bucketsize        uint16
	flags             uint32
}

type __bl_eface struct {
	t    *__bl_maptype
	data uintptr
}

const __bl_max = 1 << 16

// One tracked map. addr is a number, invisible to the GC, so the map's
// liveness is the workload's own. Heap maps: the *hmap; stack maps:
// stack.hi - *hmap, an offset that stack copies keep (runtime/stack.go
// copystack copies the used stack to the same distance from hi).
type __bl_rec struct {
	addr  uintptr
	typ   uintptr
	site  int32
	stack bool
	hash0 uint32
}

var __bl_recs [__bl_max]__bl_rec
var __bl_n int
var __bl_dropped int

// Wraps every map creation of the workload: make(...) or a map literal.
// Converting a map to any stores the pointer itself (no allocation), and
// nothing here keeps m, so escape analysis sees no new flow.
func __bl_track[M ~map[K]V, K comparable, V any](m M, site int32) M {
	var mi any = m
	e := (*__bl_eface)(__bl_unsafe.Pointer(&mi))
	if __bl_n >= __bl_max {
		__bl_dropped++
		return m
	}
	r := &__bl_recs[__bl_n]
	__bl_n++
	h := e.data
	r.typ = uintptr(__bl_unsafe.Pointer(e.t))
	r.site = site
	r.hash0 = (*__bl_hmap)(__bl_unsafe.Pointer(h)).hash0
	lo, hi := __bl_stackbounds()
	if h >= lo && h < hi {
		r.stack = true
		r.addr = hi - h
	} else {
		r.addr = h
	}
	return m
}

// --- output: a fixed buffer flushed with write(2) ---

var __bl_buf [1 << 16]byte
var __bl_len int

func __bl_flush() {
	p := 0
	for p < __bl_len {
		n := __bl_write(1, __bl_unsafe.Pointer(&__bl_buf[p]), int32(__bl_len-p))
		if n <= 0 {
			break
		}
		p += int(n)
	}
	__bl_len = 0
}

func __bl_byte(c byte) {
	if __bl_len == len(__bl_buf) {
		__bl_flush()
	}
	__bl_buf[__bl_len] = c
	__bl_len++
}

func __bl_str(s string) {
	for i := 0; i < len(s); i++ {
		__bl_byte(s[i])
	}
}

func __bl_num(v uint64) {
	var d [20]byte
	i := len(d)
	for {
		i--
		d[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	__bl_byte(' ')
	for ; i < len(d); i++ {
		__bl_byte(d[i])
	}
}

func __bl_hex(b byte) {
	const digits = "0123456789abcdef"
	__bl_byte(digits[b>>4])
	__bl_byte(digits[b&15])
}

// Whether [p, p+n) is mapped: every 8 KiB page (runtime pageSize) in it
// has a span.
func __bl_readable(p, n uintptr) bool {
	if p == 0 || p+n < p {
		return false
	}
	for q := p &^ 8191; q < p+n; q += 8192 {
		if __bl_spanOf(q) == nil {
			return false
		}
	}
	return true
}

// Go 1.19 runtime/mheap.go mspan, its leading fields (offsets as in the
// source: allocBits 72, state 99, elemsize 104).
type __bl_mspan struct {
	next, prev, list, startAddr, npages, manualFreeList, freeindex, nelems uintptr
	allocCache                                                            uint64
	allocBits, gcmarkBits                                                 uintptr
	sweepgen, divMul                                                      uint32
	allocCount                                                            uint16
	spanclass, state, needzero                                            uint8
	allocCountBeforeCache                                                 uint16
	elemsize                                                              uintptr
}

// Whether p is the base of an allocated heap object of at least n bytes:
// its span is in use (mSpanInUse = 1) and p's slot is below freeindex or
// set in allocBits (mbitmap.go isFree). A dead map's memory that a sweep
// already freed (or a later object took) fails this.
func __bl_allocated(p, n uintptr) bool {
	sp := __bl_spanOf(p)
	if sp == nil {
		return false
	}
	s := (*__bl_mspan)(sp)
	if s.state != 1 || p < s.startAddr || s.elemsize < n {
		return false
	}
	idx := (p - s.startAddr) / s.elemsize
	if idx >= s.nelems || s.startAddr+idx*s.elemsize != p {
		return false
	}
	if idx < s.freeindex {
		return true
	}
	return *(*uint8)(__bl_unsafe.Pointer(s.allocBits + idx/8))&(1<<(idx%8)) != 0
}

// Whether p lies in a goroutine stack (a manual span, mSpanManual = 2): Go
// puts the first bucket of a small map that does not escape there.
func __bl_onStack(p uintptr) bool {
	sp := __bl_spanOf(p)
	return sp != nil && (*__bl_mspan)(sp).state == 2
}

// Whether a map's bucket array, and every overflow bucket its chains link
// to, is still allocated. Preallocated overflow buckets (makeBucketArray)
// lie inside the array's own object.
func __bl_bucketsAllocated(buckets uintptr, B uint8, bs uintptr) bool {
	if buckets == 0 || B >= 31 || __bl_onStack(buckets) {
		return true
	}
	if !__bl_allocated(buckets, bs<<B) {
		return false
	}
	end := buckets + (*__bl_mspan)(__bl_spanOf(buckets)).elemsize
	budget := 1 << 24
	for b := uintptr(0); b < uintptr(1)<<B; b++ {
		p := *(*uintptr)(__bl_unsafe.Pointer(buckets + b*bs + bs - 8))
		for ; p != 0; budget-- {
			if budget == 0 || !(p >= buckets && p+bs <= end) && !__bl_allocated(p, bs) {
				return false
			}
			p = *(*uintptr)(__bl_unsafe.Pointer(p + bs - 8))
		}
	}
	return true
}

// Whether a tracked map is dead: its header (a heap map) or its buckets are
// no longer allocated (a stack map's frame that has returned is not read).
func __bl_mapFreed(stack bool, h uintptr, frameLive bool, buckets uintptr, B uint8, bs uintptr) bool {
	return (!stack && !__bl_allocated(h, 48)) || (frameLive && !__bl_bucketsAllocated(buckets, B, bs))
}

var __bl_ms [3]__bl_runtime.MemStats

//go:linkname __bl_envs runtime.envs
var __bl_envs []string

// First thing in main (after the deferred report): MemStats as main starts
// (the runtime's and the packages' own allocations before main: the
// workload's counters are deltas from here); then, when the environment has
// BUCKETLAB_VSGO_BASELINE=1, main returns at once, so the report gives the
// live heap of a program that does nothing (runtime.envs is read, not
// os.Getenv, which would allocate). Not inlined: main's own inlining and
// escape decisions stay the workload's (tests compare -gcflags=-m output).
//
//go:noinline
func __bl_begin() bool {
	__bl_runtime.ReadMemStats(&__bl_ms[2])
	for _, e := range __bl_envs {
		if e == "BUCKETLAB_VSGO_BASELINE=1" {
			return true
		}
	}
	return false
}

func __bl_mem(tag string, ms *__bl_runtime.MemStats) {
	__bl_str(tag)
	for _, v := range [...]uint64{ms.Mallocs, ms.Frees, ms.HeapObjects, ms.HeapAlloc, ms.TotalAlloc,
		ms.HeapInuse, ms.HeapSys, ms.HeapIdle, ms.HeapReleased, ms.NextGC, uint64(ms.NumGC), uint64(ms.NumForcedGC)} {
		__bl_num(v)
	}
	__bl_byte('\n')
}

// Deferred first thing in main (mainsp: stack.hi - main's SP), so it runs
// when main returns, with main's frame intact. The maps are dumped before
// the runtime.GC(), which would free the buckets of dead maps.
func __bl_report(mainsp uintptr) {
	__bl_runtime.ReadMemStats(&__bl_ms[0])
	_, hi := __bl_stackbounds()
	__bl_str("@@bucketlab-vs-go-report-v1@@\nhashkey")
	for _, k := range __bl_hashkey {
		__bl_num(uint64(k))
	}
	__bl_byte('\n')
	__bl_mem("mem_start", &__bl_ms[2])
	__bl_mem("mem_end", &__bl_ms[0])
	for i := 0; i < __bl_n; i++ {
		r := &__bl_recs[i]
		h, stack, live := r.addr, uint64(0), uint64(1)
		if r.stack {
			h, stack = hi-r.addr, 1
			if r.addr > mainsp { // below main's frame: a call that has returned
				live = 0
			}
		}
		t := (*__bl_maptype)(__bl_unsafe.Pointer(r.typ))
		// A copy, not a pointer: a typed pointer into a collected map's freed
		// span, live in this frame when a (concurrent) GC scans the stack,
		// is a fatal "found bad pointer in Go heap".
		hm := *(*__bl_hmap)(__bl_unsafe.Pointer(h))
		growing := uint64(0)
		if hm.oldbuckets != 0 {
			growing = 1
		}
		// A map whose header (heap map), bucket array or any overflow bucket
		// a sweep has freed is dead. A stack map's hmap stays in main's
		// frame, but its buckets are heap objects the GC frees once the
		// stack slot is dead.
		freed := uint64(0)
		if __bl_mapFreed(r.stack, h, live == 1, hm.buckets, hm.B, uintptr(t.bucketsize)) {
			freed = 1
		}
		__bl_str("map")
		for _, v := range [...]uint64{uint64(i), uint64(r.site), stack, live, uint64(r.hash0), uint64(hm.hash0),
			uint64(hm.count), uint64(hm.B), uint64(hm.flags), uint64(hm.noverflow), uint64(hm.nevacuate), growing,
			uint64(t.bucketsize), uint64(t.keysize), uint64(t.elemsize), uint64(t.flags), uint64(r.addr), freed,
			uint64(hm.buckets)} {
			__bl_num(v)
		}
		__bl_byte('\n')
		bs := uintptr(t.bucketsize)
		nb := uintptr(0)
		if live == 1 && hm.B < 31 && __bl_readable(hm.buckets, bs<<hm.B) {
			nb = uintptr(1) << hm.B
		}
		// The main bucket array: 8 tophash bytes per bucket...
		__bl_str("tophash ")
		for b := uintptr(0); b < nb; b++ {
			p := hm.buckets + b*bs
			for j := uintptr(0); j < 8; j++ {
				__bl_hex(*(*byte)(__bl_unsafe.Pointer(p + j)))
			}
		}
		__bl_byte('\n')
		// ... and the length of each bucket's overflow chain (bounded: the
		// memory of a collected map may have been reused, and cycle).
		__bl_str("chains")
		budget := uint64(1) << 24
		for b := uintptr(0); b < nb; b++ {
			n := uint64(0)
			p := *(*uintptr)(__bl_unsafe.Pointer(hm.buckets + b*bs + bs - 8))
			for ; p != 0 && budget > 0 && __bl_readable(p, bs); n++ {
				p = *(*uintptr)(__bl_unsafe.Pointer(p + bs - 8))
				budget--
			}
			__bl_num(n)
		}
		__bl_byte('\n')
		// Go's GC is concurrent: a cycle still running when main returned
		// can scan main's frame after a map's last use, and its sweep can
		// free (and the scavenger zero) the map's memory while it is read
		// above. The model's cycles end at their trigger (deviation R1).
		// Freed memory is never allocated again here (the report does not
		// allocate), so a map still allocated after its read was read whole.
		intact := uint64(1)
		if freed == 0 && __bl_mapFreed(r.stack, h, live == 1, hm.buckets, hm.B, bs) {
			intact = 0
		}
		__bl_str("intact")
		__bl_num(intact)
		__bl_byte('\n')
	}
	__bl_str("dropped")
	__bl_num(uint64(__bl_dropped))
	__bl_byte('\n')
	__bl_flush()
	__bl_runtime.GC()
	__bl_runtime.ReadMemStats(&__bl_ms[1])
	__bl_mem("mem_gc", &__bl_ms[1])
	__bl_str("end\n")
	__bl_flush()
}
)GO";

// Declarations of the assembly helpers, and a portable fallback for other
// architectures (no stack detection there: stack maps read as heap maps).
constexpr const char* kStackDeclGo = R"GO(//go:build amd64 || arm64

package main

// The running goroutine's stack bounds, g.stack (bl_stack_*.s).
func __bl_stackbounds() (lo, hi uintptr)

// g.stack.hi minus the caller's SP (bl_stack_*.s).
func __bl_spoff() uintptr
)GO";

constexpr const char* kStackOtherGo = R"GO(//go:build !amd64 && !arm64

package main

func __bl_stackbounds() (lo, hi uintptr) { return 0, 0 }
func __bl_spoff() uintptr               { return 0 }
)GO";

// g is in TLS on amd64 (runtime/go_tls.h: MOVQ (TLS), r), in register g
// (R28) on arm64. ABI0: results live in the caller's frame, so the address
// of the result slot is the caller's SP (arm64: SP + 8, the saved-LR slot
// below it).
constexpr const char* kStackAmd64 = R"ASM(#include "textflag.h"

// func __bl_stackbounds() (lo, hi uintptr)
TEXT ·__bl_stackbounds(SB),NOSPLIT,$0-16
	MOVQ (TLS), AX
	MOVQ 0(AX), BX
	MOVQ 8(AX), CX
	MOVQ BX, lo+0(FP)
	MOVQ CX, hi+8(FP)
	RET

// func __bl_spoff() uintptr
TEXT ·__bl_spoff(SB),NOSPLIT,$0-8
	MOVQ (TLS), AX
	MOVQ 8(AX), CX
	LEAQ ret+0(FP), BX
	SUBQ BX, CX
	MOVQ CX, ret+0(FP)
	RET
)ASM";

constexpr const char* kStackArm64 = R"ASM(#include "textflag.h"

// func __bl_stackbounds() (lo, hi uintptr)
TEXT ·__bl_stackbounds(SB),NOSPLIT,$0-16
	MOVD 0(g), R0
	MOVD 8(g), R1
	MOVD R0, lo+0(FP)
	MOVD R1, hi+8(FP)
	RET

// func __bl_spoff() uintptr
TEXT ·__bl_spoff(SB),NOSPLIT,$0-8
	MOVD 8(g), R0
	MOVD $ret+0(FP), R1
	SUB R1, R0, R0
	MOVD R0, ret+0(FP)
	RET
)ASM";

// Bodyless Go declarations (the linkname'd runtime functions) need the
// package to have an assembly file on every architecture.
constexpr const char* kEmptyAsm = "// Lets bl_report.go declare functions without bodies (go:linkname).\n";

// ---------------------------------------------------------------------------
// Instrumentation

using namespace bucketlab::lang;

bool is_map_type(const Type* t) { return t && t->underlying()->kind == TypeKind::Map; }

// Visits every node once (shared nodes, e.g. a field list's type, once).
class Walker {
 public:
  template <class F>
  void run(Node* n, F&& f) {
    if (!n || !seen_.insert(n).second) return;
    f(n);
    for (Node* c : children(n)) run(c, f);
  }

 private:
  static std::vector<Node*> children(Node* n) {
    std::vector<Node*> v;
    auto add = [&](Node* c) { if (c) v.push_back(c); };
    switch (n->kind) {
      case NodeKind::CompositeLit: {
        auto* x = static_cast<CompositeLit*>(n);
        add(x->type_expr);
        for (auto* e : x->elems) add(e);
        break;
      }
      case NodeKind::KeyValueExpr: add(static_cast<KeyValueExpr*>(n)->key); add(static_cast<KeyValueExpr*>(n)->val); break;
      case NodeKind::FuncLit: add(static_cast<FuncLit*>(n)->ftype); add(static_cast<FuncLit*>(n)->body); break;
      case NodeKind::ParenExpr: add(static_cast<ParenExpr*>(n)->x); break;
      case NodeKind::SelectorExpr: add(static_cast<SelectorExpr*>(n)->x); break;
      case NodeKind::IndexExpr: add(static_cast<IndexExpr*>(n)->x); add(static_cast<IndexExpr*>(n)->index); break;
      case NodeKind::SliceExpr: {
        auto* x = static_cast<SliceExpr*>(n);
        add(x->x);
        for (auto* i : x->index) add(i);
        break;
      }
      case NodeKind::AssertExpr: add(static_cast<AssertExpr*>(n)->x); add(static_cast<AssertExpr*>(n)->type_expr); break;
      case NodeKind::TypeSwitchGuard: add(static_cast<TypeSwitchGuard*>(n)->x); break;
      case NodeKind::Operation: add(static_cast<Operation*>(n)->x); add(static_cast<Operation*>(n)->y); break;
      case NodeKind::CallExpr: {
        auto* x = static_cast<CallExpr*>(n);
        add(x->fun);
        for (auto* a : x->args) add(a);
        break;
      }
      case NodeKind::ListExpr:
        for (auto* e : static_cast<ListExpr*>(n)->elems) add(e);
        break;
      case NodeKind::ArrayType: add(static_cast<ArrayType*>(n)->len); add(static_cast<ArrayType*>(n)->elem); break;
      case NodeKind::SliceType: add(static_cast<SliceType*>(n)->elem); break;
      case NodeKind::DotsType: add(static_cast<DotsType*>(n)->elem); break;
      case NodeKind::StructType:
        for (auto* f : static_cast<StructType*>(n)->fields) add(f);
        break;
      case NodeKind::InterfaceType:
        for (auto* f : static_cast<InterfaceType*>(n)->methods) add(f);
        break;
      case NodeKind::FuncType: {
        auto* x = static_cast<FuncType*>(n);
        for (auto* f : x->params) add(f);
        for (auto* f : x->results) add(f);
        break;
      }
      case NodeKind::MapType: add(static_cast<MapType*>(n)->key); add(static_cast<MapType*>(n)->val); break;
      case NodeKind::ChanType: add(static_cast<ChanType*>(n)->elem); break;
      case NodeKind::Field: add(static_cast<Field*>(n)->type); break;
      case NodeKind::LabeledStmt: add(static_cast<LabeledStmt*>(n)->stmt); break;
      case NodeKind::BlockStmt:
        for (auto* s : static_cast<BlockStmt*>(n)->list) add(s);
        break;
      case NodeKind::ExprStmt: add(static_cast<ExprStmt*>(n)->x); break;
      case NodeKind::SendStmt: add(static_cast<SendStmt*>(n)->chan); add(static_cast<SendStmt*>(n)->value); break;
      case NodeKind::DeclStmt:
        for (auto* d : static_cast<DeclStmt*>(n)->decls) add(d);
        break;
      case NodeKind::AssignStmt: add(static_cast<AssignStmt*>(n)->lhs); add(static_cast<AssignStmt*>(n)->rhs); break;
      case NodeKind::CallStmt: add(static_cast<CallStmt*>(n)->call); break;
      case NodeKind::ReturnStmt: add(static_cast<ReturnStmt*>(n)->results); break;
      case NodeKind::IfStmt: {
        auto* x = static_cast<IfStmt*>(n);
        add(x->init); add(x->cond); add(x->then); add(x->else_);
        break;
      }
      case NodeKind::ForStmt: {
        auto* x = static_cast<ForStmt*>(n);
        add(x->init); add(x->cond); add(x->post); add(x->body);
        break;
      }
      case NodeKind::RangeClause: add(static_cast<RangeClause*>(n)->lhs); add(static_cast<RangeClause*>(n)->x); break;
      case NodeKind::SwitchStmt: {
        auto* x = static_cast<SwitchStmt*>(n);
        add(x->init); add(x->tag);
        for (auto* c : x->body) add(c);
        break;
      }
      case NodeKind::CaseClause: {
        auto* x = static_cast<CaseClause*>(n);
        add(x->cases);
        for (auto* s : x->body) add(s);
        break;
      }
      case NodeKind::CommClause: {
        auto* x = static_cast<CommClause*>(n);
        add(x->comm);
        for (auto* s : x->body) add(s);
        break;
      }
      case NodeKind::SelectStmt:
        for (auto* c : static_cast<SelectStmt*>(n)->body) add(c);
        break;
      case NodeKind::ConstDecl: add(static_cast<ConstDecl*>(n)->type); add(static_cast<ConstDecl*>(n)->values); break;
      case NodeKind::TypeDecl: add(static_cast<TypeDecl*>(n)->type); break;
      case NodeKind::VarDecl: add(static_cast<VarDecl*>(n)->type); add(static_cast<VarDecl*>(n)->values); break;
      case NodeKind::FuncDecl: add(static_cast<FuncDecl*>(n)->body); break;
      case NodeKind::File:
        for (auto* d : static_cast<File*>(n)->decls) add(d);
        break;
      default:
        break;
    }
    return v;
  }
  std::unordered_set<Node*> seen_;
};

struct Edit {
  std::size_t offset = 0;
  bool open = false;      // an opening insertion (else a closing one)
  std::size_t span = 0;   // length of the wrapped text: orders insertions at one offset
  std::string text;
};

// Byte offset of each line start.
std::vector<std::size_t> line_starts(std::string_view s) {
  std::vector<std::size_t> v{0};
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n') v.push_back(i + 1);
  return v;
}

}  // namespace

std::optional<Instrumented> instrument(std::string_view source, std::string& error, std::string* plain_out) {
  Instrumented r;
  // compile_front's rule: a whole program starts with `package`.
  if (is_whole_program(source)) {
    r.plain.assign(source);
  } else {
    WrappedSnippet w = wrap_snippet(source);
    r.plain = std::move(w.text);
    r.line_map = std::move(w.line_map);
  }
  if (plain_out) *plain_out = r.plain;
  FrontResult fr = compile_front(r.plain, runtime::GoVersion::go1_19());
  if (!fr.ok()) {
    std::vector<Diagnostic> ds = fr.diagnostics;
    if (!r.line_map.empty())
      for (auto& d : ds) {
        const std::uint32_t l = d.line && d.line <= r.line_map.size() ? r.line_map[d.line - 1] : 0;
        if (l) d.line = l;
      }
    error = format_diagnostics(ds);
    return std::nullopt;
  }

  const std::string& text = r.plain;
  const std::vector<std::size_t> starts = line_starts(text);
  auto offset_of = [&](Pos p) -> std::size_t {
    return p.line >= 1 && p.line <= starts.size() ? starts[p.line - 1] + (p.col ? p.col - 1 : 0) : text.size();
  };
  // Token boundaries, to find the `)` that closes a call.
  struct TokAt { std::size_t offset, end; Tok tok; };
  std::vector<TokAt> toks;
  {
    Lexer lx(text, [](std::uint32_t, std::uint32_t, const std::string&) {});
    for (lx.next(); lx.tok != Tok::EOF_; lx.next()) toks.push_back({lx.offset, lx.end_offset, lx.tok});
  }
  auto closing_paren = [&](std::size_t lparen) -> std::size_t {
    auto it = std::lower_bound(toks.begin(), toks.end(), lparen,
                               [](const TokAt& t, std::size_t o) { return t.offset < o; });
    int depth = 0;
    for (; it != toks.end(); ++it) {
      if (it->tok == Tok::Lparen) ++depth;
      if (it->tok == Tok::Rparen && --depth == 0) return it->end;
    }
    return std::string::npos;
  };
  auto workload_pos = [&](Pos p) -> Pos {
    if (r.line_map.empty()) return p;
    const std::uint32_t l = p.line && p.line <= r.line_map.size() ? r.line_map[p.line - 1] : 0;
    return {l, p.col};
  };

  std::vector<Edit> edits;
  struct Found { std::size_t begin, end; const Type* type; Pos pos; bool elided; };
  std::vector<Found> found;
  FuncDecl* main_decl = nullptr;
  for (Decl* d : fr.program->file->decls)
    if (auto* f = as<FuncDecl>(d); f && !f->recv && f->name && f->name->value == "main" && f->body) main_decl = f;
  Walker w;
  w.run(fr.program->file, [&](Node* n) {
    if (auto* c = as<CallExpr>(n)) {
      if (c->call_kind == CallKind::Builtin && c->builtin == BuiltinId::Make && is_map_type(c->type)) {
        const std::size_t b = offset_of(start_pos(c)), e = closing_paren(offset_of(c->pos));
        if (e != std::string::npos) found.push_back({b, e, c->type, start_pos(c), false});
      }
    } else if (auto* l = as<CompositeLit>(n)) {
      if (is_map_type(l->type)) {
        const bool elided = l->type_expr == nullptr;
        const std::size_t b = offset_of(elided ? l->pos : start_pos(l)), e = offset_of(l->rbrace) + 1;
        found.push_back({b, e, l->type, elided ? l->pos : start_pos(l), elided});
      }
    }
  });
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.begin < b.begin; });
  for (const Found& f : found) {
    const std::size_t site = r.sites.size();
    const Pos wp = workload_pos(f.pos);
    r.sites.push_back({wp.line, wp.col, type_string(f.type)});
    // An elided literal ({...} inside another literal) gets its type written out.
    edits.push_back({f.begin, true, f.end - f.begin, "__bl_track(" + (f.elided ? type_string(f.type) : "")});
    edits.push_back({f.end, false, f.end - f.begin, ", " + std::to_string(site) + ")"});
  }
  if (main_decl) {
    const std::size_t b = offset_of(main_decl->body->pos) + 1;  // just past `{`
    edits.push_back({b, true, 0, " defer __bl_report(__bl_spoff()); if __bl_begin() { return };"});
  } else {
    error = "no func main";
    return std::nullopt;
  }
  // At one offset: closings before openings; inner closings first; outer openings first.
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    if (a.offset != b.offset) return a.offset < b.offset;
    if (a.open != b.open) return !a.open;
    return a.open ? a.span > b.span : a.span < b.span;
  });
  std::string out;
  out.reserve(text.size() + edits.size() * 16);
  std::size_t at = 0;
  for (const Edit& e : edits) {
    out.append(text, at, e.offset - at);
    out += e.text;
    at = e.offset;
  }
  out.append(text, at, std::string::npos);
  r.main_go = std::move(out);
  return r;
}

std::vector<std::pair<std::string, std::string>> support_files() {
  return {{"bl_report.go", kSupportGo},         {"bl_stack.go", kStackDeclGo},
          {"bl_stack_other.go", kStackOtherGo}, {"bl_stack_amd64.s", kStackAmd64},
          {"bl_stack_arm64.s", kStackArm64},    {"bl_empty.s", kEmptyAsm}};
}

// ---------------------------------------------------------------------------
// Report parsing

namespace {

bool parse_u64s(const std::string& line, std::vector<std::uint64_t>& v) {
  std::istringstream in(line);
  std::string word;
  in >> word;  // the tag
  v.clear();
  std::uint64_t x;
  while (in >> x) v.push_back(x);
  return in.eof();
}

bool parse_mem(const std::vector<std::uint64_t>& v, GoMemStats& m) {
  if (v.size() != 12) return false;
  m.Mallocs = v[0]; m.Frees = v[1]; m.HeapObjects = v[2]; m.HeapAlloc = v[3]; m.TotalAlloc = v[4];
  m.HeapInuse = v[5]; m.HeapSys = v[6]; m.HeapIdle = v[7]; m.HeapReleased = v[8]; m.NextGC = v[9];
  m.NumGC = static_cast<std::uint32_t>(v[10]); m.NumForcedGC = static_cast<std::uint32_t>(v[11]);
  return true;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool parse_report(std::string_view out, const std::vector<MapSite>& sites, GoReference& ref, std::string& error) {
  const std::size_t m = out.rfind(kMarker);
  if (m == std::string_view::npos) {
    error = "the Go program printed no report (did the workload exit through os.Exit?)";
    return false;
  }
  ref = GoReference{};
  ref.stdout_text.assign(out.substr(0, m));
  std::istringstream in(std::string(out.substr(m + std::strlen(kMarker))));
  std::string line;
  std::vector<std::uint64_t> v;
  bool have_hashkey = false, have_end = false, have_gc = false, done = false;
  std::vector<std::pair<bool, std::uint64_t>> addrs;  // (stack, address or stack offset) per map
  std::vector<std::uint64_t> bucket_addrs;             // hmap.buckets per map
  auto bad = [&](const std::string& why) {
    error = "malformed vs-go report (" + why + "): " + line.substr(0, 200);
    return false;
  };
  while (std::getline(in, line)) {
    const std::string tag = line.substr(0, line.find(' '));
    if (tag == "hashkey") {
      if (!parse_u64s(line, v) || v.size() != 4) return bad("hashkey");
      for (int i = 0; i < 4; ++i) ref.hashkey[i] = v[i];
      have_hashkey = true;
    } else if (tag == "mem_start") {
      if (!parse_u64s(line, v) || !parse_mem(v, ref.at_start)) return bad("mem_start");
    } else if (tag == "mem_end") {
      if (!parse_u64s(line, v) || !parse_mem(v, ref.at_end)) return bad("mem_end");
      have_end = true;
    } else if (tag == "mem_gc") {
      if (!parse_u64s(line, v) || !parse_mem(v, ref.after_gc)) return bad("mem_gc");
      have_gc = true;
    } else if (tag == "map") {
      if (!parse_u64s(line, v) || v.size() != 19) return bad("map");
      GoMapState s;
      const std::uint64_t site = v[1];
      if (v[0] != ref.maps.size() || site >= sites.size()) return bad("map index or site");
      s.line = sites[site].line;
      s.col = sites[site].col;
      s.type = sites[site].type;
      s.stack = v[2] != 0;
      s.frame_live = v[3] != 0;
      s.hash0_at_make = static_cast<std::uint32_t>(v[4]);
      s.hash0_final = static_cast<std::uint32_t>(v[5]);
      s.count = static_cast<std::int64_t>(v[6]);
      s.B = static_cast<std::uint8_t>(v[7]);
      s.flags = static_cast<std::uint8_t>(v[8]);
      s.noverflow = static_cast<std::uint16_t>(v[9]);
      s.nevacuate = v[10];
      s.growing = v[11] != 0;
      s.bucketsize = static_cast<std::uint16_t>(v[12]);
      s.keysize = static_cast<std::uint8_t>(v[13]);
      s.elemsize = static_cast<std::uint8_t>(v[14]);
      s.maptype_flags = static_cast<std::uint32_t>(v[15]);
      s.freed = v[17] != 0;
      addrs.emplace_back(s.stack, v[16]);
      bucket_addrs.push_back(v[18]);
      ref.maps.push_back(std::move(s));
    } else if (tag == "tophash") {
      if (ref.maps.empty()) return bad("tophash before map");
      const std::string hex = line.size() > 8 ? line.substr(8) : std::string();
      if (hex.size() % 16) return bad("tophash length");
      auto& th = ref.maps.back().tophash;
      th.reserve(hex.size() / 2);
      for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = hexval(hex[i]), lo = hexval(hex[i + 1]);
        if (hi < 0 || lo < 0) return bad("tophash digit");
        th.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
      }
    } else if (tag == "chains") {
      if (ref.maps.empty() || !parse_u64s(line, v)) return bad("chains");
      auto& mp = ref.maps.back();
      if (v.size() * 8 != mp.tophash.size()) return bad("chains count");
      for (auto c : v) mp.chain_len.push_back(static_cast<std::uint32_t>(c));
    } else if (tag == "intact") {
      // 0: freed by a sweep while it was read (a torn read): dead, not compared
      if (ref.maps.empty() || !parse_u64s(line, v) || v.size() != 1) return bad("intact");
      if (v[0] == 0) ref.maps.back().freed = true;
    } else if (tag == "dropped") {
      if (!parse_u64s(line, v) || v.size() != 1) return bad("dropped");
      ref.dropped_maps = v[0];
    } else if (tag == "end") {
      done = true;
      break;
    } else {
      return bad("unknown line");
    }
  }
  if (!done || !have_hashkey || !have_end || !have_gc) {
    error = "incomplete vs-go report (the Go program stopped while reporting)";
    return false;
  }
  // A map whose memory a later map took over (a collected heap map, a stack
  // slot of a loop body) is dead; what was read there is the later map.
  {
    std::set<std::pair<bool, std::uint64_t>> later;
    for (std::size_t i = addrs.size(); i-- > 0;)
      if (!later.insert(addrs[i]).second) ref.maps[i].superseded = true;
    // Likewise a bucket array a later map now uses (the dead map's array was
    // freed and reused).
    std::set<std::uint64_t> later_buckets;
    for (std::size_t i = bucket_addrs.size(); i-- > 0;)
      if (bucket_addrs[i] != 0 && !later_buckets.insert(bucket_addrs[i]).second) ref.maps[i].superseded = true;
  }
  const GoMemStats& g = ref.after_gc;
  ref.Mallocs = g.Mallocs; ref.Frees = g.Frees; ref.HeapObjects = g.HeapObjects; ref.HeapAlloc = g.HeapAlloc;
  ref.TotalAlloc = g.TotalAlloc; ref.HeapInuse = g.HeapInuse; ref.HeapSys = g.HeapSys; ref.NextGC = g.NextGC;
  ref.NumGC = g.NumGC;
  return true;
}

std::string map_go_positions(std::string_view text, const std::vector<std::uint32_t>& line_map) {
  if (line_map.empty()) return std::string(text);
  std::string out;
  const std::string_view key = "main.go:";
  std::size_t at = 0;
  for (;;) {
    std::size_t k = text.find(key, at);
    if (k == std::string_view::npos) break;
    std::size_t b = k;  // drop a "./" or directory prefix of main.go
    while (b > at && text[b - 1] != ' ' && text[b - 1] != '\n' && text[b - 1] != '\t') --b;
    std::size_t p = k + key.size(), q = p;
    std::uint64_t ln = 0;
    while (q < text.size() && q - p < 9 && text[q] >= '0' && text[q] <= '9') ln = ln * 10 + (text[q++] - '0');
    const std::uint32_t mapped = q > p && ln >= 1 && ln <= line_map.size() ? line_map[ln - 1] : 0;
    out.append(text, at, b - at);
    if (mapped) {
      out += std::to_string(mapped);
      at = q;
    } else {
      out.append(text, b, q - b);
      at = q;
    }
  }
  out.append(text, at, std::string_view::npos);
  return out;
}

// ---------------------------------------------------------------------------
// Running Go

namespace {

struct ProcResult {
  int status = -1;     // exit status; -1: could not run; 128+N: killed by signal N
  bool timed_out = false;
};

// Runs argv in dir with env, stdout and stderr to files, killing it after
// timeout_s seconds.
ProcResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                       const fs::path& dir, const fs::path& out, const fs::path& err, int timeout_s) {
  ProcResult r;
  std::vector<char*> av, ev;
  for (const auto& a : argv) av.push_back(const_cast<char*>(a.c_str()));
  av.push_back(nullptr);
  for (const auto& e : env) ev.push_back(const_cast<char*>(e.c_str()));
  ev.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return r;
  if (pid == 0) {
    const int fo = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int fe = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int fi = ::open("/dev/null", O_RDONLY);
    if (fo < 0 || fe < 0 || fi < 0 || ::chdir(dir.c_str()) != 0) ::_exit(127);
    ::dup2(fi, 0);
    ::dup2(fo, 1);
    ::dup2(fe, 2);
    ::setpgid(0, 0);  // its own group, so a timeout kills the go command's children too
    ::execve(av[0], av.data(), ev.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int st = 0;
  for (;;) {
    const pid_t w = ::waitpid(pid, &st, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) return r;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &st, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
  return r;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The caller's environment without the variables that would change the
// Go run (or the build) behind the model's back, then `add`.
std::vector<std::string> environment(const std::vector<std::string>& add) {
  static const char* const drop[] = {"GOGC", "GOMEMLIMIT", "GODEBUG", "GOMAXPROCS", "GOFLAGS", "GOCACHE",
                                     "GOPATH", "GOROOT", "GOTOOLCHAIN", "GOPROXY", "GOENV", "GOWORK",
                                     "GO111MODULE", "CGO_ENABLED", "GOARCH", "GOOS", "GOAMD64", "GOEXPERIMENT"};
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string s(*e);
    const std::string name = s.substr(0, s.find('='));
    bool skip = false;
    for (const char* d : drop) skip = skip || name == d;
    for (const auto& a : add) skip = skip || a.substr(0, a.find('=')) == name;
    if (!skip) env.push_back(s);
  }
  env.insert(env.end(), add.begin(), add.end());
  return env;
}

// Keeps the tail of a long message.
std::string tail(const std::string& s, std::size_t n = 8000) {
  return s.size() <= n ? s : "..." + s.substr(s.size() - n);
}

// Go's build output without the "# package" header lines.
std::string build_messages(const std::string& err, const std::vector<std::uint32_t>& line_map) {
  std::istringstream in(err);
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind("# ", 0) != 0) out += line + "\n";
  return map_go_positions(tail(out), line_map);
}

// The seeds `ref` drew, without its maps' bucket contents.
GoRunSeeds seeds_of(const GoReference& ref) {
  GoRunSeeds s;
  for (int k = 0; k < 4; ++k) s.hashkey[k] = ref.hashkey[k];
  s.maps = ref.maps;
  for (auto& m : s.maps) {
    m.tophash = {};
    m.chain_len = {};
  }
  return s;
}
}  // namespace

std::optional<GoReference> run_under_go(std::string_view source, std::string& error, const std::string& go_binary,
                                         const std::vector<std::string>& extra_env) {
  error.clear();
  if (::access(go_binary.c_str(), X_OK) != 0) {
    error = "Go toolchain not found: " + go_binary;
    return std::nullopt;
  }
  const char* bd = std::getenv("BUCKETLAB_BUILD_DIR");
  const fs::path base = bd && *bd ? fs::path(bd) / "go-vsgo" : fs::temp_directory_path() / "bucketlab-vsgo";
  std::error_code ec;
  fs::create_directories(base, ec);
  std::string tmpl = (base / "run-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) {
    error = "cannot create a directory under " + base.string() + ": " + std::strerror(errno);
    return std::nullopt;
  }
  const fs::path dir = tmpl;
  struct Cleanup {
    fs::path d;
    // BUCKETLAB_VSGO_KEEP=1 keeps the program and Go's report (run.out) for a diagnosis.
    ~Cleanup() {
      const char* keep = std::getenv("BUCKETLAB_VSGO_KEEP");
      if (keep && *keep == '1') return;
      std::error_code e;
      fs::remove_all(d, e);
    }
  } cleanup{dir};

  const std::vector<std::string> build_env = environment({
      "GOCACHE=" + (base / "gocache").string(), "GOPATH=" + (base / "gopath").string(), "GOTOOLCHAIN=local",
      "GOPROXY=off", "GOFLAGS=-mod=mod", "GO111MODULE=on", "GOWORK=off", "GOENV=off", "CGO_ENABLED=0"});
  auto build = [&](const std::vector<std::pair<std::string, std::string>>& files, std::string& messages) -> bool {
    std::ofstream(dir / "go.mod") << "module bucketlabvsgo\n\ngo 1.19\n";
    for (const auto& [name, text] : files) std::ofstream(dir / name, std::ios::binary) << text;
    const ProcResult p = run_process({go_binary, "build", "-o", "prog", "."}, build_env, dir, dir / "build.out",
                                     dir / "build.err", 600);
    messages = slurp(dir / "build.out") + slurp(dir / "build.err");
    if (p.timed_out) messages += "\n(go build timed out)";
    return p.status == 0;
  };

  std::string plain;
  std::string front_error;
  std::optional<Instrumented> ins = instrument(source, front_error, &plain);
  if (!ins) {
    // Let Go word the error when it rejects the program too.
    std::string messages;
    std::vector<std::uint32_t> line_map;
    if (!is_whole_program(source)) line_map = wrap_snippet(source).line_map;
    if (!build({{"main.go", plain}}, messages)) {
      error = "go build failed:\n" + build_messages(messages, line_map);
    } else {
      error = "bucketlab's front end refused the workload (Go accepts it):\n" + front_error;
    }
    return std::nullopt;
  }
  // BUCKETLAB_VSGO_REPLAY=DIR: compare against a kept run's report (DIR from
  // BUCKETLAB_VSGO_KEEP=1) instead of a new Go run, to diagnose one run's seeds.
  if (const char* replay = std::getenv("BUCKETLAB_VSGO_REPLAY"); replay && *replay) {
    GoReference ref, base;
    if (!parse_report(slurp(fs::path(replay) / "run.out"), ins->sites, ref, error)) return std::nullopt;
    if (!parse_report(slurp(fs::path(replay) / "base.out"), ins->sites, base, error)) return std::nullopt;
    ref.repeat_after_gc.push_back(ref.after_gc);
    ref.repeat_at_start.push_back(ref.at_start);
    ref.repeat_seeds.push_back(seeds_of(ref));
    ref.baseline_after_gc.push_back(base.after_gc);
    return ref;
  }
  auto files = support_files();
  files.emplace_back("main.go", ins->main_go);
  std::string messages;
  if (!build(files, messages)) {
    error = "go build failed:\n" + build_messages(messages, ins->line_map);
    return std::nullopt;
  }
  std::vector<std::string> run_add = {"GODEBUG=cpu.aes=off", "GOMAXPROCS=1"};
  run_add.insert(run_add.end(), extra_env.begin(), extra_env.end());
  const ProcResult p =
      run_process({(dir / "prog").string()}, environment(run_add), dir, dir / "run.out", dir / "run.err", 600);
  const std::string out = slurp(dir / "run.out");
  if (p.status != 0) {
    error = "the workload failed under Go (" +
            (p.timed_out ? std::string("timed out") : "exit status " + std::to_string(p.status)) + "):\n" +
            map_go_positions(tail(slurp(dir / "run.err")), ins->line_map);
    return std::nullopt;
  }
  GoReference ref;
  if (!parse_report(out, ins->sites, ref, error)) return std::nullopt;
  // The workload again, for Go's run-to-run spread of the live heap after
  // the final GC and of Mallocs/TotalAlloc (the first run above is the
  // reference for everything else).
  ref.repeat_after_gc.push_back(ref.after_gc);
  ref.repeat_at_start.push_back(ref.at_start);
  ref.repeat_seeds.push_back(seeds_of(ref));
  for (int i = 1; i < kWorkloadRuns; ++i) {
    const ProcResult w =
        run_process({(dir / "prog").string()}, environment(run_add), dir, dir / "rep.out", dir / "rep.err", 600);
    GoReference again;
    std::string werr;
    if (w.status != 0 || !parse_report(slurp(dir / "rep.out"), ins->sites, again, werr)) {
      error = "a repeated run of the workload failed: " + (werr.empty() ? tail(slurp(dir / "rep.err")) : werr);
      return std::nullopt;
    }
    ref.repeat_after_gc.push_back(again.after_gc);
    ref.repeat_at_start.push_back(again.at_start);
    ref.repeat_seeds.push_back(seeds_of(again));
  }
  // The same binary doing nothing (main returns at once), a few times: the
  // live heap the runtime and the packages keep (it varies by a few objects
  // from run to run), to subtract from the workload's after-GC figures.
  std::vector<std::string> base_add = run_add;
  base_add.push_back("BUCKETLAB_VSGO_BASELINE=1");
  for (int i = 0; i < kBaselineRuns; ++i) {
    const ProcResult b =
        run_process({(dir / "prog").string()}, environment(base_add), dir, dir / "base.out", dir / "base.err", 600);
    GoReference base;
    std::string berr;
    if (b.status != 0 || !parse_report(slurp(dir / "base.out"), ins->sites, base, berr)) {
      error = "the baseline run (BUCKETLAB_VSGO_BASELINE=1) failed: " + (berr.empty() ? tail(slurp(dir / "base.err")) : berr);
      return std::nullopt;
    }
    ref.baseline_after_gc.push_back(base.after_gc);
  }
  return ref;
}

}  // namespace bucketlab::cli
