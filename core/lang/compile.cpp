// Compiler: checked AST → bytecode. See compile.h and bytecode.h.
#include "core/lang/compile.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "core/runtime/runtime.h"

namespace bucketlab::lang {
namespace {

struct Unsupported {
  Pos pos;
  std::string what;
};

const Type* U(const Type* t) { return t ? t->underlying() : t; }

bool is_scalar(const Type* t) {
  t = U(t);
  switch (t->kind) {
    case TypeKind::Basic: return t->basic != BasicKind::String && t->basic != BasicKind::UntypedString;
    case TypeKind::Pointer:
    case TypeKind::Map: return true;
    default: return false;
  }
}
bool is_str(const Type* t) { t = U(t); return t->kind == TypeKind::Basic && (t->basic == BasicKind::String || t->basic == BasicKind::UntypedString); }
bool is_iface(const Type* t) { return U(t)->kind == TypeKind::Interface; }
bool is_flt(const Type* t) { return is_float(U(t)); }
bool is_uns(const Type* t) { return is_unsigned(U(t)); }

W width_of(const Type* t) {
  t = U(t);
  if (t->kind != TypeKind::Basic) return W::U64;
  switch (t->basic) {
    case BasicKind::Bool: case BasicKind::UntypedBool: return W::U8;
    case BasicKind::Int8: return W::I8;
    case BasicKind::Int16: return W::I16;
    case BasicKind::Int32: case BasicKind::UntypedRune: return W::I32;
    case BasicKind::Uint8: return W::U8;
    case BasicKind::Uint16: return W::U16;
    case BasicKind::Uint32: return W::U32;
    case BasicKind::Uint: case BasicKind::Uint64: case BasicKind::Uintptr: return W::U64;
    case BasicKind::Float32: return W::F32;
    case BasicKind::Float64: case BasicKind::UntypedFloat: return W::F64;
    default: return W::I64;
  }
}
bool narrow(W w) { return w != W::I64 && w != W::U64 && w != W::F64; }

// The instruction for a binary arithmetic operator on operands of type t.
Opc arith_op(Op op, const Type* t, Pos pos, const std::string& what) {
  const bool f = is_flt(t), uns = is_uns(t);
  switch (op) {
    case Op::Add: return f ? Opc::FAdd : Opc::Add;
    case Op::Sub: return f ? Opc::FSub : Opc::Sub;
    case Op::Mul: return f ? Opc::FMul : Opc::Mul;
    case Op::Div: return f ? Opc::FDiv : (uns ? Opc::DivU : Opc::DivS);
    case Op::Rem: return uns ? Opc::RemU : Opc::RemS;
    case Op::And: return Opc::And;
    case Op::Or: return Opc::Or;
    case Op::Xor: return Opc::Xor;
    case Op::AndNot: return Opc::AndNot;
    case Op::Shl: return Opc::Shl;
    case Op::Shr: return uns ? Opc::ShrU : Opc::ShrS;
    default: throw Unsupported{pos, what};
  }
}

class Compiler {
 public:
  Compiler(const CheckedProgram& prog, runtime::Runtime& rt, Program& out) : P(prog), rt_(rt), out_(out) {}

  void compile_all();

 private:
  // ---- layout
  const runtime::Type* rt(const Type* t) { return P.types->rt(is_untyped(t) ? default_type(*P.types, t) : t); }
  std::uint32_t fsize(const Type* t) {
    if (is_untyped(t)) t = default_type(*P.types, t);
    if (is_scalar(t)) return 8;
    if (is_iface(t)) return 16;
    const runtime::Type* r = rt(t);
    if (!r) throw Unsupported{cur_pos_, "values of type " + type_string(t)};
    return static_cast<std::uint32_t>(align_up(std::max<std::uint64_t>(r->size, 8), 8));
  }
  std::uint32_t type_index(const runtime::Type* t) {
    auto it = type_ids_.find(t);
    if (it != type_ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(out_.types.size());
    out_.types.push_back(t);
    type_ids_[t] = id;
    return id;
  }
  std::uint32_t tidx(const Type* t) { return type_index(rt(t)); }
  // Pointer words of a frame value of type t at byte offset off.
  void ptr_words(const Type* t, std::uint32_t off, std::vector<std::uint32_t>& out) {
    if (is_scalar(t)) {
      const auto k = U(t)->kind;
      if (k == TypeKind::Pointer || k == TypeKind::Map) out.push_back(off / 8);
      return;
    }
    if (is_iface(t)) { out.push_back(off / 8 + 1); return; }
    const runtime::Type* r = rt(t);
    for (std::uint64_t w = 0; w * 8 < r->ptrdata; ++w)
      if (r->is_pointer_word(w)) out.push_back(off / 8 + static_cast<std::uint32_t>(w));
  }
  bool has_ptrs(const Type* t) {
    std::vector<std::uint32_t> v;
    ptr_words(t, 0, v);
    return !v.empty();
  }

  // ---- function state
  struct VarLoc {
    std::uint32_t off = 0;
    bool heap = false;   // slot holds the address of a heap cell
    bool global = false; // package-level: Go layout at kGlobalBase + off
  };
  std::map<const VarObj*, VarLoc> vars_;
  Function* fn_ = nullptr;
  std::uint32_t frame_top_ = 0;    // first free byte (temps above)
  std::uint32_t frame_max_ = 0;
  std::vector<std::uint32_t> live_vars_;   // pointer words of variables in scope
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> temp_ptrs_;  // (temp offset, its words)
  bool live_dirty_ = true;
  std::uint32_t live_id_ = 0;
  std::map<std::vector<std::uint32_t>, std::uint32_t> live_ids_;
  Pos cur_pos_;
  struct Loop {
    const Stmt* target;
    std::vector<std::size_t> breaks, continues;
    std::uint32_t iter_slot = kNone;
  };
  std::vector<Loop> loops_;
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> scope_stack_;
  const FuncInfo* info_ = nullptr;
  std::uint32_t niters_ = 0;
  std::vector<std::size_t> fallthrough_jumps_;

  const CheckedProgram& P;
  runtime::Runtime& rt_;
  Program& out_;
  std::map<const runtime::Type*, std::uint32_t> type_ids_;
  std::map<const FuncInfo*, std::uint32_t> func_ids_;
  std::vector<std::uint32_t> global_off_;

  // ---- emission
  std::uint32_t cur_live() {
    if (live_dirty_) {
      std::vector<std::uint32_t> s = live_vars_;
      for (auto& t : temp_ptrs_) s.insert(s.end(), t.second.begin(), t.second.end());
      std::sort(s.begin(), s.end());
      s.erase(std::unique(s.begin(), s.end()), s.end());
      auto it = live_ids_.find(s);
      if (it == live_ids_.end()) {
        const auto id = static_cast<std::uint32_t>(out_.live_sets.size());
        out_.live_sets.push_back(s);
        it = live_ids_.emplace(std::move(s), id).first;
      }
      live_id_ = it->second;
      live_dirty_ = false;
    }
    return live_id_;
  }
  std::size_t emit(Opc op, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0, std::uint32_t d = 0,
                   std::uint32_t e = 0, std::uint16_t aux = 0, std::uint32_t x = 0) {
    Instr in;
    in.op = op;
    in.aux = aux;
    in.a = a; in.b = b; in.c = c; in.d = d; in.e = e; in.x = x;
    fn_->code.push_back(in);
    fn_->pos.push_back(cur_pos_);
    fn_->live.push_back(cur_live());
    return fn_->code.size() - 1;
  }
  std::uint32_t here() const { return static_cast<std::uint32_t>(fn_->code.size()); }
  void patch(std::size_t at, std::uint32_t target) { fn_->code[at].a = target; }
  std::uint32_t konst(std::uint64_t v) {
    fn_->k.push_back(v);
    return static_cast<std::uint32_t>(fn_->k.size() - 1);
  }
  std::uint32_t str_index(const std::string& s) {
    out_.strings.push_back(s);
    return static_cast<std::uint32_t>(out_.strings.size() - 1);
  }

  // Temporaries: stack discipline per statement. Pointer-holding temps are
  // zeroed when allocated, so the GC never sees a stale pointer in them.
  std::uint32_t temp(const Type* t) { return temp_bytes(fsize(t), t); }
  // A region of the current statement's temps that holds a value of type t:
  // zeroed and added to the live set if t has pointers.
  void track_temp(std::uint32_t off, const Type* t) {
    std::vector<std::uint32_t> w;
    ptr_words(t, off, w);
    if (w.empty()) return;
    emit(Opc::Zero, off, 0, fsize(t));
    temp_ptrs_.emplace_back(off, std::move(w));
    live_dirty_ = true;
  }
  std::uint32_t temp_bytes(std::uint32_t n, const Type* t = nullptr) {
    const std::uint32_t off = frame_top_;
    frame_top_ += align_up(std::max<std::uint32_t>(n, 8), 8);
    frame_max_ = std::max(frame_max_, frame_top_);
    if (t) track_temp(off, t);
    return off;
  }
  struct TempMark {
    std::uint32_t top;
    std::size_t nptr;
  };
  TempMark mark() const { return {frame_top_, temp_ptrs_.size()}; }
  void release(TempMark m) {
    frame_top_ = m.top;
    if (temp_ptrs_.size() != m.nptr) {
      temp_ptrs_.resize(m.nptr);
      live_dirty_ = true;
    }
  }

  // ---- values
  void mov(std::uint32_t dst, std::uint32_t src, const Type* t) {
    if (dst == src) return;
    const std::uint32_t n = fsize(t);
    if (n == 8) emit(Opc::Mov, dst, src);
    else emit(Opc::MovN, dst, src, n);
  }
  void normalize(std::uint32_t dst, const Type* t) {
    const W w = width_of(t);
    if (is_scalar(t) && U(t)->kind == TypeKind::Basic && narrow(w)) emit(Opc::Ext, dst, dst, 0, 0, 0, static_cast<std::uint16_t>(w));
  }

  // Lvalues.
  enum class LK { Slot, FRaw, FDyn, Mem, MapElem, Blank };
  struct LV {
    LK k = LK::Blank;
    const Type* t = nullptr;
    std::uint32_t off = 0;   // Slot/FRaw/FDyn: frame offset; MapElem: map word
    std::uint32_t dyn = 0;   // FDyn: word holding a byte offset; MapElem: key
    std::uint32_t ptr = 0;   // Mem: word holding the address
    std::uint32_t moff = 0;  // Mem: static byte offset
    const Type* map_t = nullptr;
  };

  std::uint32_t load(const LV& lv);
  void load_to(const LV& lv, std::uint32_t dst);
  void store(const LV& lv, std::uint32_t src);
  LV lvalue(Expr* e);
  LV var_lv(const VarObj* v, const Type* t);
  LV field_lv(LV base, const Type* struct_t, int index);
  std::uint32_t addr_of(const LV& lv);

  std::uint32_t expr(Expr* e);                 // value somewhere in the frame (do not write it)
  void expr_to(Expr* e, std::uint32_t dst);    // value into dst (a slot of e's type)
  void expr_to_typed(Expr* e, std::uint32_t dst, const Type* dst_t);  // converting nil / untyped constants
  void constant_to(const Constant& c, const Type* t, std::uint32_t dst);
  void zero(std::uint32_t dst, const Type* t) { emit(Opc::Zero, dst, 0, fsize(t)); }
  void operation_to(Operation* op, std::uint32_t dst);
  void compare_to(Op op, Expr* x, Expr* y, std::uint32_t dst);
  void equal_values(std::uint32_t dst, std::uint32_t a, std::uint32_t b, const Type* t, bool ne);
  void call_to(CallExpr* call, std::uint32_t dst);   // dst: result block (kNone: discard)
  void builtin_to(CallExpr* call, std::uint32_t dst);
  void lib_to(CallExpr* call, std::uint32_t dst);
  void conversion_to(CallExpr* call, std::uint32_t dst);
  void composite_to(CompositeLit* lit, const Type* t, std::uint32_t dst);
  void index_to(IndexExpr* ix, std::uint32_t dst, std::uint32_t ok_dst = kNone);
  void slice_to(SliceExpr* sx, std::uint32_t dst);
  void concat_to(Operation* op, std::uint32_t dst, bool noescape);
  void cond_jump(Expr* cond, bool jump_if, std::vector<std::size_t>& jumps);

  // ---- statements
  void func(const FuncInfo* f, std::uint32_t id);
  void entry();
  void block(const std::vector<Stmt*>& list);
  void stmt(Stmt* s);
  void assign(AssignStmt* s);
  void declare(const VarObj* v);
  void end_scope_vars(std::size_t n);
  void for_stmt(ForStmt* s, const Stmt* label_target);
  void range_stmt(ForStmt* s, RangeClause* rc);
  void switch_stmt(SwitchStmt* s);
  void if_stmt(IfStmt* s);
  void ret(ReturnStmt* s);
  void var_decl(VarDecl* d);
  void assign_values(const std::vector<Expr*>& lhs, const std::vector<Expr*>& rhs, const std::vector<const VarObj*>& decl);
  bool is_map_clear(ForStmt* s, RangeClause* rc);
  bool noescape_use(Expr* e) { return noescape_.count(e) != 0; }
  std::set<const Expr*> noescape_;
  // The variable a map made directly on an assignment's right-hand side is
  // assigned to (`users := make(map...)`): names maps in summaries.
  std::string assign_name_;
  const Expr* assign_rhs_ = nullptr;
  std::uint32_t map_name(const Expr* e) {
    if (e != assign_rhs_ || assign_name_.empty()) return 0;
    out_.strings.push_back(assign_name_);
    return static_cast<std::uint32_t>(out_.strings.size());
  }
  void mark_noescape(Expr* e) {
    e = unparen(e);
    if (auto op = as<Operation>(e); op && op->op == Op::Add && op->y && is_str(op->type)) noescape_.insert(op);
    if (auto c = as<CallExpr>(e); c && c->call_kind == CallKind::Conversion && is_str(c->type)) noescape_.insert(c);
  }
};

// ---------------------------------------------------------------------------
// Lvalues

Compiler::LV Compiler::var_lv(const VarObj* v, const Type* t) {
  LV lv;
  lv.t = t ? t : v->type;
  auto it = vars_.find(v);
  if (it == vars_.end()) throw Unsupported{cur_pos_, "variable " + v->name + " used before its declaration was compiled"};
  const VarLoc& loc = it->second;
  if (loc.global) {
    lv.k = LK::Mem;
    lv.ptr = temp_bytes(8);
    emit(Opc::Const, lv.ptr, konst(kGlobalBase + loc.off));
    return lv;
  }
  if (loc.heap) {
    lv.k = LK::Mem;
    lv.ptr = loc.off;
    return lv;
  }
  lv.k = LK::Slot;
  lv.off = loc.off;
  return lv;
}

Compiler::LV Compiler::field_lv(LV base, const Type* struct_t, int index) {
  const Type* st = U(struct_t);
  const runtime::Type* r = rt(struct_t);
  const std::uint32_t foff = static_cast<std::uint32_t>(r->fields.at(index).offset);
  LV lv = base;
  lv.t = st->fields.at(index).type;
  switch (base.k) {
    case LK::Slot:
    case LK::FRaw: lv.k = LK::FRaw; lv.off = base.off + foff; break;
    case LK::FDyn: lv.off = base.off + foff; break;
    case LK::Mem: lv.moff = base.moff + foff; break;
    default: {
      // a field of a non-addressable value (map element, call result): materialize
      const std::uint32_t t = load(base);
      lv.k = LK::FRaw;
      lv.off = t + foff;
    }
  }
  return lv;
}

std::uint32_t Compiler::addr_of(const LV& lv) {
  if (lv.k != LK::Mem) throw Unsupported{cur_pos_, "taking the address of a frame value"};
  if (lv.moff == 0) return lv.ptr;
  const std::uint32_t t = temp_bytes(8);
  emit(Opc::NilChk, lv.ptr);
  emit(Opc::AddK, t, lv.ptr, lv.moff);
  return t;
}

Compiler::LV Compiler::lvalue(Expr* e) {
  e = unparen(e);
  if (auto n = as<Name>(e)) {
    if (n->value == "_") return LV{};
    auto* v = dynamic_cast<VarObj*>(n->obj);
    if (!v) throw Unsupported{n->pos, "assignment to " + n->value};
    return var_lv(v, e->type);
  }
  if (auto s = as<SelectorExpr>(e)) {
    if (s->sel_kind != SelKind::Field) throw Unsupported{s->pos, "selector " + expr_string(s)};
    if (s->indirect) {
      LV lv;
      lv.k = LK::Mem;
      lv.ptr = expr(s->x);
      const Type* st = U(U(s->x->type)->elem);
      return field_lv(LV{LK::Mem, st, 0, 0, lv.ptr, 0, nullptr}, st, s->field_index);
    }
    const Type* st = s->x->type;
    LV base;
    if (s->x->mode == Mode::Variable) base = lvalue(s->x);
    else { base.k = LK::FRaw; base.off = expr(s->x); base.t = st; }
    return field_lv(base, st, s->field_index);
  }
  if (auto ix = as<IndexExpr>(e)) {
    LV lv;
    lv.t = e->type;
    switch (ix->index_kind) {
      case IndexKind::Map: {
        lv.k = LK::MapElem;
        lv.map_t = ix->x->type;
        lv.off = expr(ix->x);
        const std::uint32_t key = temp(U(ix->x->type)->key);
        expr_to_typed(ix->index, key, U(ix->x->type)->key);
        lv.dyn = key;
        return lv;
      }
      case IndexKind::Slice: {
        const std::uint32_t s = expr(ix->x);
        const std::uint32_t i = expr(ix->index);
        const std::uint32_t p = temp_bytes(8);
        emit(Opc::SliceIdx, p, s, i, static_cast<std::uint32_t>(rt(e->type)->size));
        lv.k = LK::Mem;
        lv.ptr = p;
        return lv;
      }
      case IndexKind::PtrArray: {
        const Type* at = U(U(ix->x->type)->elem);
        const std::uint32_t p0 = expr(ix->x);
        const std::uint32_t i = expr(ix->index);
        const std::uint32_t p = temp_bytes(8);
        emit(Opc::PtrIdx, p, p0, i, static_cast<std::uint32_t>(rt(at->elem)->size), static_cast<std::uint32_t>(at->len));
        lv.k = LK::Mem;
        lv.ptr = p;
        return lv;
      }
      case IndexKind::Array: {
        const Type* at = U(ix->x->type);
        const std::uint32_t esz = static_cast<std::uint32_t>(rt(at->elem)->size);
        LV base;
        if (ix->x->mode == Mode::Variable) base = lvalue(ix->x);
        else { base.k = LK::FRaw; base.off = expr(ix->x); base.t = ix->x->type; }
        if (ix->index->mode == Mode::Constant) {
          std::int64_t c = 0;
          ix->index->value.to_int().int64_val(c);
          if (base.k == LK::Mem) { base.moff += static_cast<std::uint32_t>(c) * esz; base.t = e->type; return base; }
          if (base.k == LK::Slot || base.k == LK::FRaw) { base.k = LK::FRaw; base.off += static_cast<std::uint32_t>(c) * esz; base.t = e->type; return base; }
          if (base.k == LK::FDyn) { base.off += static_cast<std::uint32_t>(c) * esz; base.t = e->type; return base; }
        }
        const std::uint32_t i = expr(ix->index);
        if (base.k == LK::Mem) {
          const std::uint32_t a = addr_of(base);
          const std::uint32_t p = temp_bytes(8);
          emit(Opc::PtrIdx, p, a, i, esz, static_cast<std::uint32_t>(at->len));
          lv.k = LK::Mem;
          lv.ptr = p;
          return lv;
        }
        emit(Opc::IdxChk, 0, i, static_cast<std::uint32_t>(at->len));
        const std::uint32_t boff = temp_bytes(8);
        const std::uint32_t ksz = temp_bytes(8);
        emit(Opc::Const, ksz, konst(esz));
        emit(Opc::Mul, boff, i, ksz);
        if (base.k == LK::FDyn) {
          emit(Opc::Add, boff, boff, base.dyn);
        }
        lv.k = LK::FDyn;
        lv.off = base.off;
        lv.dyn = boff;
        return lv;
      }
      default: break;
    }
    throw Unsupported{ix->pos, "assignment to " + expr_string(ix)};
  }
  if (auto op = as<Operation>(e); op && op->op == Op::Mul && !op->y) {
    LV lv;
    lv.k = LK::Mem;
    lv.t = e->type;
    lv.ptr = expr(op->x);
    return lv;
  }
  // Not addressable: a value in a temp.
  LV lv;
  lv.k = LK::FRaw;
  lv.t = e->type;
  lv.off = expr(e);
  if (is_scalar(e->type)) lv.k = LK::Slot;
  return lv;
}

std::uint32_t Compiler::load(const LV& lv) {
  if (lv.k == LK::Slot) return lv.off;
  if (lv.k == LK::FRaw && !is_scalar(lv.t)) return lv.off;
  const std::uint32_t t = temp(lv.t);
  load_to(lv, t);
  return t;
}

void Compiler::load_to(const LV& lv, std::uint32_t dst) {
  const bool sc = is_scalar(lv.t);
  const std::uint16_t w = static_cast<std::uint16_t>(width_of(lv.t));
  const std::uint32_t n = fsize(lv.t);
  switch (lv.k) {
    case LK::Slot: mov(dst, lv.off, lv.t); break;
    case LK::FRaw:
      if (sc) emit(Opc::FLd, dst, lv.off, 0, 0, 0, w);
      else mov(dst, lv.off, lv.t);
      break;
    case LK::FDyn:
      emit(Opc::FLdD, dst, lv.off, lv.dyn, 0, sc ? 0 : static_cast<std::uint32_t>(rt(lv.t)->size), w);
      break;
    case LK::Mem:
      if (sc) emit(Opc::Ld, dst, lv.ptr, 0, lv.moff, 0, w);
      else {
        if (rt(lv.t)->size < n) emit(Opc::Zero, dst, 0, n);
        emit(Opc::LdBlk, dst, lv.ptr, static_cast<std::uint32_t>(rt(lv.t)->size), lv.moff);
      }
      break;
    case LK::MapElem: emit(Opc::MapLoad, dst, lv.off, lv.dyn, kNone, tidx(lv.map_t)); break;
    case LK::Blank: break;
  }
}

void Compiler::store(const LV& lv, std::uint32_t src) {
  const bool sc = is_scalar(lv.t);
  const std::uint16_t w = static_cast<std::uint16_t>(width_of(lv.t));
  switch (lv.k) {
    case LK::Slot: mov(lv.off, src, lv.t); break;
    case LK::FRaw:
      if (sc) emit(Opc::FSt, lv.off, src, 0, 0, 0, w);
      else mov(lv.off, src, lv.t);
      break;
    case LK::FDyn:
      emit(Opc::FStD, lv.off, src, lv.dyn, 0, sc ? 0 : static_cast<std::uint32_t>(rt(lv.t)->size), w);
      break;
    case LK::Mem:
      if (sc) {
        const auto k = U(lv.t)->kind;
        if (k == TypeKind::Pointer || k == TypeKind::Map) emit(Opc::StPtr, lv.ptr, src, 0, lv.moff);
        else emit(Opc::St, lv.ptr, src, 0, lv.moff, 0, w);
      } else {
        emit(Opc::StBlk, lv.ptr, src, static_cast<std::uint32_t>(rt(lv.t)->size), lv.moff,
             has_ptrs(lv.t) ? tidx(lv.t) : kNone);
      }
      break;
    case LK::MapElem: emit(Opc::MapStore, lv.off, lv.dyn, src, 0, tidx(lv.map_t)); break;
    case LK::Blank: break;
  }
}

// ---------------------------------------------------------------------------
// Expressions

std::uint32_t Compiler::expr(Expr* e) {
  Expr* u = unparen(e);
  if (auto n = as<Name>(u)) {
    if (auto* v = dynamic_cast<VarObj*>(n->obj); v && u->mode != Mode::Constant) {
      auto it = vars_.find(v);
      if (it != vars_.end() && !it->second.heap && !it->second.global) return it->second.off;
    }
  }
  const std::uint32_t t = temp(e->type);
  expr_to(e, t);
  return t;
}

void Compiler::constant_to(const Constant& c, const Type* t, std::uint32_t dst) {
  const Type* u = U(t);
  if (is_str(u) || c.kind() == ConstKind::String) {
    const std::string& s = c.string_val();
    const Addr a = s.empty() ? 0 : rt_.intern_literal(s);
    emit(Opc::Const, dst, konst(a));
    emit(Opc::Const, dst + 8, konst(s.size()));
    return;
  }
  std::uint64_t bits = 0;
  if (c.kind() == ConstKind::Bool) bits = c.bool_val() ? 1 : 0;
  else if (is_flt(u) || u->basic == BasicKind::UntypedFloat) {
    double d = c.to_float().float_val().to_double();
    if (u->basic == BasicKind::Float32) d = static_cast<float>(d);
    std::memcpy(&bits, &d, 8);
  } else {
    const Constant i = c.to_int();
    std::int64_t v = 0;
    std::uint64_t uv = 0;
    if (i.int64_val(v)) bits = static_cast<std::uint64_t>(v);
    else if (i.uint64_val(uv)) bits = uv;
    else bits = i.int_val().low64();
  }
  emit(Opc::Const, dst, konst(bits));
}

void Compiler::expr_to_typed(Expr* e, std::uint32_t dst, const Type* dst_t) {
  Expr* u = unparen(e);
  if (u->mode == Mode::NilValue) { zero(dst, dst_t); return; }
  if (u->mode == Mode::Constant) {
    constant_to(u->value, is_untyped(u->type) ? dst_t : u->type, dst);
    return;
  }
  expr_to(e, dst);
}

void Compiler::expr_to(Expr* e, std::uint32_t dst) {
  const Pos saved = cur_pos_;
  Expr* u = unparen(e);
  if (u->mode == Mode::Constant) { constant_to(u->value, u->type, dst); return; }
  if (u->mode == Mode::NilValue) { zero(dst, u->type); return; }
  const TempMark m = mark();
  switch (u->kind) {
    case NodeKind::Name: {
      auto* n = static_cast<Name*>(u);
      if (auto* v = dynamic_cast<VarObj*>(n->obj)) { load_to(var_lv(v, u->type), dst); break; }
      throw Unsupported{u->pos, "use of " + n->value + " as a value"};
    }
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<SelectorExpr*>(u);
      if (s->sel_kind == SelKind::Field) { load_to(lvalue(u), dst); break; }
      if (s->sel_kind == SelKind::Qualified) {
        if (auto* v = dynamic_cast<VarObj*>(s->sel->obj)) { load_to(var_lv(v, u->type), dst); break; }
      }
      throw Unsupported{u->pos, "selector " + expr_string(u)};
    }
    case NodeKind::IndexExpr: index_to(static_cast<IndexExpr*>(u), dst); break;
    case NodeKind::SliceExpr: slice_to(static_cast<SliceExpr*>(u), dst); break;
    case NodeKind::Operation: operation_to(static_cast<Operation*>(u), dst); break;
    case NodeKind::CallExpr: call_to(static_cast<CallExpr*>(u), dst); break;
    case NodeKind::CompositeLit: {
      auto* lit = static_cast<CompositeLit*>(u);
      if (U(u->type)->kind == TypeKind::Pointer) {  // elided &T{...}
        const Type* et = U(u->type)->elem;
        const std::uint32_t v = temp(et);
        composite_to(lit, et, v);
        emit(Opc::New, dst, tidx(et));
        emit(Opc::StBlk, dst, v, static_cast<std::uint32_t>(rt(et)->size), 0, has_ptrs(et) ? tidx(et) : kNone);
      } else {
        composite_to(lit, u->type, dst);
      }
      break;
    }
    default: throw Unsupported{u->pos, "expression " + expr_string(u)};
  }
  release(m);
  cur_pos_ = saved;
}

void Compiler::index_to(IndexExpr* ix, std::uint32_t dst, std::uint32_t ok_dst) {
  cur_pos_ = ix->pos;
  if (ix->index_kind == IndexKind::String) {
    const std::uint32_t s = expr(ix->x);
    const std::uint32_t i = expr(ix->index);
    emit(Opc::StrIdx, dst, s, i);
    return;
  }
  if (ix->index_kind == IndexKind::Map) {
    const Type* mt = ix->x->type;
    const std::uint32_t m = expr(ix->x);
    mark_noescape(ix->index);
    const std::uint32_t key = temp(U(mt)->key);
    expr_to_typed(ix->index, key, U(mt)->key);
    cur_pos_ = ix->pos;
    emit(Opc::MapLoad, dst, m, key, ok_dst, tidx(mt));
    return;
  }
  load_to(lvalue(ix), dst);
}

void Compiler::slice_to(SliceExpr* sx, std::uint32_t dst) {
  auto opt = [&](Expr* e) -> std::uint32_t { return e ? expr(e) : kNone; };
  switch (sx->slice_kind) {
    case IndexKind::String: {
      const std::uint32_t s = expr(sx->x);
      const std::uint32_t lo = opt(sx->index[0]), hi = opt(sx->index[1]);
      cur_pos_ = sx->pos;
      emit(Opc::StrSlice, dst, s, lo, hi);
      return;
    }
    case IndexKind::Slice: {
      const std::uint32_t s = expr(sx->x);
      const std::uint32_t lo = opt(sx->index[0]), hi = opt(sx->index[1]), mx = opt(sx->index[2]);
      cur_pos_ = sx->pos;
      emit(Opc::Reslice, dst, s, lo, hi, mx, static_cast<std::uint16_t>(rt(U(sx->type)->elem)->size));
      return;
    }
    case IndexKind::Array:
    case IndexKind::PtrArray: {
      std::uint32_t p;
      const Type* at;
      if (sx->slice_kind == IndexKind::PtrArray) {
        p = expr(sx->x);
        at = U(U(sx->x->type)->elem);
      } else {
        p = addr_of(lvalue(sx->x));
        at = U(sx->x->type);
      }
      const std::uint32_t lo = opt(sx->index[0]), hi = opt(sx->index[1]), mx = opt(sx->index[2]);
      cur_pos_ = sx->pos;
      emit(Opc::ArrSlice, dst, p, lo, hi, mx, static_cast<std::uint16_t>(rt(at->elem)->size),
           static_cast<std::uint32_t>(at->len));
      return;
    }
    default: throw Unsupported{sx->pos, "slice expression " + expr_string(sx)};
  }
}

void Compiler::concat_to(Operation* op, std::uint32_t dst, bool noescape) {
  // Flatten a + b + c into one concatstrings call, as the Go compiler does.
  std::vector<Expr*> parts;
  std::vector<Expr*> stack{op};
  while (!stack.empty()) {
    Expr* e = unparen(stack.back());
    stack.pop_back();
    auto* o = as<Operation>(e);
    if (o && o->op == Op::Add && o->y && o->mode != Mode::Constant && is_str(o->type)) {
      stack.push_back(o->y);
      stack.push_back(o->x);
    } else {
      parts.push_back(e);
    }
  }
  const std::uint32_t base = temp_bytes(16 * static_cast<std::uint32_t>(parts.size()));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::vector<std::uint32_t> w{base / 8 + 2 * static_cast<std::uint32_t>(i)};
    emit(Opc::Zero, base + 16 * static_cast<std::uint32_t>(i), 0, 16);
    temp_ptrs_.emplace_back(base, std::move(w));
    live_dirty_ = true;
  }
  for (std::size_t i = 0; i < parts.size(); ++i) expr_to_typed(parts[i], base + 16 * static_cast<std::uint32_t>(i), op->type);
  cur_pos_ = op->pos;
  emit(Opc::Concat, dst, base, static_cast<std::uint32_t>(parts.size()), 0, 0, noescape ? 1 : 0);
}

void Compiler::operation_to(Operation* op, std::uint32_t dst) {
  cur_pos_ = op->pos;
  if (!op->y) {
    switch (op->op) {
      case Op::And: {  // &x
        Expr* x = unparen(op->x);
        if (auto lit = as<CompositeLit>(x)) {
          const Type* et = x->type;
          const std::uint32_t v = temp(et);
          composite_to(lit, et, v);
          cur_pos_ = op->pos;
          emit(Opc::New, dst, tidx(et));
          emit(Opc::StBlk, dst, v, static_cast<std::uint32_t>(rt(et)->size), 0, has_ptrs(et) ? tidx(et) : kNone);
          return;
        }
        const std::uint32_t a = addr_of(lvalue(x));
        emit(Opc::Mov, dst, a);
        return;
      }
      case Op::Mul: load_to(lvalue(op), dst); return;
      case Op::Sub: {
        const std::uint32_t x = expr(op->x);
        emit(is_flt(op->type) ? Opc::FNeg : Opc::Neg, dst, x);
        normalize(dst, op->type);
        return;
      }
      case Op::Add: expr_to(op->x, dst); return;
      case Op::Xor: {
        const std::uint32_t x = expr(op->x);
        emit(Opc::Not, dst, x);
        normalize(dst, op->type);
        return;
      }
      case Op::Not: {
        const std::uint32_t x = expr(op->x);
        emit(Opc::LNot, dst, x);
        return;
      }
      default: throw Unsupported{op->pos, "operator in " + expr_string(op)};
    }
  }
  switch (op->op) {
    case Op::Eql: case Op::Neq: case Op::Lss: case Op::Leq: case Op::Gtr: case Op::Geq:
      compare_to(op->op, op->x, op->y, dst);
      return;
    case Op::AndAnd:
    case Op::OrOr: {
      expr_to(op->x, dst);
      const std::size_t j = emit(op->op == Op::AndAnd ? Opc::Jf : Opc::Jt, 0, dst);
      expr_to(op->y, dst);
      patch(j, here());
      return;
    }
    default: break;
  }
  const Type* t = op->type;
  if (is_str(t) && op->op == Op::Add) { concat_to(op, dst, noescape_use(op)); return; }
  const bool shift = op->op == Op::Shl || op->op == Op::Shr;
  const std::uint32_t x = expr(op->x);
  std::uint32_t y;
  if (shift) {
    y = temp_bytes(8);
    expr_to_typed(op->y, y, P.types->basic(BasicKind::Uint));
  } else {
    y = temp_bytes(8);
    expr_to_typed(op->y, y, t);
  }
  cur_pos_ = op->pos;
  const Opc o = arith_op(op->op, t, op->pos, "operator in " + expr_string(op));
  const bool signed_count = shift && !is_uns(op->y->type) && op->y->mode != Mode::Constant;
  emit(o, dst, x, y, 0, 0, signed_count ? 1 : 0);
  normalize(dst, t);
}

void Compiler::equal_values(std::uint32_t dst, std::uint32_t a, std::uint32_t b, const Type* t, bool ne) {
  if (is_scalar(t)) { emit(is_flt(t) ? (ne ? Opc::FNe : Opc::FEq) : (ne ? Opc::Ne : Opc::Eq), dst, a, b); return; }
  if (is_str(t)) { emit(ne ? Opc::StrNe : Opc::StrEq, dst, a, b); return; }
  if (is_iface(t)) { emit(Opc::BlkEq, dst, a, b, 16); if (ne) emit(Opc::LNot, dst, dst); return; }
  const runtime::Type* r = rt(t);
  if (r->is_plain_memory()) {
    emit(Opc::BlkEq, dst, a, b, static_cast<std::uint32_t>(r->size));
    if (ne) emit(Opc::LNot, dst, dst);
    return;
  }
  // field by field (strings, floats, padding): Go's generated eq function
  const Type* u = U(t);
  std::vector<std::size_t> fails;
  const std::uint32_t tmp = temp_bytes(8);
  auto part = [&](const Type* ft, std::uint32_t off) {
    std::uint32_t pa = a + off, pb = b + off;
    if (is_scalar(ft)) {
      const std::uint16_t w = static_cast<std::uint16_t>(width_of(ft));
      pa = temp_bytes(8); pb = temp_bytes(8);
      emit(Opc::FLd, pa, a + off, 0, 0, 0, w);
      emit(Opc::FLd, pb, b + off, 0, 0, 0, w);
    }
    equal_values(tmp, pa, pb, ft, false);
    fails.push_back(emit(Opc::Jf, 0, tmp));
  };
  if (u->kind == TypeKind::Struct) {
    for (std::size_t i = 0; i < u->fields.size(); ++i) {
      if (u->fields[i].name == "_") continue;
      part(u->fields[i].type, static_cast<std::uint32_t>(r->fields[i].offset));
    }
  } else if (u->kind == TypeKind::Array) {
    const std::uint32_t esz = static_cast<std::uint32_t>(rt(u->elem)->size);
    for (std::int64_t i = 0; i < u->len; ++i) part(u->elem, static_cast<std::uint32_t>(i) * esz);
  }
  emit(Opc::Const, dst, konst(ne ? 0 : 1));
  const std::size_t j = emit(Opc::Jmp);
  for (auto f : fails) patch(f, here());
  emit(Opc::Const, dst, konst(ne ? 1 : 0));
  patch(j, here());
}

void Compiler::compare_to(Op op, Expr* x, Expr* y, std::uint32_t dst) {
  Expr* ux = unparen(x);
  Expr* uy = unparen(y);
  // comparison with nil
  if (ux->mode == Mode::NilValue || uy->mode == Mode::NilValue) {
    Expr* v = ux->mode == Mode::NilValue ? uy : ux;
    const std::uint32_t a = expr(v);
    const std::uint32_t z = temp_bytes(8);
    emit(Opc::Const, z, konst(0));
    emit(op == Op::Eql ? Opc::Eq : Opc::Ne, dst, a, z);
    return;
  }
  const Type* t = ux->mode == Mode::Constant && is_untyped(ux->type) ? uy->type : ux->type;
  if (is_untyped(t)) t = default_type(*P.types, t);
  if (is_str(t)) {
    mark_noescape(x);
    mark_noescape(y);
  }
  const std::uint32_t n = fsize(t);
  std::uint32_t a = temp_bytes(n, t), b = temp_bytes(n, t);
  expr_to_typed(x, a, t);
  expr_to_typed(y, b, t);
  cur_pos_ = ux->pos;
  if (op == Op::Eql || op == Op::Neq) { equal_values(dst, a, b, t, op == Op::Neq); return; }
  if (op == Op::Gtr || op == Op::Geq) {
    std::swap(a, b);
    op = op == Op::Gtr ? Op::Lss : Op::Leq;
  }
  const bool lt = op == Op::Lss;
  Opc o;
  if (is_str(t)) o = lt ? Opc::StrLt : Opc::StrLe;
  else if (is_flt(t)) o = lt ? Opc::FLt : Opc::FLe;
  else if (is_uns(t)) o = lt ? Opc::LtU : Opc::LeU;
  else o = lt ? Opc::LtS : Opc::LeS;
  emit(o, dst, a, b);
}

void Compiler::cond_jump(Expr* cond, bool jump_if, std::vector<std::size_t>& jumps) {
  const TempMark m = mark();
  const std::uint32_t c = expr(cond);
  jumps.push_back(emit(jump_if ? Opc::Jt : Opc::Jf, 0, c));
  release(m);
}

void Compiler::composite_to(CompositeLit* lit, const Type* t, std::uint32_t dst) {
  const Type* u = U(t);
  cur_pos_ = lit->pos;
  auto value_of = [](Expr* e) -> Expr* {
    if (auto kv = as<KeyValueExpr>(e)) return kv->val;
    return e;
  };
  switch (u->kind) {
    case TypeKind::Struct: {
      const runtime::Type* r = rt(t);
      emit(Opc::Zero, dst, 0, fsize(t));
      for (std::size_t i = 0; i < lit->elems.size(); ++i) {
        const int fi = static_cast<int>(lit->indices.at(i));
        const Type* ft = u->fields.at(fi).type;
        const std::uint32_t off = dst + static_cast<std::uint32_t>(r->fields.at(fi).offset);
        Expr* v = value_of(lit->elems[i]);
        if (is_scalar(ft)) {
          const std::uint32_t tv = temp_bytes(8, ft);
          if (auto cl = as<CompositeLit>(unparen(v)); cl && U(ft)->kind == TypeKind::Pointer) expr_to(v, tv);
          else expr_to_typed(v, tv, ft);
          emit(Opc::FSt, off, tv, 0, 0, 0, static_cast<std::uint16_t>(width_of(ft)));
        } else if (auto cl = as<CompositeLit>(unparen(v))) {
          composite_to(cl, ft, off);
        } else {
          const std::uint32_t tv = temp(ft);
          expr_to_typed(v, tv, ft);
          emit(Opc::MovN, off, tv, static_cast<std::uint32_t>(rt(ft)->size));
        }
      }
      return;
    }
    case TypeKind::Array: {
      const runtime::Type* r = rt(t);
      const std::uint32_t esz = static_cast<std::uint32_t>(rt(u->elem)->size);
      emit(Opc::Zero, dst, 0, fsize(t));
      (void)r;
      for (std::size_t i = 0; i < lit->elems.size(); ++i) {
        const std::uint32_t off = dst + static_cast<std::uint32_t>(lit->indices.at(i)) * esz;
        Expr* v = value_of(lit->elems[i]);
        const Type* et = u->elem;
        if (is_scalar(et)) {
          const std::uint32_t tv = temp_bytes(8, et);
          expr_to_typed(v, tv, et);
          emit(Opc::FSt, off, tv, 0, 0, 0, static_cast<std::uint16_t>(width_of(et)));
        } else {
          const std::uint32_t tv = temp(et);
          if (auto cl = as<CompositeLit>(unparen(v)); cl && U(cl->type)->kind != TypeKind::Pointer) composite_to(cl, et, tv);
          else expr_to_typed(v, tv, et);
          emit(Opc::MovN, off, tv, esz);
        }
      }
      return;
    }
    case TypeKind::Slice: {
      // newarray + element stores (Go: a heap array when the slice escapes)
      const Type* et = u->elem;
      const std::uint32_t n = temp_bytes(8);
      emit(Opc::Const, n, konst(static_cast<std::uint64_t>(lit->length)));
      emit(Opc::MakeSlice, dst, n, kNone, 0, tidx(et));
      for (std::size_t i = 0; i < lit->elems.size(); ++i) {
        const TempMark m = mark();
        Expr* v = value_of(lit->elems[i]);
        const std::uint32_t tv = temp(et);
        if (auto cl = as<CompositeLit>(unparen(v)); cl && U(cl->type)->kind != TypeKind::Pointer) composite_to(cl, et, tv);
        else expr_to_typed(v, tv, et);
        const std::uint32_t idx = temp_bytes(8);
        emit(Opc::Const, idx, konst(static_cast<std::uint64_t>(lit->indices.at(i))));
        const std::uint32_t p = temp_bytes(8);
        emit(Opc::SliceIdx, p, dst, idx, static_cast<std::uint32_t>(rt(et)->size));
        LV lv;
        lv.k = LK::Mem;
        lv.t = et;
        lv.ptr = p;
        store(lv, tv);
        release(m);
      }
      return;
    }
    case TypeKind::Map: {
      const std::uint32_t hint = temp_bytes(8);
      emit(Opc::Const, hint, konst(lit->elems.size()));
      emit(Opc::MakeMap, dst, hint, map_name(lit), 0, tidx(t));
      for (Expr* e : lit->elems) {
        auto* kv = as<KeyValueExpr>(e);
        if (!kv) continue;
        const TempMark m = mark();
        const std::uint32_t k = temp(u->key), v = temp(u->elem);
        if (auto cl = as<CompositeLit>(unparen(kv->key)); cl && U(cl->type)->kind != TypeKind::Pointer) composite_to(cl, u->key, k);
        else expr_to_typed(kv->key, k, u->key);
        if (auto cl = as<CompositeLit>(unparen(kv->val)); cl && U(cl->type)->kind != TypeKind::Pointer) composite_to(cl, u->elem, v);
        else expr_to_typed(kv->val, v, u->elem);
        emit(Opc::MapStore, dst, k, v, 0, tidx(t));
        release(m);
      }
      return;
    }
    default: throw Unsupported{lit->pos, "composite literal of type " + type_string(t)};
  }
}

void Compiler::conversion_to(CallExpr* call, std::uint32_t dst) {
  const Type* to = call->type;
  Expr* arg = call->args.at(0);
  const Type* from = arg->type;
  cur_pos_ = call->pos;
  if (call->mode == Mode::Constant) { expr_to_typed(call, dst, to); return; }
  const Type* ut = U(to);
  const Type* uf = U(from);
  if (is_str(ut)) {
    if (is_str(uf)) { expr_to(arg, dst); return; }
    const std::uint32_t x = expr(arg);
    if (is_integer(uf)) { emit(Opc::RuneToStr, dst, x, 0, 0, 0, noescape_use(call) ? 1 : 0); return; }
    if (uf->kind == TypeKind::Slice) {
      const bool runes = !is_basic(U(uf->elem), BasicKind::Uint8);
      emit(Opc::BytesToStr, dst, x, 0, 0, 0, static_cast<std::uint16_t>((noescape_use(call) ? 1 : 0) | (runes ? 2 : 0)));
      return;
    }
  }
  if (ut->kind == TypeKind::Slice && is_str(uf)) {
    const std::uint32_t x = expr(arg);
    const bool runes = !is_basic(U(ut->elem), BasicKind::Uint8);
    emit(Opc::StrToBytes, dst, x, 0, 0, 0, static_cast<std::uint16_t>(runes ? 2 : 0));
    return;
  }
  if (is_scalar(ut) && is_scalar(uf)) {
    const std::uint32_t x = expr(arg);
    const bool ff = is_flt(uf), tf = is_flt(ut);
    if (ff && tf) emit(Opc::Mov, dst, x);
    else if (ff && !tf) emit(is_uns(ut) ? Opc::F2U : Opc::F2I, dst, x);
    else if (!ff && tf) emit(is_uns(uf) ? Opc::U2F : Opc::I2F, dst, x);
    else emit(Opc::Mov, dst, x);
    normalize(dst, to);
    return;
  }
  expr_to(arg, dst);  // same underlying type
}

void Compiler::call_to(CallExpr* call, std::uint32_t dst) {
  cur_pos_ = call->pos;
  switch (call->call_kind) {
    case CallKind::Conversion: conversion_to(call, dst); return;
    case CallKind::Builtin: builtin_to(call, dst); return;
    case CallKind::Lib:
    case CallKind::LibMethod: lib_to(call, dst); return;
    case CallKind::Func:
    case CallKind::Method: break;
    default: throw Unsupported{call->pos, "call " + expr_string(call)};
  }
  const FuncInfo* callee = call->func ? call->func->info : nullptr;
  if (!callee) throw Unsupported{call->pos, "call of " + expr_string(call->fun)};
  const std::uint32_t id = func_ids_.at(callee);
  // argument block: receiver, parameters (as laid out in the callee's frame)
  std::uint32_t nbytes = 0;
  std::vector<std::pair<const Type*, std::uint32_t>> slots;
  if (callee->recv) { slots.emplace_back(callee->recv->type, nbytes); nbytes += fsize(callee->recv->type); }
  for (const VarObj* p : callee->params) { slots.emplace_back(p->type, nbytes); nbytes += fsize(p->type); }
  const std::uint32_t base = temp_bytes(nbytes);
  for (auto& [t, off] : slots) track_temp(base + off, t);
  std::size_t si = 0;
  if (callee->recv) {
    auto* sel = as<SelectorExpr>(unparen(call->fun));
    const std::uint32_t off = base + slots[si++].second;
    if (sel->recv_addr) {
      const std::uint32_t a = addr_of(lvalue(sel->x));
      emit(Opc::Mov, off, a);
    } else if (sel->recv_deref) {
      LV lv;
      lv.k = LK::Mem;
      lv.t = callee->recv->type;
      lv.ptr = expr(sel->x);
      load_to(lv, off);
    } else {
      expr_to(sel->x, off);
    }
  }
  const std::size_t nparams = callee->params.size();
  std::vector<Expr*> args = call->args;
  // f(g()) with g returning several values
  if (args.size() == 1 && nparams > 1) {
    auto* inner = as<CallExpr>(unparen(args[0]));
    const std::uint32_t rb = temp_bytes(nbytes);
    call_to(inner, rb);
    std::uint32_t o = 0;
    for (std::size_t i = 0; i < nparams; ++i) {
      mov(base + slots[si + i].second, rb + o, callee->params[i]->type);
      o += fsize(callee->params[i]->type);
    }
  } else {
    for (std::size_t i = 0; i < nparams; ++i) {
      const Type* pt = callee->params[i]->type;
      const std::uint32_t off = base + slots[si + i].second;
      if (call->variadic_from >= 0 && static_cast<int>(i) == call->variadic_from) {
        // pack the rest into a new slice (Go: heap when it escapes)
        const Type* et = U(pt)->elem;
        const std::uint32_t n = temp_bytes(8);
        const std::size_t cnt = args.size() - i;
        emit(Opc::Const, n, konst(cnt));
        if (cnt == 0) { emit(Opc::Zero, off, 0, 24); break; }
        emit(Opc::MakeSlice, off, n, kNone, 0, tidx(et));
        for (std::size_t j = 0; j < cnt; ++j) {
          const TempMark m = mark();
          const std::uint32_t v = temp(et);
          expr_to_typed(args[i + j], v, et);
          const std::uint32_t ix = temp_bytes(8);
          emit(Opc::Const, ix, konst(j));
          const std::uint32_t p = temp_bytes(8);
          emit(Opc::SliceIdx, p, off, ix, static_cast<std::uint32_t>(rt(et)->size));
          LV lv;
          lv.k = LK::Mem; lv.t = et; lv.ptr = p;
          store(lv, v);
          release(m);
        }
        break;
      }
      expr_to_typed(args.at(i), off, pt);
    }
  }
  cur_pos_ = call->pos;
  emit(Opc::Call, id, base, dst);
}

void Compiler::builtin_to(CallExpr* call, std::uint32_t dst) {
  auto& a = call->args;
  cur_pos_ = call->pos;
  switch (call->builtin) {
    case BuiltinId::Len:
    case BuiltinId::Cap: {
      const Type* t = U(a[0]->type);
      if (t->kind == TypeKind::Pointer) t = U(t->elem);
      if (t->kind == TypeKind::Array) { emit(Opc::Const, dst, konst(static_cast<std::uint64_t>(t->len))); return; }
      if (t->kind == TypeKind::Map) {
        const std::uint32_t m = expr(a[0]);
        emit(Opc::MapLen, dst, m);
        return;
      }
      mark_noescape(a[0]);
      const std::uint32_t s = expr(a[0]);
      emit(Opc::Mov, dst, s + (call->builtin == BuiltinId::Len ? 8 : 16));
      return;
    }
    case BuiltinId::New: {
      const Type* et = U(call->type)->elem;
      emit(Opc::New, dst, tidx(et));
      return;
    }
    case BuiltinId::Make: {
      const Type* t = U(call->type);
      if (t->kind == TypeKind::Map) {
        std::uint32_t hint = kNone;
        if (a.size() > 1) { hint = temp_bytes(8); expr_to_typed(a[1], hint, P.types->basic(BasicKind::Int)); }
        cur_pos_ = call->pos;
        emit(Opc::MakeMap, dst, hint, map_name(call), 0, tidx(call->type));
        return;
      }
      const std::uint32_t n = temp_bytes(8);
      expr_to_typed(a[1], n, P.types->basic(BasicKind::Int));
      std::uint32_t c = kNone;
      if (a.size() > 2) { c = temp_bytes(8); expr_to_typed(a[2], c, P.types->basic(BasicKind::Int)); }
      cur_pos_ = call->pos;
      emit(Opc::MakeSlice, dst, n, c, 0, tidx(t->elem));
      return;
    }
    case BuiltinId::Append: {
      const Type* st = call->type;
      const Type* et = U(st)->elem;
      const std::uint32_t s = temp(st);
      expr_to_typed(a[0], s, st);
      if (call->has_dots) {
        const std::uint32_t o = expr(a[1]);
        cur_pos_ = call->pos;
        emit(Opc::AppendSl, dst, s, o, 0, tidx(et), is_str(a[1]->type) ? 1 : 0);
        return;
      }
      const std::uint32_t n = static_cast<std::uint32_t>(a.size() - 1);
      const std::uint32_t es = fsize(et);
      const std::uint32_t vals = temp_bytes(es * std::max<std::uint32_t>(n, 1));
      for (std::uint32_t i = 0; i < n; ++i) track_temp(vals + i * es, et);
      for (std::uint32_t i = 0; i < n; ++i) {
        Expr* v = a[i + 1];
        if (auto cl = as<CompositeLit>(unparen(v)); cl && U(cl->type)->kind != TypeKind::Pointer) composite_to(cl, et, vals + i * es);
        else expr_to_typed(v, vals + i * es, et);
      }
      cur_pos_ = call->pos;
      emit(Opc::Append, dst, s, n, vals, tidx(et));
      return;
    }
    case BuiltinId::Copy: {
      const std::uint32_t d = expr(a[0]);
      const std::uint32_t s = expr(a[1]);
      cur_pos_ = call->pos;
      emit(Opc::Copy, dst == kNone ? temp_bytes(8) : dst, d, s, 0, tidx(U(a[0]->type)->elem), is_str(a[1]->type) ? 1 : 0);
      return;
    }
    case BuiltinId::Delete: {
      const Type* mt = a[0]->type;
      const std::uint32_t m = expr(a[0]);
      mark_noescape(a[1]);
      const std::uint32_t k = temp(U(mt)->key);
      expr_to_typed(a[1], k, U(mt)->key);
      cur_pos_ = call->pos;
      emit(Opc::MapDel, m, k, 0, 0, tidx(mt));
      return;
    }
    case BuiltinId::Clear: {
      const Type* t = U(a[0]->type);
      if (t->kind == TypeKind::Map) {
        const std::uint32_t m = expr(a[0]);
        emit(Opc::MapClear, m, 0, 0, 0, tidx(a[0]->type));
        return;
      }
      // clear(slice): zero len elements
      const std::uint32_t s = expr(a[0]);
      const std::uint32_t z = temp(a[0]->type);
      emit(Opc::Zero, z, 0, 24);
      emit(Opc::Copy, temp_bytes(8), s, z, 0, tidx(t->elem), 4);
      return;
    }
    case BuiltinId::Min:
    case BuiltinId::Max: {
      const Type* t = call->type;
      expr_to_typed(a[0], dst, t);
      for (std::size_t i = 1; i < a.size(); ++i) {
        const TempMark m = mark();
        const std::uint32_t v = temp(t);
        expr_to_typed(a[i], v, t);
        const std::uint32_t c = temp_bytes(8);
        // min: take v if v < dst; max: if dst < v
        Opc lt = is_str(t) ? Opc::StrLt : is_flt(t) ? Opc::FLt : is_uns(t) ? Opc::LtU : Opc::LtS;
        if (call->builtin == BuiltinId::Min) emit(lt, c, v, dst); else emit(lt, c, dst, v);
        const std::size_t j = emit(Opc::Jf, 0, c);
        mov(dst, v, t);
        patch(j, here());
        release(m);
      }
      return;
    }
    case BuiltinId::Panic: {
      const Type* t = a[0]->type;
      const std::uint32_t v = expr(a[0]);
      LibSite site;
      site.types.push_back(unparen(a[0])->mode == Mode::NilValue ? nullptr : t);
      site.offs.push_back(0);
      out_.lib_sites.push_back(site);
      cur_pos_ = call->pos;
      emit(Opc::Panic, v, static_cast<std::uint32_t>(out_.lib_sites.size() - 1));
      return;
    }
    case BuiltinId::Print:
    case BuiltinId::Println: {
      LibSite site;
      std::uint32_t total = 0;
      for (Expr* e : a) {
        const Type* t = is_untyped(e->type) ? default_type(*P.types, e->type) : e->type;
        site.types.push_back(t);
        site.offs.push_back(total);
        total += fsize(t);
      }
      const std::uint32_t base = temp_bytes(std::max<std::uint32_t>(total, 8));
      for (std::size_t i = 0; i < a.size(); ++i) expr_to_typed(a[i], base + site.offs[i], site.types[i]);
      out_.lib_sites.push_back(site);
      emit(Opc::Print, 0, base, static_cast<std::uint32_t>(a.size()), static_cast<std::uint32_t>(out_.lib_sites.size() - 1), 0,
           call->builtin == BuiltinId::Println ? 1 : 0);
      return;
    }
    default: throw Unsupported{call->pos, "built-in " + expr_string(call->fun)};
  }
}

void Compiler::lib_to(CallExpr* call, std::uint32_t dst) {
  LibSite site;
  std::vector<Expr*> args;
  const Type* recv_t = nullptr;
  Expr* recv = nullptr;
  if (call->call_kind == CallKind::LibMethod) {
    auto* sel = as<SelectorExpr>(unparen(call->fun));
    recv = sel->x;
    recv_t = sel->x->type;
  }
  args = call->args;
  const LibId id = call->lib;
  const bool fmt_like = id == LibId::FmtPrint || id == LibId::FmtPrintln || id == LibId::FmtPrintf ||
                        id == LibId::FmtSprint || id == LibId::FmtSprintln || id == LibId::FmtSprintf ||
                        id == LibId::FmtErrorf || id == LibId::RuntimeKeepAlive;
  site.boxed = fmt_like;
  // ReadMemStats(&ms) with ms in the frame: pass the frame offset
  if (id == LibId::RuntimeReadMemStats) {
    Expr* x = unparen(args.at(0));
    auto* op = as<Operation>(x);
    if (op && op->op == Op::And && !op->y) {
      if (auto n = as<Name>(unparen(op->x))) {
        auto* v = dynamic_cast<VarObj*>(n->obj);
        auto it = v ? vars_.find(v) : vars_.end();
        if (it != vars_.end() && !it->second.heap && !it->second.global) {
          site.frame_arg = true;
          site.types.push_back(x->type);
          site.offs.push_back(0);
          out_.lib_sites.push_back(site);
          const std::uint32_t t = temp_bytes(8);
          emit(Opc::Const, t, konst(it->second.off));
          cur_pos_ = call->pos;
          emit(Opc::CallLib, dst, t, static_cast<std::uint32_t>(out_.lib_sites.size() - 1), 0, 0, static_cast<std::uint16_t>(id));
          return;
        }
      }
    }
  }
  std::vector<std::pair<Expr*, const Type*>> vals;
  if (recv) vals.emplace_back(recv, recv_t);
  const Type* sig = call->fun->type;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const Type* pt;
    if (fmt_like) pt = args[i]->type;
    else if (sig && U(sig)->kind == TypeKind::Signature && i < U(sig)->params.size()) pt = U(sig)->params[i].type;
    else pt = args[i]->type;
    if (pt && is_untyped(pt)) pt = default_type(*P.types, pt);
    vals.emplace_back(args[i], pt);
  }
  std::uint32_t total = 0;
  for (auto& [e, t] : vals) {
    const bool nil = unparen(e)->mode == Mode::NilValue;
    site.types.push_back(nil ? nullptr : t);
    site.is_const.push_back(unparen(e)->mode == Mode::Constant ? 1 : 0);
    site.offs.push_back(total);
    total += nil ? 16 : fsize(t);
  }
  const std::uint32_t base = temp_bytes(std::max<std::uint32_t>(total, 8));
  for (std::size_t i = 0; i < vals.size(); ++i)
    if (site.types[i]) track_temp(base + site.offs[i], site.types[i]);
  for (std::size_t i = 0; i < vals.size(); ++i) {
    if (!site.types[i]) { emit(Opc::Zero, base + site.offs[i], 0, 16); continue; }
    if (i == 0 && recv && call->call_kind == CallKind::LibMethod) {
      auto* sel = as<SelectorExpr>(unparen(call->fun));
      if (sel->recv_addr) {  // pointer-receiver library method on an addressable value: not modelled
        throw Unsupported{call->pos, "calling " + std::string(lib_name(id)) + " on an addressable value"};
      }
      if (sel->recv_deref) {
        LV lv;
        lv.k = LK::Mem;
        lv.t = site.types[i] = U(recv_t)->elem;
        lv.ptr = expr(recv);
        load_to(lv, base + site.offs[i]);
        continue;
      }
    }
    expr_to_typed(vals[i].first, base + site.offs[i], site.types[i]);
  }
  site.result = call->type;
  out_.lib_sites.push_back(site);
  cur_pos_ = call->pos;
  emit(Opc::CallLib, dst, base, static_cast<std::uint32_t>(out_.lib_sites.size() - 1), 0, 0, static_cast<std::uint16_t>(id));
}

// ---------------------------------------------------------------------------
// Statements

void Compiler::declare(const VarObj* v) {
  auto it = vars_.find(v);
  if (it == vars_.end()) return;
  std::vector<std::uint32_t> w;
  if (it->second.heap) {
    emit(Opc::New, it->second.off, tidx(v->type));
    w.push_back(it->second.off / 8);
  } else {
    ptr_words(v->type, it->second.off, w);
    if (!w.empty() || !is_scalar(v->type)) emit(Opc::Zero, it->second.off, 0, fsize(v->type));
    else emit(Opc::Zero, it->second.off, 0, 8);
  }
  if (!w.empty()) {
    live_vars_.insert(live_vars_.end(), w.begin(), w.end());
    scope_stack_.emplace_back(0, std::move(w));
    live_dirty_ = true;
  } else {
    scope_stack_.emplace_back(0, std::vector<std::uint32_t>{});
  }
}

void Compiler::end_scope_vars(std::size_t n) {
  while (scope_stack_.size() > n) {
    for (std::uint32_t w : scope_stack_.back().second) {
      auto it = std::find(live_vars_.rbegin(), live_vars_.rend(), w);
      if (it != live_vars_.rend()) live_vars_.erase(std::next(it).base());
    }
    scope_stack_.pop_back();
    live_dirty_ = true;
  }
}

void Compiler::block(const std::vector<Stmt*>& list) {
  const std::size_t scope = scope_stack_.size();
  for (Stmt* s : list) stmt(s);
  end_scope_vars(scope);
}

void Compiler::var_decl(VarDecl* d) {
  std::vector<Expr*> lhs(d->names.begin(), d->names.end());
  std::vector<Expr*> rhs = unpack_list(d->values);
  std::vector<const VarObj*> decl;
  for (Name* n : d->names) decl.push_back(dynamic_cast<const VarObj*>(n->obj));
  assign_values(lhs, rhs, decl);
}

// lhs = rhs (or := / var): all right-hand sides first, then the stores, in order.
void Compiler::assign_values(const std::vector<Expr*>& lhs, const std::vector<Expr*>& rhs,
                             const std::vector<const VarObj*>& decl) {
  auto lhs_type = [&](std::size_t i) -> const Type* {
    if (i < decl.size() && decl[i]) return decl[i]->type;
    return lhs[i]->type;
  };
  if (rhs.empty()) {
    for (std::size_t i = 0; i < lhs.size(); ++i)
      if (i < decl.size() && decl[i]) declare(decl[i]);
    return;
  }
  std::vector<std::uint32_t> vals(lhs.size(), kNone);
  std::vector<const Type*> vtypes(lhs.size(), nullptr);
  if (rhs.size() == 1 && lhs.size() > 1) {
    Expr* r = unparen(rhs[0]);
    if (auto ix = as<IndexExpr>(r); ix && ix->index_kind == IndexKind::Map) {  // v, ok := m[k]
      const Type* vt = U(ix->x->type)->elem;
      vals[0] = temp(vt);
      vals[1] = temp_bytes(8);
      vtypes[0] = vt;
      vtypes[1] = P.types->basic(BasicKind::Bool);
      index_to(ix, vals[0], vals[1]);
    } else if (auto call = as<CallExpr>(r)) {
      const Type* tt = call->type;
      std::uint32_t total = 0;
      std::vector<std::uint32_t> offs;
      for (const Param& p : tt->params) { offs.push_back(total); total += fsize(p.type); }
      const std::uint32_t base = temp_bytes(total);
      for (std::size_t i = 0; i < tt->params.size(); ++i) track_temp(base + offs[i], tt->params[i].type);
      call_to(call, base);
      for (std::size_t i = 0; i < lhs.size(); ++i) { vals[i] = base + offs[i]; vtypes[i] = tt->params[i].type; }
    } else {
      throw Unsupported{r->pos, "multi-value expression " + expr_string(r)};
    }
  } else {
    for (std::size_t i = 0; i < rhs.size(); ++i) {
      const Type* t = lhs_type(i);
      if (!t || (as<Name>(unparen(lhs[i])) && static_cast<Name*>(unparen(lhs[i]))->value == "_")) {
        t = is_untyped(rhs[i]->type) ? default_type(*P.types, rhs[i]->type) : rhs[i]->type;
      }
      if (unparen(rhs[i])->mode == Mode::NilValue && !t) continue;
      vtypes[i] = t;
      vals[i] = temp(t);
      assign_rhs_ = unparen(rhs[i]);
      assign_name_ = expr_string(lhs[i]);
      expr_to_typed(rhs[i], vals[i], t);
      assign_rhs_ = nullptr;
    }
  }
  for (std::size_t i = 0; i < lhs.size(); ++i) {
    if (i < decl.size() && decl[i]) {
      declare(decl[i]);
      store(var_lv(decl[i], decl[i]->type), vals[i]);
      continue;
    }
    LV lv = lvalue(lhs[i]);
    if (lv.k == LK::Blank) continue;
    store(lv, vals[i]);
  }
}

void Compiler::assign(AssignStmt* s) {
  if (s->op == Op::Def) {
    std::vector<Expr*> lhs = unpack_list(s->lhs);
    std::vector<const VarObj*> decl(lhs.size(), nullptr);
    for (std::size_t i = 0; i < lhs.size(); ++i)
      if (i < s->lhs_new.size() && s->lhs_new[i]) decl[i] = s->lhs_vars[i];
    // redeclared variables are plain assignments
    assign_values(lhs, unpack_list(s->rhs), decl);
    return;
  }
  if (s->op == Op::None) {
    assign_values(unpack_list(s->lhs), unpack_list(s->rhs), {});
    return;
  }
  // x op= y, x++, x--
  Expr* x = s->lhs;
  const Type* t = x->type;
  LV lv = lvalue(x);
  if (is_str(t) && s->op == Op::Add) {
    // s += t: concatstrings(s, t)
    const std::uint32_t base = temp_bytes(32);
    emit(Opc::Zero, base, 0, 32);
    temp_ptrs_.emplace_back(base, std::vector<std::uint32_t>{base / 8, base / 8 + 2});
    live_dirty_ = true;
    load_to(lv, base);
    expr_to_typed(s->rhs, base + 16, t);
    const std::uint32_t r = temp(t);
    cur_pos_ = s->pos;
    emit(Opc::Concat, r, base, 2, 0, 0, 0);
    store(lv, r);
    return;
  }
  const std::uint32_t cur = load(lv);
  const std::uint32_t y = temp_bytes(8);
  if (s->rhs) expr_to_typed(s->rhs, y, (s->op == Op::Shl || s->op == Op::Shr) ? P.types->basic(BasicKind::Uint) : t);
  else {
    if (is_flt(t)) { double one = 1.0; std::uint64_t b; std::memcpy(&b, &one, 8); emit(Opc::Const, y, konst(b)); }
    else emit(Opc::Const, y, konst(1));
  }
  const Opc o = arith_op(s->op, t, s->pos, "assignment operator");
  const std::uint32_t r = lv.k == LK::Slot ? lv.off : temp_bytes(8);
  cur_pos_ = s->pos;
  const bool signed_count = (s->op == Op::Shl || s->op == Op::Shr) && s->rhs && !is_uns(s->rhs->type) &&
                            unparen(s->rhs)->mode != Mode::Constant;
  emit(o, r, cur, y, 0, 0, signed_count ? 1 : 0);
  normalize(r, t);
  if (lv.k != LK::Slot) store(lv, r);
}

void Compiler::if_stmt(IfStmt* s) {
  const std::size_t scope = scope_stack_.size();
  if (s->init) stmt(s->init);
  cur_pos_ = s->pos;
  std::vector<std::size_t> to_else;
  cond_jump(s->cond, false, to_else);
  block(s->then->list);
  if (s->else_) {
    const std::size_t j = emit(Opc::Jmp);
    for (auto x : to_else) patch(x, here());
    if (auto b = as<BlockStmt>(s->else_)) block(b->list);
    else stmt(s->else_);
    patch(j, here());
  } else {
    for (auto x : to_else) patch(x, here());
  }
  end_scope_vars(scope);
}

bool Compiler::is_map_clear(ForStmt* s, RangeClause* rc) {
  // cmd/compile walk/range.go isMapClear: for k := range m { delete(m, k) }
  if (rc->range_kind != RangeKind::Map || !rc->key_var || rc->value_var) return false;
  if (s->body->list.size() != 1) return false;
  auto* es = as<ExprStmt>(s->body->list[0]);
  auto* call = es ? as<CallExpr>(unparen(es->x)) : nullptr;
  if (!call || call->call_kind != CallKind::Builtin || call->builtin != BuiltinId::Delete) return false;
  auto* m1 = as<Name>(unparen(rc->x));
  auto* m2 = as<Name>(unparen(call->args[0]));
  auto* k = as<Name>(unparen(call->args[1]));
  return m1 && m2 && k && m1->obj == m2->obj && dynamic_cast<VarObj*>(m1->obj) && k->obj == rc->key_var;
}

void Compiler::range_stmt(ForStmt* s, RangeClause* rc) {
  const std::size_t scope = scope_stack_.size();
  const TempMark tm = mark();
  const bool per_iter = s->per_iteration_vars;
  // key / value destinations
  auto lhs = unpack_list(rc->lhs);
  Expr* kx = lhs.size() > 0 ? lhs[0] : nullptr;
  Expr* vx = lhs.size() > 1 ? lhs[1] : nullptr;
  auto blank = [](Expr* e) { auto n = e ? as<Name>(unparen(e)) : nullptr; return !e || (n && n->value == "_"); };
  Loop loop;
  loop.target = s;
  if (is_map_clear(s, rc)) {
    const std::uint32_t m = expr(rc->x);
    emit(Opc::MapClear, m, 0, 0, 0, tidx(rc->x->type));
    release(tm);
    return;
  }
  const Type* xt = U(rc->x->type);
  auto assign_iter = [&](Expr* target, const VarObj* var, std::uint32_t val, const Type* vt) {
    if (blank(target) && !var) return;
    if (rc->def) {
      if (!var) return;
      if (per_iter && vars_.at(var).heap) emit(Opc::New, vars_.at(var).off, tidx(var->type));
      store(var_lv(var, var->type), val);
    } else {
      const TempMark m = mark();
      store(lvalue(target), val);
      release(m);
    }
    (void)vt;
  };
  if (rc->def) {
    if (rc->key_var) declare(rc->key_var);
    if (rc->value_var) declare(rc->value_var);
  }
  switch (rc->range_kind) {
    case RangeKind::Int:
    case RangeKind::Array:
    case RangeKind::PtrArray:
    case RangeKind::Slice:
    case RangeKind::String: {
      const Type* xty = rc->x->type;
      const Type* it = rc->range_kind == RangeKind::Int ? (is_untyped(xty) ? P.types->basic(BasicKind::Int) : xty)
                                                         : P.types->basic(BasicKind::Int);
      std::uint32_t coll = kNone, len = temp_bytes(8);
      if (rc->range_kind == RangeKind::Int) {
        expr_to_typed(rc->x, len, it);
      } else if (rc->range_kind == RangeKind::Array) {
        emit(Opc::Const, len, konst(static_cast<std::uint64_t>(xt->len)));
        if (!blank(vx)) { coll = temp(rc->x->type); expr_to(rc->x, coll); }
      } else if (rc->range_kind == RangeKind::PtrArray) {
        emit(Opc::Const, len, konst(static_cast<std::uint64_t>(U(xt->elem)->len)));
        coll = temp_bytes(8, rc->x->type);
        expr_to(rc->x, coll);
      } else {
        coll = temp(rc->x->type);
        expr_to(rc->x, coll);
        emit(Opc::Mov, len, coll + 8);
      }
      const std::uint32_t i = temp_bytes(8);
      emit(Opc::Const, i, konst(0));
      const std::uint32_t next = temp_bytes(8);
      const std::uint32_t c = temp_bytes(8);
      const std::uint32_t top = here();
      emit(Opc::LtS, c, i, len);
      const std::size_t exit = emit(Opc::Jf, 0, c);
      const Type* kt = rc->range_kind == RangeKind::Int ? it : P.types->basic(BasicKind::Int);
      if (rc->range_kind == RangeKind::String) {
        const std::uint32_t r = temp_bytes(8);
        emit(Opc::StrNext, r, next, coll, i);
        assign_iter(kx, rc->key_var, i, kt);
        assign_iter(vx, rc->value_var, r, P.types->rune_type());
      } else {
        assign_iter(kx, rc->key_var, i, kt);
        if (!blank(vx) || rc->value_var) {
          const Type* et = rc->range_kind == RangeKind::PtrArray ? U(xt->elem)->elem : xt->elem;
          LV e;
          e.t = et;
          const std::uint32_t esz = static_cast<std::uint32_t>(rt(et)->size);
          const TempMark m = mark();
          if (rc->range_kind == RangeKind::Slice) {
            const std::uint32_t p = temp_bytes(8);
            emit(Opc::SliceIdx, p, coll, i, esz);
            e.k = LK::Mem; e.ptr = p;
          } else if (rc->range_kind == RangeKind::PtrArray) {
            const std::uint32_t p = temp_bytes(8);
            emit(Opc::PtrIdx, p, coll, i, esz, static_cast<std::uint32_t>(U(xt->elem)->len));
            e.k = LK::Mem; e.ptr = p;
          } else {
            const std::uint32_t boff = temp_bytes(8), ksz = temp_bytes(8);
            emit(Opc::Const, ksz, konst(esz));
            emit(Opc::Mul, boff, i, ksz);
            e.k = LK::FDyn; e.off = coll; e.dyn = boff;
          }
          const std::uint32_t v = load(e);
          assign_iter(vx, rc->value_var, v, et);
          release(m);
        }
      }
      loops_.push_back(loop);
      block(s->body->list);
      const std::uint32_t cont = here();
      if (rc->range_kind == RangeKind::String) emit(Opc::Mov, i, next);
      else emit(Opc::AddK, i, i, 1);
      emit(Opc::Jmp, top);
      const std::uint32_t end = here();
      patch(exit, end);
      for (auto b : loops_.back().breaks) patch(b, end);
      for (auto c2 : loops_.back().continues) patch(c2, cont);
      loops_.pop_back();
      break;
    }
    case RangeKind::Map: {
      const std::uint32_t m = temp_bytes(8, rc->x->type);
      expr_to(rc->x, m);
      const std::uint32_t slot = niters_++;
      emit(Opc::IterInit, 0, m, slot, 0, tidx(rc->x->type));
      const std::uint32_t k = temp(xt->key), v = temp(xt->elem);
      const bool want_k = !blank(kx) || rc->key_var;
      const bool want_v = !blank(vx) || rc->value_var;
      const std::uint32_t top = here();
      const std::size_t exit = emit(Opc::IterNext, 0, want_k ? k : kNone, want_v ? v : kNone, slot, tidx(rc->x->type));
      if (want_k) assign_iter(kx, rc->key_var, k, xt->key);
      if (want_v) assign_iter(vx, rc->value_var, v, xt->elem);
      loop.iter_slot = slot;
      loops_.push_back(loop);
      block(s->body->list);
      const std::uint32_t cont = here();
      emit(Opc::Jmp, top);
      const std::uint32_t end = here();
      patch(exit, end);
      for (auto b : loops_.back().breaks) patch(b, end);
      for (auto c2 : loops_.back().continues) patch(c2, cont);
      loops_.pop_back();
      emit(Opc::IterEnd, 0, 0, slot);
      break;
    }
    default: throw Unsupported{s->pos, "range over " + type_string(rc->x->type)};
  }
  end_scope_vars(scope);
  release(tm);
}

void Compiler::for_stmt(ForStmt* s, const Stmt*) {
  if (auto rc = as<RangeClause>(s->init)) { range_stmt(s, rc); return; }
  const std::size_t scope = scope_stack_.size();
  if (s->init) stmt(s->init);
  Loop loop;
  loop.target = s;
  const std::uint32_t top = here();
  std::vector<std::size_t> exits;
  if (s->cond) { cur_pos_ = s->cond->pos; cond_jump(s->cond, false, exits); }
  loops_.push_back(loop);
  block(s->body->list);
  const std::uint32_t cont = here();
  // Go 1.22 per-iteration loop variables: escaping ones get a fresh cell
  if (s->per_iteration_vars) {
    if (auto a = as<AssignStmt>(s->init))
      for (std::size_t i = 0; i < a->lhs_vars.size(); ++i)
        if (a->lhs_vars[i] && vars_.count(a->lhs_vars[i]) && vars_.at(a->lhs_vars[i]).heap)
          emit(Opc::Renew, vars_.at(a->lhs_vars[i]).off, tidx(a->lhs_vars[i]->type));
  }
  if (s->post) stmt(s->post);
  emit(Opc::Jmp, top);
  const std::uint32_t end = here();
  for (auto e : exits) patch(e, end);
  for (auto b : loops_.back().breaks) patch(b, end);
  for (auto c : loops_.back().continues) patch(c, cont);
  loops_.pop_back();
  end_scope_vars(scope);
}

void Compiler::switch_stmt(SwitchStmt* s) {
  const std::size_t scope = scope_stack_.size();
  const TempMark tm = mark();
  if (s->init) stmt(s->init);
  cur_pos_ = s->pos;
  const Type* tt = s->tag ? s->tag_type : P.types->basic(BasicKind::Bool);
  if (!tt && s->tag) tt = s->tag->type;
  if (tt && is_untyped(tt)) tt = default_type(*P.types, tt);
  std::uint32_t tag = kNone;
  if (s->tag) {
    if (is_str(tt)) mark_noescape(s->tag);
    tag = temp(tt);
    expr_to_typed(s->tag, tag, tt);
  }
  Loop loop;
  loop.target = s;
  loops_.push_back(loop);
  // tests in order; bodies after
  std::vector<std::vector<std::size_t>> to_body(s->body.size());
  std::size_t default_idx = s->body.size();
  for (std::size_t i = 0; i < s->body.size(); ++i) {
    CaseClause* cc = s->body[i];
    if (!cc->cases) { default_idx = i; continue; }
    for (Expr* e : unpack_list(cc->cases)) {
      const TempMark m = mark();
      cur_pos_ = e->pos;
      if (s->tag) {
        const std::uint32_t v = temp(tt);
        if (is_str(tt)) mark_noescape(e);
        expr_to_typed(e, v, tt);
        const std::uint32_t c = temp_bytes(8);
        if (unparen(e)->mode == Mode::NilValue) {
          const std::uint32_t z = temp_bytes(8);
          emit(Opc::Const, z, konst(0));
          emit(Opc::Eq, c, tag, z);
        } else {
          equal_values(c, tag, v, tt, false);
        }
        to_body[i].push_back(emit(Opc::Jt, 0, c));
      } else {
        cond_jump(e, true, to_body[i]);
      }
      release(m);
    }
  }
  const std::size_t to_default = emit(Opc::Jmp);
  std::vector<std::size_t> ends;
  std::vector<std::size_t> pending_fall;
  for (std::size_t i = 0; i < s->body.size(); ++i) {
    const std::uint32_t start = here();
    for (auto j : to_body[i]) patch(j, start);
    if (i == default_idx) patch(to_default, start);
    for (auto f : pending_fall) patch(f, start);
    pending_fall.clear();
    const std::size_t fts = fallthrough_jumps_.size();
    block(s->body[i]->body);
    for (std::size_t k = fts; k < fallthrough_jumps_.size(); ++k) pending_fall.push_back(fallthrough_jumps_[k]);
    fallthrough_jumps_.resize(fts);
    ends.push_back(emit(Opc::Jmp));
  }
  const std::uint32_t end = here();
  if (default_idx == s->body.size()) patch(to_default, end);
  for (auto e : ends) patch(e, end);
  for (auto f : pending_fall) patch(f, end);
  for (auto b : loops_.back().breaks) patch(b, end);
  auto conts = loops_.back().continues;
  loops_.pop_back();
  // continue inside a switch targets the enclosing loop
  if (!conts.empty()) {
    Loop* outer = loops_.empty() ? nullptr : &loops_.back();
    if (outer) for (auto c : conts) outer->continues.push_back(c);
  }
  end_scope_vars(scope);
  release(tm);
}

void Compiler::ret(ReturnStmt* s) {
  const FuncInfo* f = info_;
  std::vector<Expr*> rs = unpack_list(s->results);
  if (!rs.empty()) {
    std::vector<Expr*> lhs;
    // evaluate all, then store into the result slots
    if (rs.size() == 1 && f->results.size() > 1) {
      auto* call = as<CallExpr>(unparen(rs[0]));
      std::uint32_t total = 0;
      for (auto* r : f->results) total += fsize(r->type);
      const std::uint32_t base = temp_bytes(total);
      call_to(call, base);
      std::uint32_t o = 0;
      for (auto* r : f->results) {
        store(var_lv(r, r->type), base + o);
        o += fsize(r->type);
      }
    } else {
      std::vector<std::uint32_t> vals;
      for (std::size_t i = 0; i < rs.size(); ++i) {
        const Type* t = f->results[i]->type;
        const std::uint32_t v = temp(t);
        expr_to_typed(rs[i], v, t);
        vals.push_back(v);
      }
      for (std::size_t i = 0; i < rs.size(); ++i) store(var_lv(f->results[i], f->results[i]->type), vals[i]);
    }
  }
  // release every live iterator
  for (auto& l : loops_) if (l.iter_slot != kNone) emit(Opc::IterEnd, 0, 0, l.iter_slot);
  cur_pos_ = s->pos;
  emit(Opc::Ret);
}

void Compiler::stmt(Stmt* s) {
  if (!s) return;
  cur_pos_ = s->pos;
  const TempMark tm = mark();
  switch (s->kind) {
    case NodeKind::EmptyStmt: break;
    case NodeKind::BlockStmt: emit(Opc::Stmt); block(static_cast<BlockStmt*>(s)->list); break;
    case NodeKind::LabeledStmt: stmt(static_cast<LabeledStmt*>(s)->stmt); break;
    case NodeKind::ExprStmt: {
      emit(Opc::Stmt);
      auto* x = static_cast<ExprStmt*>(s)->x;
      Expr* u = unparen(x);
      if (auto call = as<CallExpr>(u)) {
        const Type* t = call->type;
        std::uint32_t dst = kNone;
        if (t && t->kind == TypeKind::Tuple) {
          std::uint32_t total = 0;
          for (const Param& p : t->params) total += fsize(p.type);
          dst = temp_bytes(std::max<std::uint32_t>(total, 8));
          // results of calls may hold pointers: keep them precise by zeroing
          emit(Opc::Zero, dst, 0, std::max<std::uint32_t>(total, 8));
        } else if (t && call->mode != Mode::NoValue) {
          dst = temp(t);
        }
        if (dst == kNone && (call->call_kind == CallKind::Func || call->call_kind == CallKind::Method)) dst = temp_bytes(8);
        call_to(call, dst == kNone ? temp_bytes(8) : dst);
      } else {
        expr(x);
      }
      break;
    }
    case NodeKind::AssignStmt: emit(Opc::Stmt); assign(static_cast<AssignStmt*>(s)); break;
    case NodeKind::DeclStmt:
      for (Decl* d : static_cast<DeclStmt*>(s)->decls) {
        if (auto vd = as<VarDecl>(d)) { cur_pos_ = vd->pos; emit(Opc::Stmt); var_decl(vd); }
      }
      break;
    case NodeKind::IfStmt: emit(Opc::Stmt); if_stmt(static_cast<IfStmt*>(s)); break;
    case NodeKind::ForStmt: emit(Opc::Stmt); for_stmt(static_cast<ForStmt*>(s), s); break;
    case NodeKind::SwitchStmt: emit(Opc::Stmt); switch_stmt(static_cast<SwitchStmt*>(s)); break;
    case NodeKind::ReturnStmt: emit(Opc::Stmt); ret(static_cast<ReturnStmt*>(s)); break;
    case NodeKind::BranchStmt: {
      auto* b = static_cast<BranchStmt*>(s);
      emit(Opc::Stmt);
      if (b->tok == Tok::Fallthrough) { fallthrough_jumps_.push_back(emit(Opc::Jmp)); break; }
      if (b->tok == Tok::Goto) throw Unsupported{b->pos, "goto statements"};
      // find the target loop/switch
      Loop* target = nullptr;
      if (b->target) {
        for (auto it = loops_.rbegin(); it != loops_.rend(); ++it)
          if (it->target == b->target) { target = &*it; break; }
      } else {
        for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) {
          const bool is_switch = it->target->kind == NodeKind::SwitchStmt;
          if (b->tok == Tok::Continue && is_switch) continue;
          target = &*it;
          break;
        }
      }
      if (!target) throw Unsupported{b->pos, "branch target"};
      // leaving range-over-map loops releases their iterators
      for (auto it = loops_.rbegin(); it != loops_.rend() && &*it != target; ++it)
        if (it->iter_slot != kNone) emit(Opc::IterEnd, 0, 0, it->iter_slot);
      if (b->tok == Tok::Break) {
        if (target->iter_slot != kNone) emit(Opc::IterEnd, 0, 0, target->iter_slot);
        target->breaks.push_back(emit(Opc::Jmp));
      } else {
        target->continues.push_back(emit(Opc::Jmp));
      }
      break;
    }
    case NodeKind::CallStmt: throw Unsupported{s->pos, static_cast<CallStmt*>(s)->tok == Tok::Go ? "go statements" : "defer statements"};
    default: throw Unsupported{s->pos, "this statement"};
  }
  release(tm);
}

void Compiler::func(const FuncInfo* f, std::uint32_t id) {
  Function& F = out_.funcs[id];
  fn_ = &F;
  info_ = f;
  vars_.clear();
  live_vars_.clear();
  temp_ptrs_.clear();
  scope_stack_.clear();
  loops_.clear();
  niters_ = 0;
  live_dirty_ = true;
  for (std::size_t g = 0; g < P.globals.size(); ++g) vars_[P.globals[g]] = VarLoc{global_off_[g], false, true};
  // layout: receiver, parameters, results, then the other variables
  std::uint32_t off = 0;
  std::vector<const VarObj*> order;
  if (f->recv) order.push_back(f->recv);
  for (auto* p : f->params) order.push_back(p);
  for (const VarObj* v : order) { vars_[v] = VarLoc{off, false, false}; off += fsize(v->type); }
  F.arg_bytes = off;
  F.result_off = off;
  for (auto* r : f->results) { vars_[r] = VarLoc{off, false, false}; off += fsize(r->type); }
  F.result_bytes = off - F.result_off;
  // escaped params/results keep their incoming slot; the cell lives in an extra slot
  std::vector<std::pair<const VarObj*, std::uint32_t>> moved;
  for (const VarObj* v : f->slots) {
    if (!v || vars_.count(v)) continue;
    const std::uint32_t sz = v->escapes ? 8 : fsize(v->type);
    vars_[v] = VarLoc{off, v->escapes, false};
    off += sz;
  }
  for (const VarObj* v : order) if (v->escapes) moved.emplace_back(v, vars_[v].off);
  for (auto* r : f->results)
    if (r->escapes) throw Unsupported{f->decl->pos, "taking the address of a result parameter"};
  std::vector<std::pair<const VarObj*, std::uint32_t>> cells;
  for (auto& [v, slot] : moved) { cells.emplace_back(v, off); off += 8; }
  frame_top_ = frame_max_ = off;
  cur_pos_ = f->decl ? f->decl->pos : Pos{};
  // parameters are live from entry
  for (const VarObj* v : order) {
    std::vector<std::uint32_t> w;
    ptr_words(v->type, vars_[v].off, w);
    live_vars_.insert(live_vars_.end(), w.begin(), w.end());
  }
  for (auto* r : f->results) {
    std::vector<std::uint32_t> w;
    ptr_words(r->type, vars_[r].off, w);
    live_vars_.insert(live_vars_.end(), w.begin(), w.end());
  }
  live_dirty_ = true;
  // move escaping parameters to the heap ("moved to heap: x")
  for (std::size_t i = 0; i < moved.size(); ++i) {
    const VarObj* v = moved[i].first;
    const std::uint32_t slot = moved[i].second, cell = cells[i].second;
    emit(Opc::New, cell, tidx(v->type));
    live_vars_.push_back(cell / 8);
    live_dirty_ = true;
    LV lv;
    lv.k = LK::Mem; lv.t = v->type; lv.ptr = cell;
    store(lv, slot);
    vars_[v] = VarLoc{cell, true, false};
  }
  block(f->decl->body->list);
  cur_pos_ = f->decl->body->rbrace;
  emit(Opc::Ret);
  F.frame_bytes = align_up(frame_max_, 8);
  F.niters = niters_;
}

void Compiler::entry() {
  // funcs[0]: initialize globals (in Go's order), run init()s, call main
  Function& F = out_.funcs[0];
  fn_ = &F;
  info_ = nullptr;
  vars_.clear();
  live_vars_.clear();
  temp_ptrs_.clear();
  scope_stack_.clear();
  niters_ = 0;
  live_dirty_ = true;
  for (std::size_t g = 0; g < P.globals.size(); ++g) vars_[P.globals[g]] = VarLoc{global_off_[g], false, true};
  frame_top_ = frame_max_ = 0;
  for (const GlobalInit& gi : P.init_order) {
    cur_pos_ = gi.rhs ? gi.rhs->pos : Pos{};
    emit(Opc::Stmt);
    const TempMark m = mark();
    std::vector<Expr*> lhs;
    std::vector<const VarObj*> decl;
    // globals are already zero: plain assignments
    std::vector<Expr*> rhs{gi.rhs};
    if (gi.lhs.size() == 1) {
      const Type* t = gi.lhs[0] ? gi.lhs[0]->type : gi.rhs->type;
      if (is_untyped(t)) t = default_type(*P.types, t);
      const std::uint32_t v = temp(t);
      expr_to_typed(gi.rhs, v, t);
      if (gi.lhs[0]) store(var_lv(gi.lhs[0], t), v);
    } else {
      auto* call = as<CallExpr>(unparen(gi.rhs));
      auto* ix = as<IndexExpr>(unparen(gi.rhs));
      if (ix && ix->index_kind == IndexKind::Map) {
        const Type* vt = U(ix->x->type)->elem;
        const std::uint32_t v = temp(vt), ok = temp_bytes(8);
        index_to(ix, v, ok);
        if (gi.lhs[0]) store(var_lv(gi.lhs[0], vt), v);
        if (gi.lhs[1]) store(var_lv(gi.lhs[1], gi.lhs[1]->type), ok);
      } else if (call) {
        const Type* tt = call->type;
        std::uint32_t total = 0;
        std::vector<std::uint32_t> offs;
        for (const Param& p : tt->params) { offs.push_back(total); total += fsize(p.type); }
        const std::uint32_t base = temp_bytes(total);
        emit(Opc::Zero, base, 0, total);
        call_to(call, base);
        for (std::size_t i = 0; i < gi.lhs.size(); ++i)
          if (gi.lhs[i]) store(var_lv(gi.lhs[i], gi.lhs[i]->type), base + offs[i]);
      }
    }
    release(m);
  }
  for (const FuncInfo* f : P.inits) {
    cur_pos_ = f->decl->pos;
    emit(Opc::Call, func_ids_.at(f), 0, 0);
  }
  cur_pos_ = P.main->decl->pos;
  emit(Opc::Call, func_ids_.at(P.main), 0, 0);
  emit(Opc::Ret);
  F.frame_bytes = align_up(std::max<std::uint32_t>(frame_max_, 8), 8);
  F.name = "runtime.main";
}

void Compiler::compile_all() {
  out_.checked = &P;
  // globals: Go layout, 8-byte aligned each
  std::uint32_t g = 0;
  for (const VarObj* v : P.globals) {
    global_off_.push_back(g);
    const runtime::Type* r = rt(v->type);
    std::vector<std::uint32_t> w;
    ptr_words(v->type, g, w);
    out_.global_ptr_words.insert(out_.global_ptr_words.end(), w.begin(), w.end());
    g += static_cast<std::uint32_t>(align_up(std::max<std::uint64_t>(r->size, 8), 8));
  }
  out_.global_bytes = g;
  out_.funcs.resize(P.funcs.size() + 1);
  for (std::size_t i = 0; i < P.funcs.size(); ++i) {
    func_ids_[P.funcs[i]] = static_cast<std::uint32_t>(i + 1);
    out_.funcs[i + 1].name = "main." + P.funcs[i]->name;
  }
  for (std::size_t i = 0; i < P.funcs.size(); ++i) func(P.funcs[i], static_cast<std::uint32_t>(i + 1));
  entry();
}

}  // namespace

CompileResult compile_program(const CheckedProgram& prog, runtime::Runtime& rt) {
  CompileResult r;
  r.program = std::make_unique<Program>();
  Compiler c(prog, rt, *r.program);
  try {
    c.compile_all();
  } catch (const Unsupported& u) {
    r.diagnostics.push_back(Diagnostic{u.pos.line, u.pos.col, u.what + " not supported by bucketlab"});
    r.program.reset();
  }
  return r;
}

}  // namespace bucketlab::lang
