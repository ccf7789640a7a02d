// The bytecode interpreter. See interp.h.
#include "core/lang/interp.h"

#include "core/common/go_convert.h"
#include "core/lang/fmt_pool.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/lang/checker.h"
#include "core/runtime/heap_arena.h"
#include "core/runtime/mheap.h"
#include "core/runtime/panic.h"
#include "core/runtime/runtime.h"
#include "core/runtime/slice.h"

namespace bucketlab::lang {

using runtime::GoPanic;
using runtime::GoFatal;

namespace {

inline std::uint64_t ld64(const std::uint8_t* p) { std::uint64_t v; std::memcpy(&v, p, 8); return v; }
inline void st64(std::uint8_t* p, std::uint64_t v) { std::memcpy(p, &v, 8); }
inline double ldf(const std::uint8_t* p) { double v; std::memcpy(&v, p, 8); return v; }
inline void stf(std::uint8_t* p, double v) { std::memcpy(p, &v, 8); }

std::uint64_t ext(std::uint64_t v, W w) {
  switch (w) {
    case W::I8: return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int8_t>(v)));
    case W::I16: return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int16_t>(v)));
    case W::I32: return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(v)));
    case W::U8: return v & 0xff;
    case W::U16: return v & 0xffff;
    case W::U32: return v & 0xffffffffu;
    case W::F32: {
      double d;
      std::memcpy(&d, &v, 8);
      d = static_cast<float>(d);
      std::memcpy(&v, &d, 8);
      return v;
    }
    default: return v;
  }
}
unsigned wbytes(W w) {
  switch (w) {
    case W::I8: case W::U8: return 1;
    case W::I16: case W::U16: return 2;
    case W::I32: case W::U32: case W::F32: return 4;
    default: return 8;
  }
}
// memory bytes (Go layout, width w) → normalized word
std::uint64_t from_mem(const std::uint8_t* p, W w) {
  if (w == W::F32) {
    float f;
    std::memcpy(&f, p, 4);
    double d = f;
    std::uint64_t v;
    std::memcpy(&v, &d, 8);
    return v;
  }
  std::uint64_t v = 0;
  std::memcpy(&v, p, wbytes(w));
  return ext(v, w);
}
void to_mem(std::uint8_t* p, std::uint64_t v, W w) {
  if (w == W::F32) {
    double d;
    std::memcpy(&d, &v, 8);
    const float f = static_cast<float>(d);
    std::memcpy(p, &f, 4);
    return;
  }
  std::memcpy(p, &v, wbytes(w));
}

// runtime/utf8.go encoderune: invalid code points become U+FFFD.
void encode_rune(std::int64_t r, std::string& out) {
  const std::uint32_t c = (r < 0 || r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) ? 0xfffd : static_cast<std::uint32_t>(r);
  if (c < 0x80) out += static_cast<char>(c);
  else if (c < 0x800) { out += static_cast<char>(0xc0 | (c >> 6)); out += static_cast<char>(0x80 | (c & 0x3f)); }
  else if (c < 0x10000) { out += static_cast<char>(0xe0 | (c >> 12)); out += static_cast<char>(0x80 | ((c >> 6) & 0x3f)); out += static_cast<char>(0x80 | (c & 0x3f)); }
  else { out += static_cast<char>(0xf0 | (c >> 18)); out += static_cast<char>(0x80 | ((c >> 12) & 0x3f)); out += static_cast<char>(0x80 | ((c >> 6) & 0x3f)); out += static_cast<char>(0x80 | (c & 0x3f)); }
}

// runtime/utf8.go decoderune over the m ≥ 1 bytes at p: the rune and its
// width (U+FFFD, width 1 for invalid or overlong encodings).
std::int32_t decode_rune(const unsigned char* p, std::uint64_t m, std::uint64_t& w) {
  const unsigned c0 = p[0];
  w = 1;
  auto cont = [&](std::uint64_t i) { return m > i && (p[i] & 0xc0) == 0x80; };
  std::int32_t r;
  if (c0 < 0x80) return static_cast<std::int32_t>(c0);
  if ((c0 & 0xe0) == 0xc0 && cont(1)) {
    r = static_cast<std::int32_t>(((c0 & 0x1f) << 6) | (p[1] & 0x3f));
    if (r >= 0x80) { w = 2; return r; }
  } else if ((c0 & 0xf0) == 0xe0 && cont(1) && cont(2)) {
    r = static_cast<std::int32_t>(((c0 & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f));
    if (r >= 0x800 && !(r >= 0xd800 && r < 0xe000)) { w = 3; return r; }
  } else if ((c0 & 0xf8) == 0xf0 && cont(1) && cont(2) && cont(3)) {
    r = static_cast<std::int32_t>(((c0 & 0x07) << 18) | ((p[1] & 0x3f) << 12) | ((p[2] & 0x3f) << 6) | (p[3] & 0x3f));
    if (r >= 0x10000 && r <= 0x10ffff) { w = 4; return r; }
  }
  return 0xfffd;
}

std::string idx_msg(std::int64_t i, std::int64_t len) {
  return "runtime error: index out of range [" + std::to_string(i) + "] with length " + std::to_string(len);
}
const char* kNilDeref = "runtime error: invalid memory address or nil pointer dereference";

bool is_scalar_rt(const runtime::Type* t) {
  switch (t->kind) {
    case runtime::Kind::String: case runtime::Kind::Slice: case runtime::Kind::Array: case runtime::Kind::Struct: return false;
    default: return true;
  }
}
W width_rt(const runtime::Type* t) {
  using K = runtime::Kind;
  switch (t->kind) {
    case K::Bool: case K::Uint8: return W::U8;
    case K::Int8: return W::I8;
    case K::Int16: return W::I16;
    case K::Uint16: return W::U16;
    case K::Int32: return W::I32;
    case K::Uint32: return W::U32;
    case K::Float32: return W::F32;
    case K::Float64: return W::F64;
    case K::Int: case K::Int64: return W::I64;
    default: return W::U64;
  }
}
// 8-byte scalars whose memory word is their normalized register value (no
// sign or float conversion) and that hold no pointer: int, int64, uint,
// uint64, uintptr, float64.
bool word_scalar(const runtime::Type* t) {
  using K = runtime::Kind;
  switch (t->kind) {
    case K::Int: case K::Int64: case K::Uint: case K::Uint64: case K::Uintptr: case K::Float64: return true;
    default: return false;
  }
}
// An elem of such a type in an aligned heap word: stored and loaded as the
// word itself (what write()/read() do for 8 aligned heap bytes).
inline bool word_elem(const runtime::Runtime& rt, const runtime::Type* et, Addr a) {
  return et->size == 8 && word_scalar(et) && (a & 7) == 0 && rt.is_heap_addr(a);
}
std::uint64_t fsize_rt(const runtime::Type* t) { return is_scalar_rt(t) ? 8 : align_up(std::max<std::uint64_t>(t->size, 8), 8); }

}  // namespace

Pos Interp::pos() const {
  if (frames_.empty()) return {};
  const Frame& f = frames_.back();
  return f.pc < f.fn->pos.size() ? f.fn->pos[f.pc] : Pos{};
}

void Interp::scan_roots(runtime::RootVisitor& v) {
  for (const Frame& f : frames_) {
    const std::uint32_t pc = f.pc < f.fn->live.size() ? f.pc : static_cast<std::uint32_t>(f.fn->live.size() - 1);
    if (f.fn->live.empty()) continue;
    for (std::uint32_t w : P.live_sets[f.fn->live[pc]]) v.pointer(ld64(&stack_[f.base + 8ull * w]));
    v.stack_bytes(f.fn->frame_bytes);
  }
  for (std::uint32_t w : P.global_ptr_words) v.pointer(ld64(&globals_[8ull * w]));
  for (auto& it : iters_)
    if (it) it->scan_roots(v);
  if (fmt_pool_) fmt_pool_->scan_roots(v);
}

// ---------------------------------------------------------------------------
// memory

void Interp::read(Addr a, void* out, std::uint64_t n) const {
  if (n == 0) return;
  if (a - kGlobalBase < globals_.size()) {
    std::memcpy(out, &globals_[a - kGlobalBase], n);
    return;
  }
  if (a == 0) throw GoPanic(kNilDeref);
  if (n == 8 && (a & 7) == 0 && rt_.is_heap_addr(a)) {  // one aligned heap word: no ranged copy
    const std::uint64_t v = rt_.load_u64(a);
    std::memcpy(out, &v, 8);
    return;
  }
  rt_.read_bytes(a, out, n);
}

void Interp::write(Addr a, const void* in, std::uint64_t n) {
  if (n == 0) return;
  if (a - kGlobalBase < globals_.size()) {
    std::memcpy(&globals_[a - kGlobalBase], in, n);
    return;
  }
  if (a == 0) throw GoPanic(kNilDeref);
  if (!rt_.is_heap_addr(a)) {
    if (a == runtime::kZeroBaseAddr) return;
    throw GoFatal("unexpected write to read-only memory");
  }
  if (n == 8 && (a & 7) == 0) {  // one aligned word: the same bytes and page touch as write_bytes
    std::uint64_t v;
    std::memcpy(&v, in, 8);
    rt_.store_u64(a, v);
    return;
  }
  rt_.write_bytes(a, in, n);
}

std::string Interp::read_string(const std::uint8_t* hdr) const {
  const Addr d = ld64(hdr);
  const std::uint64_t n = ld64(hdr + 8);
  std::string s(n, '\0');
  if (n) read(d, s.data(), n);
  return s;
}

Addr Interp::alloc_string(const std::string& s, bool noescape) {
  if (s.empty()) return 0;
  if (noescape && s.size() <= runtime::kTmpStringBufSize) return rt_.stack_tmp_string(s);
  const Addr a = rt_.mallocgc(s.size(), nullptr, false, roles_.string);  // rawstring: noscan, not zeroed
  rt_.write_bytes(a, s.data(), s.size());
  return a;
}

// typedmemmove: pointer words through the write barrier
void Interp::typed_store(Addr dst, const std::uint8_t* src, std::uint64_t n, std::uint32_t type_index) {
  if (type_index != kNone && rt_.gc_phase() == runtime::GcPhase::Mark && rt_.is_heap_addr(dst)) {
    const runtime::Type* t = P.types[type_index];
    for (std::uint64_t w = 0; w * 8 < t->ptrdata; ++w)
      if (t->is_pointer_word(w)) rt_.store_pointer(dst + 8 * w, ld64(src + 8 * w));
  }
  write(dst, src, n);
}

void Interp::store_elem(Addr dst, const std::uint8_t* v, const runtime::Type* et) {
  // 8-byte non-pointer scalars (int64, uint64, float64...) into an aligned
  // heap word: what write() does for them (the word as is, one store with
  // its page touch), without the width and address-space dispatch.
  if (word_elem(rt_, et, dst)) {
    rt_.store_u64(dst, ld64(v));
    return;
  }
  if (is_scalar_rt(et)) {
    std::uint8_t b[8];
    to_mem(b, ld64(v), width_rt(et));
    if (et->kind == runtime::Kind::Pointer || et->kind == runtime::Kind::Map) {
      if (rt_.is_heap_addr(dst)) { rt_.store_pointer(dst, ld64(v)); return; }
    }
    write(dst, b, et->size);
    return;
  }
  typed_store(dst, v, et->size, kNone);
  if (et->has_pointers() && rt_.gc_phase() == runtime::GcPhase::Mark && rt_.is_heap_addr(dst))
    for (std::uint64_t w = 0; w * 8 < et->ptrdata; ++w)
      if (et->is_pointer_word(w)) rt_.store_pointer(dst + 8 * w, ld64(v + 8 * w));
}

void Interp::load_elem(std::uint8_t* v, Addr src, const runtime::Type* et) {
  if (word_elem(rt_, et, src)) {  // as read() + from_mem
    st64(v, rt_.load_u64(src));
    return;
  }
  if (is_scalar_rt(et)) {
    std::uint8_t b[8] = {0};
    read(src, b, et->size);
    st64(v, from_mem(b, width_rt(et)));
    return;
  }
  read(src, v, et->size);
}

// ---------------------------------------------------------------------------
// calls

void Interp::enter(std::uint32_t fi, const std::uint8_t* args, std::uint32_t ret_dst) {
  const Function& callee = P.funcs[fi];
  const Frame& cur = frames_.back();
  const std::uint64_t base = cur.base + cur.fn->frame_bytes;
  const std::uint64_t need = base + callee.frame_bytes;
  if (need > stack_.size()) {
    if (need > limits_stack_) throw GoFatal("stack overflow");
    std::uint64_t n = stack_.size();
    while (n < need) n *= 2;
    const std::ptrdiff_t args_off = args - stack_.data();
    stack_.resize(n, 0);
    args = stack_.data() + args_off;
  }
  std::memset(&stack_[base], 0, callee.frame_bytes);
  std::memcpy(&stack_[base], args, callee.arg_bytes);
  Frame f{&callee, 0, base, ret_dst, static_cast<std::uint32_t>(iters_.size())};
  iters_.resize(iters_.size() + callee.niters);
  frames_.push_back(f);
}

// ---------------------------------------------------------------------------
// simulated time (core/runtime/cost_model.h)

void Interp::charge_map_op(MapOp op, const runtime::Type* mt, std::int64_t n) {
  using runtime::CostKind;
  // The compiler's choice (walk.go mapfast): faststr for string keys,
  // fast32/fast64 for 4/8-byte plain-memory keys, the generic functions
  // otherwise or when the elem is over 128 bytes.
  const runtime::Type* k = mt->key;
  int cls = 2;  // generic
  if (mt->elem->size <= 128) {
    if (k->kind == runtime::Kind::String) cls = 1;
    else if ((k->size == 8 || k->size == 4) &&
             (k->kind <= runtime::Kind::Uintptr || k->kind == runtime::Kind::Pointer || k->is_plain_memory()))
      cls = 0;  // integers and pointers are plain memory: skip the out-of-line walk
  }
  static constexpr CostKind kBase[3][3] = {
      {CostKind::MapAccess64, CostKind::MapAccessStr, CostKind::MapAccessGeneric},
      {CostKind::MapAssign64, CostKind::MapAssignStr, CostKind::MapAssignGeneric},
      {CostKind::MapDelete64, CostKind::MapDeleteStr, CostKind::MapDeleteGeneric}};
  rt_.charge(kBase[static_cast<int>(op)][cls]);
  // Cache misses: the chance that the entry's bucket is not in L1 / L2,
  // from the table's approximate size (a load of ~5/8 over key, elem and
  // tophash bytes), in 1/1024 units.
  if (n <= 0) return;
  const std::uint64_t w = static_cast<std::uint64_t>(n) * (k->size + mt->elem->size + 1) * 8 / 5;
  const runtime::CostMachine& mc = rt_.clock().table().machine;
  const bool str = cls == 1;
  if (w > mc.l1_bytes) rt_.charge(str ? CostKind::MapMissL1Str : CostKind::MapMissL1, 1024 * (w - mc.l1_bytes) / w);
  if (w > mc.l2_bytes) rt_.charge(str ? CostKind::MapMissL2Str : CostKind::MapMissL2, 1024 * (w - mc.l2_bytes) / w);
}

// The growth work a map operation did, from the events the maps emitted:
// hashGrow, each evacuated old bucket, each new overflow bucket (classic);
// a table rehash or split, per 8 slots moved (Swiss).
// "Step map op" names the key it stopped after by its hash (the map view
// finds the slot holding that hash). After a delete that emptied the map,
// Go has reseeded it: the hash is then under the new seed.
void Interp::log_map_op(MapOp op, const runtime::Type* mt, Addr m, const void* key) {
  if (m == kNil) return;
  const std::int64_t id = maps_.id_of(m);
  if (id < 0) return;
  const std::uint64_t h = maps_.key_hash(mt, m, key);
  rt_.events().emit(EventKind::MapOp, static_cast<std::uint64_t>(id), static_cast<std::uint64_t>(op), h >> 32, h & 0xffffffffu);
}

void Interp::charge_map_events() {
  using runtime::CostKind;
  const EventLog& log = rt_.events();
  const std::uint64_t total = log.total();
  const auto& ev = log.events();
  std::uint64_t fresh = total - events_seen_;
  if (fresh > ev.size()) fresh = ev.size();
  for (std::size_t i = ev.size() - fresh; i < ev.size(); ++i) {
    const Event& e = ev[i];
    switch (e.kind) {
      case EventKind::MapGrowStart: rt_.charge(CostKind::MapGrow); break;
      case EventKind::MapEvacuate: rt_.charge(CostKind::MapEvacuate); break;
      case EventKind::MapOverflowAlloc: rt_.charge(CostKind::MapOverflow); break;
      case EventKind::SwissTableGrow:
        rt_.charge(CostKind::MapGrow);
        rt_.charge(CostKind::MapEvacuate, e.a2 / 8);
        break;
      case EventKind::SwissTableSplit:
        rt_.charge(CostKind::MapGrow);
        rt_.charge(CostKind::MapEvacuate, 1024 / 8);  // a split table is full: maxTableCapacity slots
        break;
      default: break;
    }
  }
  events_seen_ = total;
}

// ---------------------------------------------------------------------------
// the loop

// Native GCC/clang: the loop jumps through a table of label addresses
// (computed goto) instead of the switch's range-checked jump table; the
// cases are the same code either way. Emscripten keeps the switch (wasm has
// no indirect goto: clang would lower it to a switch again). The compiler
// only emits valid opcodes, so the table needs no range check.
#if defined(__GNUC__) && !defined(__EMSCRIPTEN__)
#define BUCKETLAB_THREADED_DISPATCH 1
#define OP_LABEL(name) L_##name:
#else
#define BUCKETLAB_THREADED_DISPATCH 0
#define OP_LABEL(name)
#endif

Stop Interp::run(const RunLimits& lim) {
  if (frames_.empty()) return exit_status_ ? Stop::Panicked : Stop::Done;
  max_output_ = lim.max_output_bytes;
  limits_stack_ = lim.max_stack_bytes;
  // The first instruction of this call is the one that takes ops_ to
  // ops0 + 1 (every instruction counts one), so no per-instruction flag.
  const std::uint64_t ops0 = ops_;
  const std::uint64_t max_ops = lim.max_ops;  // a local: stores to ops_ may not alias it
#define PC static_cast<std::uint32_t>(ip - code)
#if BUCKETLAB_THREADED_DISPATCH
  static const void* const kDispatch[] = {&&L_Nop, &&L_Mov, &&L_MovN, &&L_Const, &&L_Zero, &&L_Add, &&L_Sub, &&L_Mul, &&L_And, &&L_Or, &&L_Xor, &&L_AndNot, &&L_AddK, &&L_DivS, &&L_DivU, &&L_RemS, &&L_RemU, &&L_Shl, &&L_ShrS, &&L_ShrU, &&L_Neg, &&L_Not, &&L_LNot, &&L_Ext, &&L_FAdd, &&L_FSub, &&L_FMul, &&L_FDiv, &&L_FNeg, &&L_I2F, &&L_U2F, &&L_F2I, &&L_F2U, &&L_Eq, &&L_Ne, &&L_LtS, &&L_LeS, &&L_LtU, &&L_LeU, &&L_FEq, &&L_FNe, &&L_FLt, &&L_FLe, &&L_StrEq, &&L_StrNe, &&L_StrLt, &&L_StrLe, &&L_BlkEq, &&L_Jmp, &&L_Jt, &&L_Jf, &&L_Stmt, &&L_Call, &&L_Ret, &&L_CallLib, &&L_Ld, &&L_LdBlk, &&L_St, &&L_StPtr, &&L_StBlk, &&L_NilChk, &&L_FLd, &&L_FSt, &&L_FLdD, &&L_FStD, &&L_IdxChk, &&L_New, &&L_MakeSlice, &&L_Concat, &&L_StrIdx, &&L_StrSlice, &&L_BytesToStr, &&L_StrToBytes, &&L_RuneToStr, &&L_StrNext, &&L_SliceIdx, &&L_PtrIdx, &&L_Reslice, &&L_ArrSlice, &&L_Append, &&L_AppendSl, &&L_Copy, &&L_MakeMap, &&L_MapLoad, &&L_MapStore, &&L_MapDel, &&L_MapClear, &&L_MapLen, &&L_IterInit, &&L_IterNext, &&L_IterEnd, &&L_Renew, &&L_Print, &&L_Panic, &&L_PanicMsg};
  static_assert(sizeof kDispatch / sizeof kDispatch[0] == static_cast<std::size_t>(Opc::Count));
#endif
  try {
    for (;;) {
      Frame& F = frames_.back();
      const Function& fn = *F.fn;
      std::uint8_t* fp = &stack_[F.base];
      const Instr* code = fn.code.data();
      // ip, not an index: the dispatch then needs no multiply by sizeof(Instr)
      const Instr* ip = code + F.pc;
      for (;;) {
        if (ops_ >= max_ops) { F.pc = PC; return Stop::Paused; }
        const Instr& in = *ip;
#define A (fp + in.a)
#define B (fp + in.b)
#define C (fp + in.c)
#define WA(v) st64(A, (v))
#define RB ld64(B)
#define RC ld64(C)
        ++ops_;
#if BUCKETLAB_THREADED_DISPATCH
        goto* kDispatch[static_cast<std::size_t>(in.op)];
#endif
        switch (in.op) {
          case Opc::Nop: OP_LABEL(Nop) break;
          case Opc::Mov: OP_LABEL(Mov) WA(RB); break;
          case Opc::MovN: OP_LABEL(MovN) std::memmove(A, B, in.c); break;
          case Opc::Const: OP_LABEL(Const) WA(fn.k[in.b]); break;
          case Opc::Zero: OP_LABEL(Zero) std::memset(A, 0, in.c); break;
          case Opc::Add: OP_LABEL(Add) WA(RB + RC); break;
          case Opc::Sub: OP_LABEL(Sub) WA(RB - RC); break;
          case Opc::Mul: OP_LABEL(Mul) WA(RB * RC); break;
          case Opc::And: OP_LABEL(And) WA(RB & RC); break;
          case Opc::Or: OP_LABEL(Or) WA(RB | RC); break;
          case Opc::Xor: OP_LABEL(Xor) WA(RB ^ RC); break;
          case Opc::AndNot: OP_LABEL(AndNot) WA(RB & ~RC); break;
          case Opc::AddK: OP_LABEL(AddK) WA(RB + static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(in.c)))); break;
          case Opc::DivS: OP_LABEL(DivS) case Opc::RemS: OP_LABEL(RemS) {
            const auto x = static_cast<std::int64_t>(RB), y = static_cast<std::int64_t>(RC);
            if (y == 0) { F.pc = PC; throw GoPanic("runtime error: integer divide by zero"); }
            std::int64_t r;
            if (y == -1) r = in.op == Opc::DivS ? static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(x)) : 0;
            else r = in.op == Opc::DivS ? x / y : x % y;
            WA(static_cast<std::uint64_t>(r));
            break;
          }
          case Opc::DivU: OP_LABEL(DivU) case Opc::RemU: OP_LABEL(RemU) {
            const auto x = RB, y = RC;
            if (y == 0) { F.pc = PC; throw GoPanic("runtime error: integer divide by zero"); }
            WA(in.op == Opc::DivU ? x / y : x % y);
            break;
          }
          case Opc::Shl: OP_LABEL(Shl) case Opc::ShrS: OP_LABEL(ShrS) case Opc::ShrU: OP_LABEL(ShrU) {
            const std::uint64_t x = RB, n = RC;
            if ((in.aux & 1) && static_cast<std::int64_t>(n) < 0) { F.pc = PC; throw GoPanic("runtime error: negative shift amount"); }
            std::uint64_t r;
            if (in.op == Opc::Shl) r = n >= 64 ? 0 : x << n;
            else if (in.op == Opc::ShrU) r = n >= 64 ? 0 : x >> n;
            else r = static_cast<std::uint64_t>(static_cast<std::int64_t>(x) >> (n >= 64 ? 63 : n));
            WA(r);
            break;
          }
          case Opc::Neg: OP_LABEL(Neg) WA(0 - RB); break;
          case Opc::Not: OP_LABEL(Not) WA(~RB); break;
          case Opc::LNot: OP_LABEL(LNot) WA(RB ? 0 : 1); break;
          case Opc::Ext: OP_LABEL(Ext) WA(ext(RB, static_cast<W>(in.aux))); break;
          case Opc::FAdd: OP_LABEL(FAdd) stf(A, ldf(B) + ldf(C)); break;
          case Opc::FSub: OP_LABEL(FSub) stf(A, ldf(B) - ldf(C)); break;
          case Opc::FMul: OP_LABEL(FMul) stf(A, ldf(B) * ldf(C)); break;
          case Opc::FDiv: OP_LABEL(FDiv) stf(A, ldf(B) / ldf(C)); break;
          case Opc::FNeg: OP_LABEL(FNeg) stf(A, -ldf(B)); break;
          case Opc::I2F: OP_LABEL(I2F) stf(A, static_cast<double>(static_cast<std::int64_t>(RB))); break;
          case Opc::U2F: OP_LABEL(U2F) stf(A, static_cast<double>(RB)); break;
          case Opc::F2I: OP_LABEL(F2I) WA(static_cast<std::uint64_t>(go_f64_to_i64(ldf(B)))); break;
          case Opc::F2U: OP_LABEL(F2U) WA(go_f64_to_u64(ldf(B))); break;
          case Opc::Eq: OP_LABEL(Eq) WA(RB == RC); break;
          case Opc::Ne: OP_LABEL(Ne) WA(RB != RC); break;
          case Opc::LtS: OP_LABEL(LtS) WA(static_cast<std::int64_t>(RB) < static_cast<std::int64_t>(RC)); break;
          case Opc::LeS: OP_LABEL(LeS) WA(static_cast<std::int64_t>(RB) <= static_cast<std::int64_t>(RC)); break;
          case Opc::LtU: OP_LABEL(LtU) WA(RB < RC); break;
          case Opc::LeU: OP_LABEL(LeU) WA(RB <= RC); break;
          case Opc::FEq: OP_LABEL(FEq) WA(ldf(B) == ldf(C)); break;
          case Opc::FNe: OP_LABEL(FNe) WA(ldf(B) != ldf(C)); break;
          case Opc::FLt: OP_LABEL(FLt) WA(ldf(B) < ldf(C)); break;
          case Opc::FLe: OP_LABEL(FLe) WA(ldf(B) <= ldf(C)); break;
          case Opc::StrEq: OP_LABEL(StrEq) case Opc::StrNe: OP_LABEL(StrNe) case Opc::StrLt: OP_LABEL(StrLt) case Opc::StrLe: OP_LABEL(StrLe) {
            const std::uint64_t lb = ld64(B + 8), lc = ld64(C + 8);
            int cmp;
            if (in.op == Opc::StrEq || in.op == Opc::StrNe) {
              if (lb != lc) cmp = 1;
              else if (ld64(B) == ld64(C)) cmp = 0;
              else cmp = read_string(B) == read_string(C) ? 0 : 1;
            } else {
              const std::string x = read_string(B), y = read_string(C);
              cmp = x.compare(y);
            }
            bool r = in.op == Opc::StrEq ? cmp == 0 : in.op == Opc::StrNe ? cmp != 0 : in.op == Opc::StrLt ? cmp < 0 : cmp <= 0;
            WA(r ? 1 : 0);
            break;
          }
          case Opc::BlkEq: OP_LABEL(BlkEq) WA(std::memcmp(B, C, in.d) == 0); break;
          case Opc::Jmp: OP_LABEL(Jmp) ip = code + in.a; continue;
          case Opc::Jt: OP_LABEL(Jt) if (RB) { ip = code + in.a; continue; } break;
          case Opc::Jf: OP_LABEL(Jf) if (!RB) { ip = code + in.a; continue; } break;
          case Opc::Stmt: OP_LABEL(Stmt)
            if (lim.stop_at_statement && ops_ != ops0 + 1) { F.pc = PC; --ops_; return Stop::Paused; }
            ++stmts_;
            if (stmts_ >= sysmon_next_) {
              // sysmon: a time-triggered GC once 2 minutes passed without one
              // (checked every 256 statements of simulated time).
              F.pc = PC;
              sysmon_next_ = stmts_ + 256;
              rt_.sysmon();
              fp = &stack_[F.base];
            }
            break;
          case Opc::Call: OP_LABEL(Call) {
            F.pc = PC + 1;
            enter(in.a, fp + in.b, in.c);
            goto next_frame;
          }
          case Opc::Ret: OP_LABEL(Ret) {
            const Frame done = frames_.back();
            iters_.resize(done.iter_base);
            frames_.pop_back();
            if (frames_.empty()) { exit_status_ = 0; return Stop::Done; }
            const Frame& caller = frames_.back();
            if (done.ret_dst != kNone && done.fn->result_bytes)
              std::memmove(&stack_[caller.base + done.ret_dst], &stack_[done.base + done.fn->result_off], done.fn->result_bytes);
            goto next_frame;
          }
          case Opc::CallLib: OP_LABEL(CallLib) F.pc = PC; call_lib(static_cast<LibId>(in.aux), fp, in); fp = &stack_[F.base]; break;
          case Opc::Ld: OP_LABEL(Ld) {
            const Addr p = RB;
            if (p == 0) { F.pc = PC; throw GoPanic(kNilDeref); }
            std::uint8_t b[8] = {0};
            read(p + in.d, b, wbytes(static_cast<W>(in.aux)));
            WA(from_mem(b, static_cast<W>(in.aux)));
            break;
          }
          case Opc::LdBlk: OP_LABEL(LdBlk) {
            const Addr p = RB;
            if (p == 0) { F.pc = PC; throw GoPanic(kNilDeref); }
            read(p + in.d, A, in.c);
            break;
          }
          case Opc::St: OP_LABEL(St) {
            const Addr p = ld64(A);
            if (p == 0) { F.pc = PC; throw GoPanic(kNilDeref); }
            std::uint8_t b[8];
            to_mem(b, RB, static_cast<W>(in.aux));
            write(p + in.d, b, wbytes(static_cast<W>(in.aux)));
            break;
          }
          case Opc::StPtr: OP_LABEL(StPtr) {
            const Addr p = ld64(A);
            if (p == 0) { F.pc = PC; throw GoPanic(kNilDeref); }
            if (rt_.is_heap_addr(p)) rt_.store_pointer(p + in.d, RB);
            else { const std::uint64_t v = RB; write(p + in.d, &v, 8); }
            break;
          }
          case Opc::StBlk: OP_LABEL(StBlk) {
            const Addr p = ld64(A);
            if (p == 0) { F.pc = PC; throw GoPanic(kNilDeref); }
            typed_store(p + in.d, B, in.c, in.e);
            break;
          }
          case Opc::NilChk: OP_LABEL(NilChk) if (ld64(A) == 0) { F.pc = PC; throw GoPanic(kNilDeref); } break;
          case Opc::FLd: OP_LABEL(FLd) WA(from_mem(B, static_cast<W>(in.aux))); break;
          case Opc::FSt: OP_LABEL(FSt) to_mem(A, RB, static_cast<W>(in.aux)); break;
          case Opc::FLdD: OP_LABEL(FLdD) {
            const std::uint8_t* src = fp + in.b + RC;
            if (in.e == 0) WA(from_mem(src, static_cast<W>(in.aux)));
            else std::memmove(A, src, in.e);
            break;
          }
          case Opc::FStD: OP_LABEL(FStD) {
            std::uint8_t* dst = fp + in.a + RC;
            if (in.e == 0) to_mem(dst, RB, static_cast<W>(in.aux));
            else std::memmove(dst, B, in.e);
            break;
          }
          case Opc::IdxChk: OP_LABEL(IdxChk) {
            const auto i = static_cast<std::int64_t>(RB);
            if (i < 0 || i >= static_cast<std::int64_t>(in.c)) { F.pc = PC; throw GoPanic(idx_msg(i, in.c)); }
            break;
          }
          case Opc::New: OP_LABEL(New) {
            F.pc = PC;
            const Addr a = rt_.newobject(P.types[in.b], roles_.object);
            fp = &stack_[F.base];
            WA(a);
            break;
          }
          case Opc::MakeSlice: OP_LABEL(MakeSlice) {
            F.pc = PC;
            const runtime::Type* et = P.types[in.e];
            const auto len = static_cast<std::int64_t>(RB);
            const auto cap = in.c == kNone ? len : static_cast<std::int64_t>(RC);
            if (len < 0 || (et->size && static_cast<std::uint64_t>(len) > (1ull << 47) / et->size))
              throw GoPanic("runtime error: makeslice: len out of range");
            if (cap < len || (et->size && static_cast<std::uint64_t>(cap) > (1ull << 47) / et->size))
              throw GoPanic("runtime error: makeslice: cap out of range");
            const Addr a = rt_.newarray(et, cap, roles_.slice);
            fp = &stack_[F.base];
            WA(a);
            st64(A + 8, static_cast<std::uint64_t>(len));
            st64(A + 16, static_cast<std::uint64_t>(cap));
            break;
          }
          case Opc::Concat: OP_LABEL(Concat) {
            F.pc = PC;
            std::string s;
            std::uint32_t nonempty = 0, last = 0;
            for (std::uint32_t i = 0; i < in.c; ++i) {
              const std::uint8_t* h = B + 16 * i;
              if (ld64(h + 8)) { ++nonempty; last = i; }
            }
            if (nonempty == 0) { std::memset(A, 0, 16); break; }
            if (nonempty == 1) {  // concatstrings returns the one non-empty operand
              std::memmove(A, B + 16 * last, 16);
              break;
            }
            // the operands' bytes read straight into one buffer of the total length
            std::uint64_t total = 0;
            for (std::uint32_t i = 0; i < in.c; ++i) total += ld64(B + 16 * i + 8);
            s.resize(total);
            for (std::uint64_t i = 0, off = 0; i < in.c; ++i) {
              const std::uint64_t n = ld64(B + 16 * i + 8);
              read(ld64(B + 16 * i), s.data() + off, n);
              off += n;
            }
            rt_.charge(runtime::CostKind::Concat);
            rt_.charge(runtime::CostKind::CopyByte, s.size());
            const Addr a = alloc_string(s, in.aux & 1);
            fp = &stack_[F.base];
            WA(a);
            st64(A + 8, s.size());
            break;
          }
          case Opc::StrIdx: OP_LABEL(StrIdx) {
            const auto i = static_cast<std::int64_t>(RC);
            const auto n = static_cast<std::int64_t>(ld64(B + 8));
            if (i < 0 || i >= n) { F.pc = PC; throw GoPanic(idx_msg(i, n)); }
            std::uint8_t c = 0;
            read(ld64(B) + i, &c, 1);
            WA(c);
            break;
          }
          case Opc::StrSlice: OP_LABEL(StrSlice) {
            const auto n = static_cast<std::int64_t>(ld64(B + 8));
            const std::int64_t lo = in.c == kNone ? 0 : static_cast<std::int64_t>(RC);
            const std::int64_t hi = in.d == kNone ? n : static_cast<std::int64_t>(ld64(fp + in.d));
            if (hi < 0 || hi > n) { F.pc = PC; throw GoPanic("runtime error: slice bounds out of range [:" + std::to_string(hi) + "] with length " + std::to_string(n)); }
            if (lo < 0 || lo > hi) { F.pc = PC; throw GoPanic("runtime error: slice bounds out of range [" + std::to_string(lo) + ":" + std::to_string(hi) + "]"); }
            const Addr d = ld64(B);
            WA(hi - lo == 0 ? d : d + lo);
            st64(A + 8, static_cast<std::uint64_t>(hi - lo));
            break;
          }
          case Opc::BytesToStr: OP_LABEL(BytesToStr) {
            F.pc = PC;
            std::string s;
            const Addr arr = ld64(B);
            const auto n = ld64(B + 8);
            if (in.aux & 2) {  // []rune → string
              for (std::uint64_t i = 0; i < n; ++i) {
                std::int32_t r;
                read(arr + 4 * i, &r, 4);
                encode_rune(r, s);
              }
            } else {
              s.resize(n);
              if (n) read(arr, s.data(), n);
            }
            const Addr a = alloc_string(s, in.aux & 1);
            fp = &stack_[F.base];
            WA(a);
            st64(A + 8, s.size());
            break;
          }
          case Opc::StrToBytes: OP_LABEL(StrToBytes) {
            F.pc = PC;
            const std::string s = read_string(B);
            if (in.aux & 2) {
              std::vector<std::int32_t> runes;
              for (std::size_t i = 0; i < s.size();) {
                std::uint64_t w;
                runes.push_back(decode_rune(reinterpret_cast<const unsigned char*>(s.data()) + i, s.size() - i, w));
                i += w;
              }
              const Addr a = runes.empty() ? 0 : rt_.mallocgc(rt_.roundupsize(4 * runes.size(), true), nullptr, false, roles_.slice);
              if (a) rt_.write_bytes(a, runes.data(), 4 * runes.size());
              fp = &stack_[F.base];
              WA(a);
              st64(A + 8, runes.size());
              st64(A + 16, a ? rt_.roundupsize(4 * runes.size(), true) / 4 : 0);
            } else {
              // rawbyteslice: cap = roundupsize(len)
              const std::uint64_t cap = s.empty() ? 0 : rt_.roundupsize(s.size(), true);
              const Addr a = s.empty() ? runtime::kZeroBaseAddr : rt_.mallocgc(cap, nullptr, false, roles_.slice);
              if (!s.empty()) {
                rt_.write_bytes(a, s.data(), s.size());
                if (cap > s.size()) rt_.memclr(a + s.size(), cap - s.size());
              }
              fp = &stack_[F.base];
              WA(a);
              st64(A + 8, s.size());
              st64(A + 16, cap);
            }
            break;
          }
          case Opc::RuneToStr: OP_LABEL(RuneToStr) {
            F.pc = PC;
            std::string s;
            encode_rune(static_cast<std::int64_t>(RB), s);
            // intstring (runtime/string.go): a 4-byte rawstring, or the stack buffer when the result does not escape
            Addr a;
            if (in.aux & 1) a = rt_.stack_tmp_string(s);
            else {
              a = rt_.mallocgc(4, nullptr, false, roles_.string);
              rt_.write_bytes(a, s.data(), s.size());
            }
            fp = &stack_[F.base];
            WA(a);
            st64(A + 8, s.size());
            break;
          }
          case Opc::StrNext: OP_LABEL(StrNext) {
            // a ← rune at index d of string c, b ← next index (utf8 decoding as Go's decoderune)
            const std::uint8_t* hs = fp + in.c;
            const std::uint64_t i = ld64(fp + in.d);
            const Addr d = ld64(hs);
            const std::uint64_t n = ld64(hs + 8);
            unsigned char buf[4] = {0, 0, 0, 0};
            const std::uint64_t m = std::min<std::uint64_t>(4, n - i);
            read(d + i, buf, m);
            std::uint64_t w;
            const std::int32_t r = decode_rune(buf, m, w);
            WA(static_cast<std::uint64_t>(static_cast<std::int64_t>(r)));
            st64(B, i + w);
            break;
          }
          case Opc::SliceIdx: OP_LABEL(SliceIdx) {
            const auto i = static_cast<std::int64_t>(RC);
            const auto n = static_cast<std::int64_t>(ld64(B + 8));
            if (static_cast<std::uint64_t>(i) >= static_cast<std::uint64_t>(n)) { F.pc = PC; throw GoPanic(idx_msg(i, n)); }
            WA(ld64(B) + static_cast<std::uint64_t>(i) * in.d);
            break;
          }
          case Opc::PtrIdx: OP_LABEL(PtrIdx) {
            const Addr p = RB;
            const auto i = static_cast<std::int64_t>(RC);
            if (static_cast<std::uint64_t>(i) >= in.e) { F.pc = PC; throw GoPanic(idx_msg(i, in.e)); }
            if (p == 0) { F.pc = PC; throw GoPanic(kNilDeref); }
            WA(p + static_cast<std::uint64_t>(i) * in.d);
            break;
          }
          case Opc::Reslice: OP_LABEL(Reslice) case Opc::ArrSlice: OP_LABEL(ArrSlice) {
            Addr arr;
            std::int64_t len, cap;
            if (in.op == Opc::Reslice) { arr = ld64(B); len = static_cast<std::int64_t>(ld64(B + 8)); cap = static_cast<std::int64_t>(ld64(B + 16)); }
            else {
              arr = RB;
              if (arr == 0) { F.pc = PC; throw GoPanic(kNilDeref); }
              len = cap = in.x;
            }
            const std::int64_t lo = in.c == kNone ? 0 : static_cast<std::int64_t>(RC);
            const std::int64_t hi = in.d == kNone ? len : static_cast<std::int64_t>(ld64(fp + in.d));
            const std::int64_t mx = in.e == kNone ? cap : static_cast<std::int64_t>(ld64(fp + in.e));
            const char* what = in.op == Opc::Reslice ? "capacity" : "length";
            if (mx < 0 || mx > cap) { F.pc = PC; throw GoPanic("runtime error: slice bounds out of range [::" + std::to_string(mx) + "] with " + what + " " + std::to_string(cap)); }
            if (hi < 0 || hi > mx) {
              F.pc = PC;
              if (in.e != kNone) throw GoPanic("runtime error: slice bounds out of range [:" + std::to_string(hi) + ":" + std::to_string(mx) + "]");
              throw GoPanic("runtime error: slice bounds out of range [:" + std::to_string(hi) + "] with " + what + " " + std::to_string(cap));
            }
            if (lo < 0 || lo > hi) { F.pc = PC; throw GoPanic("runtime error: slice bounds out of range [" + std::to_string(lo) + ":" + std::to_string(hi) + "]"); }
            WA(mx - lo == 0 ? arr : arr + static_cast<std::uint64_t>(lo) * in.aux);
            st64(A + 8, static_cast<std::uint64_t>(hi - lo));
            st64(A + 16, static_cast<std::uint64_t>(mx - lo));
            break;
          }
          case Opc::Append: OP_LABEL(Append) {
            F.pc = PC;
            const runtime::Type* et = P.types[in.e];
            runtime::SliceHeader s{ld64(B), static_cast<std::int64_t>(ld64(B + 8)), static_cast<std::int64_t>(ld64(B + 16))};
            const std::int64_t nl = s.len + in.c;
            if (nl > s.cap) {
              s = runtime::growslice(rt_, et, s, nl, roles_.slice);
              fp = &stack_[F.base];
            }
            const std::uint64_t fs = fsize_rt(et);
            for (std::uint32_t i = 0; i < in.c; ++i) store_elem(s.array + (s.len + i) * et->size, fp + in.d + i * fs, et);
            WA(s.array);
            st64(A + 8, static_cast<std::uint64_t>(nl));
            st64(A + 16, static_cast<std::uint64_t>(s.cap));
            break;
          }
          case Opc::AppendSl: OP_LABEL(AppendSl) {
            F.pc = PC;
            const runtime::Type* et = P.types[in.e];
            runtime::SliceHeader s{ld64(B), static_cast<std::int64_t>(ld64(B + 8)), static_cast<std::int64_t>(ld64(B + 16))};
            const Addr src = ld64(C);
            const auto n = static_cast<std::int64_t>(ld64(C + 8));
            const std::int64_t nl = s.len + n;
            if (nl > s.cap) {
              s = runtime::growslice(rt_, et, s, nl, roles_.slice);
              fp = &stack_[F.base];
            }
            if (n > 0) {
              std::vector<std::uint8_t> tmp(static_cast<std::size_t>(n) * et->size);
              read(src, tmp.data(), tmp.size());
              rt_.charge(runtime::CostKind::CopyByte, tmp.size());
              typed_store(s.array + s.len * et->size, tmp.data(), tmp.size(), kNone);
              if (et->has_pointers() && rt_.gc_phase() == runtime::GcPhase::Mark)
                for (std::int64_t i = 0; i < n; ++i)
                  for (std::uint64_t w = 0; w * 8 < et->ptrdata; ++w)
                    if (et->is_pointer_word(w)) rt_.store_pointer(s.array + (s.len + i) * et->size + 8 * w, ld64(&tmp[i * et->size + 8 * w]));
            }
            WA(s.array);
            st64(A + 8, static_cast<std::uint64_t>(nl));
            st64(A + 16, static_cast<std::uint64_t>(s.cap));
            break;
          }
          case Opc::Copy: OP_LABEL(Copy) {
            const runtime::Type* et = P.types[in.e];
            const Addr dst = ld64(B);
            const auto dn = static_cast<std::int64_t>(ld64(B + 8));
            const Addr src = ld64(C);
            auto sn = static_cast<std::int64_t>(ld64(C + 8));
            if (in.aux & 4) sn = dn;  // clear(slice)
            const std::int64_t n = std::min(dn, sn);
            if (n > 0) {
              std::vector<std::uint8_t> tmp(static_cast<std::size_t>(n) * et->size, 0);
              if (!(in.aux & 4)) read(src, tmp.data(), tmp.size());
              write(dst, tmp.data(), tmp.size());
              // clear(s) is memclrNoHeapPointers / memclrHasPointers; copy is memmove
              rt_.charge((in.aux & 4) ? runtime::CostKind::ZeroByte : runtime::CostKind::CopyByte, tmp.size());
            }
            WA(static_cast<std::uint64_t>(std::max<std::int64_t>(n, 0)));
            break;
          }
          case Opc::MakeMap: OP_LABEL(MakeMap) {
            F.pc = PC;
            std::int64_t hint = in.b == kNone ? 0 : static_cast<std::int64_t>(RB);
            if (hint < 0) throw GoPanic("runtime error: makemap: size out of range");
            const Addr m = maps_.make(P.types[in.e], hint);
            rt_.charge(runtime::CostKind::MapMake);
            // by creation order (= map id): its type, and the variable it is assigned to
            map_names_.resize(maps_.count());
            map_types_.resize(maps_.count());
            map_types_.back() = P.types[in.e]->name;
            if (in.c) map_names_.back() = P.strings[in.c - 1];
            fp = &stack_[F.base];
            WA(m);
            break;
          }
          case Opc::MapLoad: OP_LABEL(MapLoad) {
            F.pc = PC;
            const runtime::Type* mt = P.types[in.e];
            const Addr slot = maps_.access(mt, RB, C);
            ++map_ops_;
            charge_map_op(MapOp::Access, mt, maps_.len(RB));
            fp = &stack_[F.base];
            if (slot == kNil) std::memset(A, 0, fsize_rt(mt->elem));
            else if (word_elem(rt_, mt->elem, slot)) st64(A, rt_.load_u64(slot));  // load_elem's fast path, without the call
            else load_elem(A, slot, mt->elem);
            if (in.d != kNone) st64(fp + in.d, slot != kNil);
            if (lim.stop_after_map_op) {
              if (lim.log_map_op) log_map_op(MapOp::Access, mt, RB, C);
              F.pc = PC + 1;
              return Stop::Paused;
            }
            break;
          }
          case Opc::MapStore: OP_LABEL(MapStore) {
            F.pc = PC;
            const runtime::Type* mt = P.types[in.e];
            const Addr m = ld64(A);
            const std::int64_t len0 = maps_.len(m);
            const Addr slot = maps_.assign(mt, m, B);
            ++map_ops_;
            const std::int64_t len1 = maps_.len(m);
            charge_map_op(MapOp::Assign, mt, len1);
            if (len1 != len0) rt_.charge(runtime::CostKind::MapInsert);
            if (rt_.events().total() != events_seen_) charge_map_events();
            fp = &stack_[F.base];
            if (word_elem(rt_, mt->elem, slot)) rt_.store_u64(slot, ld64(C));  // store_elem's fast path, without the call
            else store_elem(slot, C, mt->elem);
            if (lim.stop_after_map_op) {
              if (lim.log_map_op) log_map_op(MapOp::Assign, mt, ld64(A), B);
              F.pc = PC + 1;
              return Stop::Paused;
            }
            break;
          }
          case Opc::MapDel: OP_LABEL(MapDel) {
            F.pc = PC;
            maps_.remove(P.types[in.e], ld64(A), B);
            ++map_ops_;
            charge_map_op(MapOp::Delete, P.types[in.e], maps_.len(ld64(A)));
            if (rt_.events().total() != events_seen_) charge_map_events();
            fp = &stack_[F.base];
            if (lim.stop_after_map_op) {
              if (lim.log_map_op) log_map_op(MapOp::Delete, P.types[in.e], ld64(A), B);
              F.pc = PC + 1;
              return Stop::Paused;
            }
            break;
          }
          case Opc::MapClear: OP_LABEL(MapClear) {
            F.pc = PC;
            maps_.clear(P.types[in.e], ld64(A));
            ++map_ops_;
            rt_.charge(runtime::CostKind::MapClear);
            if (rt_.events().total() != events_seen_) charge_map_events();
            fp = &stack_[F.base];
            if (lim.stop_after_map_op) { F.pc = PC + 1; return Stop::Paused; }
            break;
          }
          case Opc::MapLen: OP_LABEL(MapLen) WA(static_cast<std::uint64_t>(maps_.len(RB))); break;
          case Opc::IterInit: OP_LABEL(IterInit) {
            F.pc = PC;
            iters_[F.iter_base + in.c] = maps_.iterate(P.types[in.e], RB);
            fp = &stack_[F.base];
            break;
          }
          case Opc::IterNext: OP_LABEL(IterNext) {
            F.pc = PC;
            auto& it = iters_[F.iter_base + in.d];
            const runtime::Type* mt = P.types[in.e];
            if (!it || it->key() == kNil) { it.reset(); ip = code + in.a; continue; }
            if (in.b != kNone) load_elem(fp + in.b, it->key(), mt->key);
            if (in.c != kNone) load_elem(fp + in.c, it->elem(), mt->elem);
            it->next();
            ++map_ops_;
            rt_.charge(runtime::CostKind::MapIterNext);
            if (rt_.events().total() != events_seen_) charge_map_events();
            fp = &stack_[F.base];
            if (lim.stop_after_map_op) { F.pc = PC + 1; return Stop::Paused; }
            break;
          }
          case Opc::IterEnd: OP_LABEL(IterEnd) iters_[F.iter_base + in.c].reset(); break;
          case Opc::Renew: OP_LABEL(Renew) {
            F.pc = PC;
            const runtime::Type* t = P.types[in.b];
            std::vector<std::uint8_t> tmp(t->size);
            read(ld64(A), tmp.data(), t->size);
            const Addr a = rt_.newobject(t, roles_.object);
            fp = &stack_[F.base];
            typed_store(a, tmp.data(), t->size, in.b);
            WA(a);
            break;
          }
          case Opc::Print: OP_LABEL(Print) F.pc = PC; print_builtin(fp, in); break;
          case Opc::Panic: OP_LABEL(Panic) F.pc = PC; panic_value(fp, in);
          case Opc::PanicMsg: OP_LABEL(PanicMsg) F.pc = PC; throw GoPanic(P.strings[in.a]);
          default: F.pc = PC; throw GoFatal("bucketlab: bad instruction");
        }
        ++ip;
      }
    next_frame:
      continue;
    }
  } catch (const GoPanic& p) {
    panic_pos_ = pos();
    message_ = std::string("panic: ") + p.what();
  } catch (const GoFatal& f) {
    panic_pos_ = pos();
    message_ = std::string("fatal error: ") + f.what();
  } catch (const runtime::OutOfMemoryError& e) {
    panic_pos_ = pos();
    message_ = e.what();  // Go's two lines: "runtime: out of memory: cannot allocate ..." then "fatal error: out of memory"
  } catch (const ModelError& e) {
    panic_pos_ = pos();
    message_ = std::string("fatal error: ") + e.what();
  }
  exit_status_ = 2;
  frames_.clear();
  iters_.clear();
  return Stop::Panicked;
#undef A
#undef B
#undef C
#undef WA
#undef RB
#undef RC
#undef PC
#undef OP_LABEL
}

}  // namespace bucketlab::lang
