// The compiled form of a workload: register-machine bytecode over frames of
// bytes, run by the interpreter (interp.h). Compiling once means a loop
// body is never re-walked as an AST, and an explicit frame stack makes
// execution resumable between any two instructions (step, pause, budgets).
//
// Values in a frame (every slot 8-byte aligned, sizes rounded up to 8):
//   scalars (bool, integers, uintptr, floats, pointers, maps) one
//     normalized 8-byte word: signed integers sign-extended, unsigned
//     zero-extended, float32 held as the double it rounds to — so 64-bit
//     ALU ops serve every width, followed by an Ext op for narrow types;
//   strings {data, len}, slices {array, len, cap}, error {tag, data}, and
//     structs/arrays in exactly Go's memory layout (so copies to and from
//     the heap are byte copies, and narrow fields are read with FLd).
//   A local that escapes (docs/lang.md, escape rule) lives in a heap cell;
//   its slot holds the cell's address.
//
// Operands are frame byte offsets unless an op says otherwise. Each
// instruction records a source position (panics are reported there) and a
// live set: the frame words holding heap pointers while it runs (the GC's
// stack map, see Compiler::live_set).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/types.h"
#include "core/lang/diagnostics.h"
#include "core/lang/stdlib.h"
#include "core/runtime/type.h"

namespace bucketlab::lang {

struct Type;
struct CheckedProgram;

// Width of a scalar in memory (loads normalize, stores truncate).
enum class W : std::uint8_t { I8, I16, I32, I64, U8, U16, U32, U64, F32, F64 };

// Package-level variables live outside the heap (Go's data/bss) at this
// simulated address; the GC ignores it, the interpreter scans it as a root.
inline constexpr Addr kGlobalBase = 0x0000000000700000;

enum class Opc : std::uint16_t {
  Nop,
  Mov,       // a ← b (8 bytes)
  MovN,      // a[0..c) ← b[0..c)
  Const,     // a ← Function::k[b]
  Zero,      // a[0..c) ← 0
  // integer ALU on 64-bit words (wrap-around)
  Add, Sub, Mul, And, Or, Xor, AndNot,
  AddK,      // a ← b + (int32)c
  DivS, DivU, RemS, RemU,  // "integer divide by zero" panic; MinInt64 / -1 wraps
  Shl, ShrS, ShrU,         // count word c as uint64 (>= 64: 0 or sign); aux=1: panic if count negative
  Neg, Not, LNot,
  Ext,       // a ← normalize(b) as W(aux) (truncate + sign/zero extend; F32: round to float)
  // floats (doubles)
  FAdd, FSub, FMul, FDiv, FNeg,
  I2F, U2F, F2I, F2U,
  // comparisons → bool word
  Eq, Ne, LtS, LeS, LtU, LeU, FEq, FNe, FLt, FLe,
  StrEq, StrNe, StrLt, StrLe,  // strings at b, c
  BlkEq,     // a ← bytes b[0..d) == c[0..d)
  // control
  Jmp,       // pc ← a
  Jt, Jf,    // if (bool)b / !b: pc ← a
  Stmt,      // statement boundary (pause point)
  Call,      // callee Program::funcs[a]; its parameters are copied from b; results to c
  Ret,
  CallLib,   // aux = LibId; a = dst, b = first arg, c = Program::lib_sites index
  // memory through the address in word b (+ byte offset d); nil → panic
  Ld,        // a ← *(b + d) as W(aux)
  LdBlk,     // a[0..c) ← bytes at (b + d)
  St,        // *(a + d) ← word b as W(aux)
  StPtr,     // *(a + d) ← pointer b (write barrier)
  StBlk,     // (a + d)[0..c) ← frame bytes b (typed: e = Program::types index for the barrier, or kNone)
  NilChk,    // panic if word a == 0
  // narrow fields inside frame-resident aggregates
  FLd,       // a ← frame byte b as W(aux)
  FSt,       // frame byte a ← word b as W(aux)
  FLdD,      // a ← frame bytes at b + word(c): W(aux) if e == 0, else e bytes (block)
  FStD,      // frame bytes at a + word(c) ← b: W(aux) if e == 0, else e bytes
  IdxChk,    // panic unless 0 <= (int64)word(b) < c (index out of range [b] with length c)
  // allocation
  New,       // a ← newobject(types[b]) (role c)
  MakeSlice, // a ← make(types[e] = elem type; len word b, cap word c (c == kNone: = len))
  // strings
  Concat,    // a ← concatstrings(c strings at b, 16 bytes apart); aux&1: result does not escape (tmpBuf)
  StrIdx,    // a ← byte of string b at index word c (bounds-checked)
  StrSlice,  // a ← b[lo:hi]: lo word c (kNone: 0), hi word d (kNone: len)
  BytesToStr,// a ← string(slice b); aux&1: does not escape; aux&2: []rune
  StrToBytes,// a ← []byte(string b); aux&2: []rune
  RuneToStr, // a ← string(rune word b)
  StrNext,   // range over string c at index word d: a ← rune, b ← next index
  // slices and arrays
  SliceIdx,  // a ← &slice(b)[word c], elem size d
  PtrIdx,    // a ← word(b) + word(c)·d, index checked against length e; nil b → panic
  Reslice,   // a ← slice b[lo:hi:max] (words c, d, e; kNone = absent); aux = elem size; aux2 in Instr::x: 1 if b is a string
  ArrSlice,  // a ← slice of the array at address word b, length Instr::x, [lo c : hi d : max e]
  Append,    // a ← append(slice at b, c values at d (frame slots of the elem type)); types[e] = elem type
  AppendSl,  // a ← append(slice b, slice-or-string c...); types[e] = elem type; aux&1: c is a string
  Copy,      // a ← copy(slice b, slice-or-string c); types[e]; aux&1: c is a string
  // maps (types[e] = the map type); one Maps call each
  MakeMap,   // a ← make(map, hint word b) (b == kNone: no hint); c: 1 + index in strings of the variable it is assigned to (0: none)
  MapLoad,   // a ← m[key c] for map word b (zero value if absent); d != kNone: ok word
  MapStore,  // m[key b] ← value c for map word a
  MapDel,    // delete(map word a, key b)
  MapClear,  // clear(map word a)
  MapLen,    // a ← len(map word b)
  IterInit,  // iterator slot c ← range over map word b
  IterNext,  // iterator slot d: done → pc ← a; else key → b, elem → c (kNone: not wanted); advances
  IterEnd,   // iterator slot c released
  // loop variables (Go 1.22): a fresh heap cell per iteration
  Renew,     // word a holds a cell of types[b]: a ← a new cell holding a copy
  // built-ins
  Print,     // print/println: c values at b with Program::lib_sites[d] types; aux&1 println
  Panic,     // panic(value at a of Program::lib_sites[b].types[0])
  PanicMsg,  // panic with Program::strings[a] (runtime error text as Go words it)
  Count
};

struct Instr {
  Opc op = Opc::Nop;
  std::uint16_t aux = 0;
  std::uint32_t a = 0, b = 0, c = 0, d = 0, e = 0;
  std::uint32_t x = 0;
};

inline constexpr std::uint32_t kNone = 0xffffffffu;

struct Function {
  std::string name;
  std::uint32_t frame_bytes = 0;   // frame size
  std::uint32_t arg_bytes = 0;     // incoming parameters (receiver first), from offset 0
  std::uint32_t result_off = 0;    // first result byte (== arg_bytes)
  std::uint32_t result_bytes = 0;
  std::uint32_t niters = 0;        // map iterator slots
  std::vector<Instr> code;
  std::vector<Pos> pos;            // per instruction
  std::vector<std::uint32_t> live; // per instruction: index into Program::live_sets
  std::vector<std::uint64_t> k;    // 64-bit constants
};

// A library call site: the static types of its arguments (fmt needs them)
// and whether the call result escapes.
struct LibSite {
  std::vector<const Type*> types;  // one per argument word block, in order
  std::vector<std::uint32_t> offs; // frame offset of each argument (relative to the first)
  bool boxed = false;              // arguments are converted to `any` (fmt, KeepAlive, panic)
  std::vector<std::uint8_t> is_const;  // per argument: a constant (boxed from read-only data, no allocation)
  bool frame_arg = false;          // ReadMemStats(&local): the argument is a frame offset, not an address
  const Type* result = nullptr;
};

struct Program {
  const CheckedProgram* checked = nullptr;
  std::vector<Function> funcs;     // funcs[0]: the entry (globals' init, init()s, main)
  std::uint32_t global_bytes = 0;
  std::vector<std::uint32_t> global_ptr_words;  // word offsets of the global area holding pointers
  std::vector<const runtime::Type*> types;
  std::vector<std::string> strings;
  std::vector<LibSite> lib_sites;
  std::vector<std::vector<std::uint32_t>> live_sets;  // frame word offsets holding pointers
};

}  // namespace bucketlab::lang
