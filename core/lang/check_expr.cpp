// Checker: expressions, untyped constants, operators, literals, indexing
// (types2 expr.go, const.go, literals.go, index.go, typexpr.go ident).
#include <algorithm>
#include <map>

#include "core/lang/checker_impl.h"
#include "core/lang/text.h"

namespace bucketlab::lang {

namespace {

const char* op2str_overflow(const Expr* x) {
  auto e = as<Operation>(x);
  if (!e) return "";
  if (!e->y) return e->op == Op::Xor ? "bitwise complement" : "";
  switch (e->op) {
    case Op::Add: return "addition";
    case Op::Sub: return "subtraction";
    case Op::Xor: return "bitwise XOR";
    case Op::Mul: return "multiplication";
    case Op::Shl: return "shift";
    default: return "";
  }
}

Pos op_pos(const Expr* x) {
  if (!x) return {};
  if (x->kind == NodeKind::Operation) return x->pos;
  return start_pos(x);
}

bool is_shift(Op op) { return op == Op::Shl || op == Op::Shr; }
bool is_comparison(Op op) {
  return op == Op::Eql || op == Op::Neq || op == Op::Lss || op == Op::Leq || op == Op::Gtr || op == Op::Geq;
}

}  // namespace

// ---------------------------------------------------------------------------
// recording

void Checker::record_node(Expr* e, Mode mode, const Type* type, const Constant& val) {
  e->mode = mode;
  e->type = type;
  e->value = mode == Mode::Constant ? val : Constant();
}

void Checker::remember_untyped(Expr* e, bool is_lhs, Mode mode, const Type* type, const Constant& val) {
  auto [it, inserted] = untyped_.emplace(e, UntypedInfo{is_lhs, mode, type, val});
  if (inserted) untyped_order_.push_back(e);
  else it->second = UntypedInfo{is_lhs, mode, type, val};
}

void Checker::record(Operand& x) {
  if (!x.expr) return;
  const Type* typ;
  switch (x.mode) {
    case Mode::Invalid: typ = ts_.invalid(); break;
    case Mode::NoValue: typ = nullptr; break;
    default: typ = x.type; break;
  }
  record_node(x.expr, x.mode, typ, x.val);
  if (typ && is_untyped(typ)) remember_untyped(x.expr, false, x.mode, typ, x.val);
}

void Checker::update_expr_type(Expr* x, const Type* typ, bool final) {
  auto it = untyped_.find(x);
  if (it == untyped_.end()) return;
  UntypedInfo old = it->second;
  switch (x->kind) {
    case NodeKind::CallExpr:
    case NodeKind::Name:
    case NodeKind::BasicLit:
    case NodeKind::SelectorExpr:
      break;
    case NodeKind::ParenExpr:
      update_expr_type(static_cast<ParenExpr*>(x)->x, typ, final);
      break;
    case NodeKind::Operation: {
      auto* o = static_cast<Operation*>(x);
      if (!o->y) {
        if (o->op == Op::Mul) return;
        if (old.mode == Mode::Constant) break;
        update_expr_type(o->x, typ, final);
        break;
      }
      if (old.mode == Mode::Constant) break;
      if (is_comparison(o->op)) {
        // result type is independent of operand types
      } else if (is_shift(o->op)) {
        update_expr_type(o->x, typ, final);
      } else {
        update_expr_type(o->x, typ, final);
        update_expr_type(o->y, typ, final);
      }
      break;
    }
    default:
      return;
  }
  if (!final && is_untyped(typ)) {
    it = untyped_.find(x);
    if (it != untyped_.end()) it->second.type = typ->underlying();
    record_node(x, old.mode, typ, old.val);
    return;
  }
  untyped_.erase(x);
  if (old.is_lhs) {
    if (!is_integer(typ)) {
      Operand c;
      c.mode = old.mode;
      c.expr = x;
      c.type = old.type;
      c.val = old.val;
      if (legacy_) {
        Expr* parent = shift_parent_.count(x) ? shift_parent_[x] : x;
        error_n(x, "invalid operation: " + es(parent) + " (shift of type " + ts(typ) + ")");
      } else {
        error_n(x, "invalid operation: shifted operand " + es(x) + " (type " + ts(typ) + ") must be integer");
      }
      return;
    }
  }
  Constant val = old.val;
  if (old.mode == Mode::Constant) {
    Operand c;
    c.mode = old.mode;
    c.expr = x;
    c.type = old.type;
    c.val = old.val;
    convert_untyped(c, typ);
    if (c.mode == Mode::Invalid) return;
    val = c.val;
  }
  record_node(x, old.mode, typ, val);
}

void Checker::update_expr_val(Expr* x, const Constant& val) {
  auto it = untyped_.find(x);
  if (it != untyped_.end()) it->second.val = val;
}

// ---------------------------------------------------------------------------
// untyped constants (const.go)

bool Checker::representable_const(const Constant& x, const Type* typ, Constant* rounded) {
  if (!x.known()) return true;
  const Type* u = typ->underlying();
  if (is_integer(u)) {
    Constant xi = x.to_int();
    if (xi.kind() != ConstKind::Int) return false;
    if (rounded) *rounded = xi;
    const BigInt& v = xi.int_val();
    auto fits_signed = [&](unsigned bits) {
      BigInt lo = -BigInt::from_i64(1).shl(bits - 1), hi = BigInt::from_i64(1).shl(bits - 1) - BigInt::from_i64(1);
      return BigInt::cmp(v, lo) >= 0 && BigInt::cmp(v, hi) <= 0;
    };
    auto fits_unsigned = [&](unsigned bits) { return v.sign() >= 0 && v.bit_len() <= bits; };
    switch (u->basic) {
      case BasicKind::Int: case BasicKind::Int64: return fits_signed(64);
      case BasicKind::Int8: return fits_signed(8);
      case BasicKind::Int16: return fits_signed(16);
      case BasicKind::Int32: return fits_signed(32);
      case BasicKind::Uint: case BasicKind::Uintptr: case BasicKind::Uint64: return fits_unsigned(64);
      case BasicKind::Uint8: return fits_unsigned(8);
      case BasicKind::Uint16: return fits_unsigned(16);
      case BasicKind::Uint32: return fits_unsigned(32);
      case BasicKind::UntypedInt: case BasicKind::UntypedRune: return true;
      default: return false;
    }
  }
  if (is_float(u)) {
    Constant xf = x.to_float();
    if (xf.kind() != ConstKind::Float) return false;
    switch (u->basic) {
      case BasicKind::Float32: {
        bool ovf = false;
        float f = xf.float_val().to_float(&ovf);
        if (ovf) return false;
        if (rounded) *rounded = Constant::make_float64(static_cast<double>(f));
        return true;
      }
      case BasicKind::Float64: {
        bool ovf = false;
        double f = xf.float_val().to_double(&ovf);
        if (ovf) return false;
        if (rounded) *rounded = Constant::make_float64(f);
        return true;
      }
      case BasicKind::UntypedFloat: return true;
      default: return false;
    }
  }
  if (is_complex(u)) return false;
  if (is_string(u)) return x.kind() == ConstKind::String;
  if (is_boolean(u)) return x.kind() == ConstKind::Bool;
  return false;
}

int Checker::representation(Operand& x, const Type* typ, Constant* v) {
  *v = x.val;
  if (!representable_const(x.val, typ, v)) {
    if (is_numeric(x.type) && is_numeric(typ)) {
      if (!is_integer(x.type) && is_integer(typ)) return kTruncatedFloat;
      return kNumericOverflow;
    }
    return kInvalidConstVal;
  }
  return kCodeOk;
}

void Checker::representable(Operand& x, const Type* typ) {
  Constant v;
  int code = representation(x, typ, &v);
  if (code != kCodeOk) {
    invalid_conversion(code, x, typ);
    x.mode = Mode::Invalid;
    return;
  }
  x.val = v;
}

void Checker::invalid_conversion(int code, Operand& x, const Type* target) {
  std::string xs = operand_string(x), t = ts(target);
  if (code == kTruncatedFloat) error_x(x, xs + " truncated to " + t);
  else if (code == kNumericOverflow) error_x(x, xs + " overflows " + t);
  else error_x(x, "cannot convert " + xs + (legacy_ ? " to " : " to type ") + t);
}

void Checker::overflow(Operand& x, Pos opPos) {
  if (!x.val.known()) {
    // bucketlab: beyond the size limits of float or string constants
    if (x.val.kind() == ConstKind::Unknown)
      error_at(opPos, "constant result is not representable (bucketlab limits constants to " +
                          std::to_string(Constant::kMaxRatBits) + "-bit rationals and " +
                          std::to_string(Constant::kMaxStringBytes) + "-byte strings)");
    return;
  }
  if (is_typed(x.type)) {
    representable(x, x.type->underlying());
    return;
  }
  constexpr std::size_t prec = 512;
  if (x.val.kind() == ConstKind::Int && x.val.bit_len() > prec) {
    std::string op = op2str_overflow(x.expr);
    if (!op.empty()) op += " ";
    error_at(opPos, "constant " + op + "overflow");
    x.val = Constant::unknown();
  }
}

bool Checker::implicit_type_and_value(Operand& x, const Type* target, const Type** new_type, Constant* val,
                                      int* code) {
  *new_type = x.type;
  *val = Constant();
  *code = kCodeOk;
  if (x.mode == Mode::Invalid || is_typed(x.type) || !is_valid(target)) return true;
  if (is_untyped(target)) {
    // both untyped: the "larger" kind (maxType)
    if (is_numeric(x.type) && is_numeric(target)) {
      *new_type = x.type->basic >= target->basic ? x.type : target;
      return true;
    }
    if (x.type->basic == target->basic) {
      *new_type = x.type;
      return true;
    }
    *new_type = nullptr;
    *code = kInvalidUntypedConversion;
    return false;
  }
  if (x.mode == Mode::NilValue) {
    if (has_nil(target)) {
      *new_type = target;
      return true;
    }
    *new_type = nullptr;
    *code = kInvalidUntypedConversion;
    return false;
  }
  const Type* u = target->underlying();
  switch (u->kind) {
    case TypeKind::Basic:
      if (x.mode == Mode::Constant) {
        Constant v;
        int c = representation(x, u, &v);
        if (c != kCodeOk) {
          *new_type = nullptr;
          *code = c;
          return false;
        }
        *new_type = target;
        *val = v;
        return true;
      }
      switch (x.type->basic) {
        case BasicKind::UntypedBool:
          if (!is_boolean(target)) goto fail;
          break;
        case BasicKind::UntypedInt: case BasicKind::UntypedRune: case BasicKind::UntypedFloat:
        case BasicKind::UntypedComplex:
          if (!is_numeric(target)) goto fail;
          break;
        case BasicKind::UntypedString:
          if (!is_string(target)) goto fail;
          break;
        default:
          goto fail;
      }
      break;
    case TypeKind::Interface:
      if (!u->imethods.empty()) goto fail;  // untyped values cannot be assigned to non-empty interfaces
      *new_type = default_type(ts_, x.type);
      return true;
    default:
      goto fail;
  }
  *new_type = target;
  return true;
fail:
  *new_type = nullptr;
  *code = kInvalidUntypedConversion;
  return false;
}

void Checker::convert_untyped(Operand& x, const Type* target) {
  const Type* nt;
  Constant val;
  int code;
  if (!implicit_type_and_value(x, target, &nt, &val, &code)) {
    invalid_conversion(code, x, target->underlying());
    x.mode = Mode::Invalid;
    return;
  }
  if (val.known()) {
    x.val = val;
    if (x.expr) update_expr_val(x.expr, val);
  }
  if (nt != x.type) {
    x.type = nt;
    if (x.expr) update_expr_type(x.expr, nt, false);
  }
}

// ---------------------------------------------------------------------------
// operators

void Checker::unary(Operand& x, Operation* e) {
  expr(x, e->x);
  if (x.mode == Mode::Invalid) return;
  Op op = e->op;
  switch (op) {
    case Op::And: {
      if (!as<CompositeLit>(unparen(e->x)) && x.mode != Mode::Variable) {
        error_x(x, "invalid operation: cannot take address of " + operand_string(x));
        x.mode = Mode::Invalid;
        return;
      }
      mark_addr_taken(e->x, nonescaping_addr_ != e);
      x.mode = Mode::Value;
      x.type = ts_.pointer_to(x.type);
      return;
    }
    case Op::Recv:
      unsupported(e->pos, "channel operations (<-) are");
      x.mode = Mode::Invalid;
      return;
    case Op::Tilde:
      if (!is_integer(x.type)) {
        error_n(e, "cannot use ~ outside of interface or type constraint");
        x.mode = Mode::Invalid;
        return;
      }
      error_n(e, "cannot use ~ outside of interface or type constraint (use ^ for bitwise complement)");
      op = Op::Xor;
      break;
    default:
      break;
  }
  bool ok = false;
  switch (op) {
    case Op::Add: case Op::Sub: ok = is_numeric(x.type); break;
    case Op::Xor: ok = is_integer(x.type); break;
    case Op::Not: ok = is_boolean(x.type); break;
    default: break;
  }
  if (!ok) {
    error_x(x, std::string("invalid operation: operator ") + op_string(op) + " not defined on " + operand_string(x));
    x.mode = Mode::Invalid;
    return;
  }
  if (x.mode == Mode::Constant) {
    if (!x.val.known()) return;
    unsigned prec = 0;
    if (is_unsigned(x.type)) prec = static_cast<unsigned>(size_of(x.type) * 8);
    x.val = unary_op(op, x.val, prec);
    x.expr = e;
    overflow(x, op_pos(x.expr));
    return;
  }
  x.mode = Mode::Value;
}

void Checker::mark_addr_taken(Expr* e, bool escapes) {
  for (Expr* r = e;;) {
    r = unparen(r);
    if (auto s = as<SelectorExpr>(r); s && s->sel_kind == SelKind::Field && !s->indirect) {
      r = s->x;
      continue;
    }
    if (auto i = as<IndexExpr>(r); i && i->index_kind == IndexKind::Array) {
      r = i->x;
      continue;
    }
    if (auto n = as<Name>(r); n && n->obj && n->obj->kind == ObjKind::Var) {
      auto* v = static_cast<VarObj*>(n->obj);
      v->addr_taken = true;
      if (escapes) v->escapes = true;
    }
    return;
  }
}

void Checker::shift(Operand& x, Operand& y, Expr* e, Op op) {
  Constant xval;
  if (x.mode == Mode::Constant) xval = x.val.to_int();
  if (is_integer(x.type) || (is_untyped(x.type) && xval.kind() == ConstKind::Int)) {
    // ok
  } else {
    error_x(x, "invalid operation: shifted operand " + operand_string(x) + " must be integer");
    x.mode = Mode::Invalid;
    return;
  }
  Constant yval;
  if (y.mode == Mode::Constant) {
    yval = y.val.to_int();
    if (yval.kind() == ConstKind::Int && yval.sign() < 0) {
      error_x(y, "invalid operation: negative shift count " + operand_string(y));
      x.mode = Mode::Invalid;
      return;
    }
    if (is_untyped(y.type)) {
      Operand yy = y;
      representable(yy, ts_.basic(BasicKind::Uint));
      if (yy.mode == Mode::Invalid) {
        x.mode = Mode::Invalid;
        return;
      }
    }
  } else {
    if (is_integer(y.type)) {
      // signed shift counts are fine since Go 1.13
    } else if (is_untyped(y.type)) {
      convert_untyped(y, ts_.basic(BasicKind::Uint));
      if (y.mode == Mode::Invalid) {
        x.mode = Mode::Invalid;
        return;
      }
    } else {
      error_x(y, "invalid operation: shift count " + operand_string(y) + " must be integer");
      x.mode = Mode::Invalid;
      return;
    }
  }
  if (x.mode == Mode::Constant) {
    if (y.mode == Mode::Constant) {
      if (!x.val.known() || !y.val.known()) {
        x.val = Constant::unknown();
        if (!is_integer(x.type)) x.type = ts_.basic(BasicKind::UntypedInt);
        return;
      }
      constexpr std::uint64_t shiftBound = 1023 - 1 + 52;
      std::uint64_t s;
      if (!yval.uint64_val(s) || s > shiftBound) {
        error_x(y, "invalid operation: invalid shift count " + operand_string(y));
        x.mode = Mode::Invalid;
        return;
      }
      if (!is_integer(x.type)) x.type = ts_.basic(BasicKind::UntypedInt);
      x.val = shift_op(xval, op, static_cast<unsigned>(s));
      x.expr = e;
      overflow(x, op_pos(x.expr));
      return;
    }
    if (is_untyped(x.type)) {
      // delay operand checking until the final type is known
      auto it = untyped_.find(x.expr);
      if (it != untyped_.end()) it->second.is_lhs = true;
      if (e) shift_parent_[x.expr] = e;
      x.mode = Mode::Value;
      return;
    }
  }
  if (!is_integer(x.type)) {
    error_x(x, "invalid operation: shifted operand " + operand_string(x) + " must be integer");
    x.mode = Mode::Invalid;
    return;
  }
  x.mode = Mode::Value;
}

void Checker::comparison(Operand& x, Operand& y, Op op, bool switch_case) {
  if (!is_valid(x.type) || !is_valid(y.type)) {
    x.mode = Mode::Invalid;
    return;
  }
  if (switch_case) op = Op::Eql;
  const Operand* err_op = &x;
  std::string cause;
  bool ok = assignable_to(x, y.type, nullptr) || assignable_to(y, x.type, nullptr);
  if (!ok) {
    err_op = &y;
    cause = "mismatched types " + ts(x.type) + " and " + ts(y.type);
    goto error;
  }
  switch (op) {
    case Op::Eql:
    case Op::Neq:
      if (x.mode == Mode::NilValue || y.mode == Mode::NilValue) {
        const Type* typ = x.mode == Mode::NilValue ? y.type : x.type;
        if (!has_nil(typ)) {
          err_op = &y;
          goto error;
        }
      } else if (!comparable(x.type)) {
        err_op = &x;
        goto incomparable;
      } else if (!comparable(y.type)) {
        err_op = &y;
        goto incomparable;
      }
      break;
    default:
      if (!is_ordered(x.type)) {
        err_op = &x;
        goto error;
      }
      if (!is_ordered(y.type)) {
        err_op = &y;
        goto error;
      }
      break;
  }
  if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
    x.val = Constant::make_bool(compare_op(x.val, op, y.val));
  } else {
    x.mode = Mode::Value;
    if (x.expr) update_expr_type(x.expr, default_type(ts_, x.type), true);
    if (y.expr) update_expr_type(y.expr, default_type(ts_, y.type), true);
  }
  x.type = ts_.basic(BasicKind::UntypedBool);
  return;

incomparable: {
  const Type* u = err_op->type->underlying();
  if (u->kind == TypeKind::Slice || u->kind == TypeKind::Map || u->kind == TypeKind::Signature) {
    cause = std::string(u->kind == TypeKind::Slice ? "slice" : u->kind == TypeKind::Map ? "map" : "func") +
            " can only be compared to nil";
  } else if (u->kind == TypeKind::Struct) {
    for (const auto& f : u->fields)
      if (!comparable(f.type)) {
        cause = "struct containing " + ts(f.type) + " cannot be compared";
        break;
      }
  } else if (u->kind == TypeKind::Array) {
    cause = ts(err_op->type) + " cannot be compared";
  }
}
error:
  if (cause.empty()) {
    std::string what = err_op->type->underlying()->kind == TypeKind::Basic ? ts(err_op->type) : "";
    if (what.empty()) {
      switch (err_op->type->underlying()->kind) {
        case TypeKind::Array: what = "array"; break;
        case TypeKind::Slice: what = "slice"; break;
        case TypeKind::Struct: what = "struct"; break;
        case TypeKind::Pointer: what = "pointer"; break;
        case TypeKind::Signature: what = "func"; break;
        case TypeKind::Interface: what = "interface"; break;
        case TypeKind::Map: what = "map"; break;
        default: what = ts(err_op->type); break;
      }
    }
    cause = std::string("operator ") + op_string(op) + " not defined on " + what;
  }
  if (switch_case)
    error_x(x, "invalid case " + es(x.expr) + " in switch on " + es(y.expr) + " (" + cause + ")");
  else
    error_x(*err_op, "invalid operation: " + es(x.expr) + " " + op_string(op) + " " + es(y.expr) + " (" + cause + ")");
  x.mode = Mode::Invalid;
}

void Checker::match_types(Operand& x, Operand& y) {
  auto may_convert = [&](const Operand& a, const Operand& b) {
    if (is_typed(a.type) && is_typed(b.type)) return false;
    if (is_numeric(a.type) != is_numeric(b.type)) return false;
    if (is_interface(a.type) || is_interface(b.type)) return true;
    if (is_boolean(a.type) != is_boolean(b.type)) return false;
    if (is_string(a.type) != is_string(b.type)) return false;
    if (a.mode == Mode::NilValue) return has_nil(b.type);
    if (b.mode == Mode::NilValue) return has_nil(a.type);
    if (is_pointer(a.type) || is_pointer(b.type)) return false;
    return true;
  };
  if (may_convert(x, y)) {
    convert_untyped(x, y.type);
    if (x.mode == Mode::Invalid) return;
    convert_untyped(y, x.type);
    if (y.mode == Mode::Invalid) {
      x.mode = Mode::Invalid;
      return;
    }
  }
}

void Checker::binary(Operand& x, Expr* e, Expr* lhs, Expr* rhs, Op op) {
  Operand y;
  expr(x, lhs);
  expr(y, rhs);
  if (x.mode == Mode::Invalid) return;
  if (y.mode == Mode::Invalid) {
    x.mode = Mode::Invalid;
    x.expr = y.expr;
    return;
  }
  if (is_shift(op)) {
    shift(x, y, e, op);
    return;
  }
  match_types(x, y);
  if (x.mode == Mode::Invalid) return;
  if (is_comparison(op)) {
    comparison(x, y, op, false);
    return;
  }
  if (!identical(x.type, y.type)) {
    if (is_valid(x.type) && is_valid(y.type)) {
      if (e)
        error_x(x, "invalid operation: " + es(e) + " (mismatched types " + ts(x.type) + " and " + ts(y.type) + ")");
      else
        error_x(x, "invalid operation: " + es(lhs) + " " + op_string(op) + "= " + es(rhs) + " (mismatched types " +
                       ts(x.type) + " and " + ts(y.type) + ")");
    }
    x.mode = Mode::Invalid;
    return;
  }
  bool ok = false;
  switch (op) {
    case Op::Add: ok = is_numeric(x.type) || is_string(x.type); break;
    case Op::Sub: case Op::Mul: case Op::Div: ok = is_numeric(x.type); break;
    case Op::Rem: case Op::And: case Op::Or: case Op::Xor: case Op::AndNot: ok = is_integer(x.type); break;
    case Op::AndAnd: case Op::OrOr: ok = is_boolean(x.type); break;
    default: break;
  }
  if (!ok) {
    error_x(x, std::string("invalid operation: operator ") + op_string(op) + " not defined on " + operand_string(x));
    x.mode = Mode::Invalid;
    return;
  }
  if (is_complex(x.type)) {
    unsupported(at(x), "complex numbers are");
    x.mode = Mode::Invalid;
    return;
  }
  if (op == Op::Div || op == Op::Rem) {
    if ((x.mode == Mode::Constant || is_integer(x.type)) && y.mode == Mode::Constant && y.val.known() &&
        y.val.sign() == 0) {
      error_x(y, "invalid operation: division by zero");
      x.mode = Mode::Invalid;
      return;
    }
  }
  if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
    if (!x.val.known() || !y.val.known()) {
      x.val = Constant::unknown();
      return;
    }
    bool int_div = op == Op::Div && is_integer(x.type);
    Constant v = binary_op(x.val, op, y.val, int_div);
    x.val = v;
    x.expr = e;
    overflow(x, op_pos(x.expr));
    return;
  }
  x.mode = Mode::Value;
}

// ---------------------------------------------------------------------------
// operands

void Checker::ident(Operand& x, Name* e, bool want_type) {
  x.mode = Mode::Invalid;
  x.expr = e;
  Object* obj = lookup(e->value);
  if (obj && obj->kind == ObjKind::Builtin && static_cast<BuiltinObj*>(obj)->min_minor > minor_) obj = nullptr;
  if (!obj) {
    if (e->value == "_") error_at(e->pos, "cannot use _ as value or type");
    else if (!dot_import_refused_) error_at(e->pos, "undefined: " + e->value);
    return;
  }
  e->obj = obj;
  bool got_type = obj->kind == ObjKind::TypeName;
  if (!got_type && want_type && !legacy_) {
    std::string kind;
    switch (obj->kind) {
      case ObjKind::PkgName: kind = "package name"; break;
      case ObjKind::Const: kind = "constant"; break;
      case ObjKind::Var:
        switch (static_cast<VarObj*>(obj)->var_kind) {
          case VarKind::Global: kind = "package-level variable"; break;
          case VarKind::Local: kind = "local variable"; break;
          case VarKind::Recv: kind = "receiver"; break;
          case VarKind::Param: kind = "parameter"; break;
          case VarKind::Result: kind = "result variable"; break;
        }
        break;
      case ObjKind::Func: kind = "function"; break;
      case ObjKind::Builtin: kind = "built-in function"; break;
      case ObjKind::Nil: kind = "untyped nil"; break;
      default: break;
    }
    error_at(e->pos, obj->name + " (" + kind + ") is not a type");
    if (obj->kind == ObjKind::Var) static_cast<VarObj*>(obj)->used = true;
    return;
  }
  const Type* typ = obj->type;
  if (!typ || (got_type && want_type && obj->parent == pkg_scope_)) {
    obj_decl(obj);
    typ = obj->type;
  }
  if (!typ) typ = ts_.invalid();
  switch (obj->kind) {
    case ObjKind::PkgName:
      error_at(e->pos, "use of package " + obj->name + " not in selector");
      return;
    case ObjKind::Const: {
      auto* c = static_cast<ConstObj*>(obj);
      add_dep(obj);
      if (!is_valid(typ)) return;
      if (c->is_iota) {
        if (!has_iota_) {
          error_at(e->pos, "cannot use iota outside constant declaration");
          return;
        }
        x.val = iota_;
      } else {
        x.val = c->val;
      }
      x.mode = Mode::Constant;
      break;
    }
    case ObjKind::TypeName:
      if (obj->parent == ts_.universe()) {
        if (obj->name == "any" || obj->name == "comparable") {
          unsupported(e->pos, "interface types (" + obj->name + ") are");
          return;
        }
        if (obj->name == "complex64" || obj->name == "complex128") {
          unsupported(e->pos, "complex numbers are");
          return;
        }
      }
      x.mode = Mode::TypeExpr;
      break;
    case ObjKind::Var:
      static_cast<VarObj*>(obj)->used = true;
      add_dep(obj);
      if (!is_valid(typ)) return;
      x.mode = Mode::Variable;
      break;
    case ObjKind::Func:
      add_dep(obj);
      x.mode = Mode::Value;
      break;
    case ObjKind::Builtin:
      x.id = static_cast<BuiltinObj*>(obj)->id;
      x.mode = Mode::Builtin;
      break;
    case ObjKind::Nil:
      x.mode = Mode::NilValue;
      break;
  }
  x.type = typ;
}

void Checker::basic_lit(Operand& x, BasicLit* e) {
  if (e->lit_kind == LitKind::Imag) {
    unsupported(e->pos, "complex numbers (imaginary literals) are");
    x.mode = Mode::Invalid;
    return;
  }
  if (e->lit_kind == LitKind::Int || e->lit_kind == LitKind::Float) {
    constexpr std::size_t limit = 10000;
    if (e->lit.size() > limit) {
      error_at(e->pos, "excessively long constant: " + e->lit.substr(0, 10) + "... (" + std::to_string(e->lit.size()) +
                           " chars)");
      x.mode = Mode::Invalid;
      return;
    }
  }
  Constant v = Constant::from_literal(e->lit_kind, e->lit);
  if (!v.known()) {
    if (e->lit_kind == LitKind::Float)
      error_at(e->pos, "floating-point constant " + e->lit + " not supported by bucketlab (exponent beyond ±" +
                           std::to_string(Constant::kMaxFloatExponent) + ")");
    else
      error_at(e->pos, "malformed constant: " + e->lit);
    x.mode = Mode::Invalid;
    return;
  }
  x.mode = Mode::Constant;
  switch (e->lit_kind) {
    case LitKind::Int: x.type = ts_.basic(BasicKind::UntypedInt); break;
    case LitKind::Float: x.type = ts_.basic(BasicKind::UntypedFloat); break;
    case LitKind::Rune: x.type = ts_.basic(BasicKind::UntypedRune); break;
    case LitKind::String: x.type = ts_.basic(BasicKind::UntypedString); break;
    default: break;
  }
  x.val = v;
  x.expr = e;
  overflow(x, op_pos(x.expr));
}

// ---------------------------------------------------------------------------
// expression drivers

ExprKind Checker::raw_expr(Operand& x, Expr* e, const Type* hint, bool allow_generic) {
  ExprKind kind = expr_internal(x, e, hint);
  record(x);
  return kind;
}

void Checker::exclude(Operand& x, unsigned modeset) {
  auto bit = [](Mode m) { return 1u << static_cast<unsigned>(m); };
  if (modeset & bit(x.mode)) {
    std::string msg;
    switch (x.mode) {
      case Mode::NoValue:
        msg = (modeset & bit(Mode::TypeExpr)) ? " used as value" : " used as value or type";
        break;
      case Mode::Builtin: msg = " must be called"; break;
      case Mode::TypeExpr: msg = " is not an expression"; break;
      default: break;
    }
    error_x(x, operand_string(x) + msg);
    x.mode = Mode::Invalid;
  }
}

void Checker::single_value(Operand& x) {
  if (x.mode == Mode::Value && x.type && x.type->kind == TypeKind::Tuple) {
    error_x(x, "multiple-value " + operand_string(x) + " in single-value context");
    x.mode = Mode::Invalid;
  }
}

namespace {
constexpr unsigned mbit(Mode m) { return 1u << static_cast<unsigned>(m); }
}  // namespace

// bucketlab: functions and methods can only be called, not used as values.
static bool refuse_func_value(Checker& c, Operand& x) {
  if (x.mode == Mode::Invalid || !x.type || x.type->kind != TypeKind::Signature) return false;
  auto s = as<SelectorExpr>(unparen(x.expr));
  c.unsupported(c.at(x), s && s->sel_kind == SelKind::Method ? "method values are" : "function values are");
  x.mode = Mode::Invalid;
  return true;
}

void Checker::expr(Operand& x, Expr* e) {
  raw_expr(x, e, nullptr, false);
  exclude(x, mbit(Mode::NoValue) | mbit(Mode::Builtin) | mbit(Mode::TypeExpr));
  single_value(x);
  refuse_func_value(*this, x);
}

void Checker::expr_with_hint(Operand& x, Expr* e, const Type* hint) {
  raw_expr(x, e, hint, false);
  exclude(x, mbit(Mode::NoValue) | mbit(Mode::Builtin) | mbit(Mode::TypeExpr));
  single_value(x);
  refuse_func_value(*this, x);
}

void Checker::expr_or_type(Operand& x, Expr* e, bool allow_generic) {
  raw_expr(x, e, nullptr, allow_generic);
  exclude(x, mbit(Mode::NoValue));
  single_value(x);
}

std::vector<Operand> Checker::multi_expr(Expr* e, bool allow_comma_ok, bool* comma_ok) {
  if (comma_ok) *comma_ok = false;
  Operand x;
  raw_expr(x, e, nullptr, false);
  exclude(x, mbit(Mode::NoValue) | mbit(Mode::Builtin) | mbit(Mode::TypeExpr));
  std::vector<Operand> list;
  if (x.mode != Mode::Invalid && x.type && x.type->kind == TypeKind::Tuple) {
    for (const Param& p : x.type->params) {
      Operand o;
      o.mode = Mode::Value;
      o.expr = e;
      o.type = p.type;
      list.push_back(o);
    }
    return list;
  }
  refuse_func_value(*this, x);
  list.push_back(x);
  if (allow_comma_ok && (x.mode == Mode::MapIndex || x.mode == Mode::CommaOk)) {
    Operand x2;
    x2.mode = Mode::Value;
    x2.expr = e;
    x2.type = ts_.basic(BasicKind::UntypedBool);
    list.push_back(x2);
    if (comma_ok) *comma_ok = true;
  }
  return list;
}

std::vector<Operand> Checker::expr_list(const std::vector<Expr*>& elist) {
  if (elist.size() == 1) return multi_expr(elist[0], false, nullptr);
  std::vector<Operand> xs;
  for (Expr* e : elist) {
    Operand x;
    expr(x, e);
    xs.push_back(x);
  }
  return xs;
}

ExprKind Checker::expr_internal(Operand& x, Expr* e, const Type* hint) {
  x.mode = Mode::Invalid;
  x.type = ts_.invalid();
  x.val = Constant();
  switch (e->kind) {
    case NodeKind::BadExpr:
      goto error;
    case NodeKind::Name:
      ident(x, static_cast<Name*>(e), false);
      break;
    case NodeKind::DotsType:
      error_n(e, "invalid use of ...");
      goto error;
    case NodeKind::BasicLit: {
      auto* b = static_cast<BasicLit*>(e);
      if (b->bad) goto error;
      basic_lit(x, b);
      if (x.mode == Mode::Invalid) goto error;
      break;
    }
    case NodeKind::FuncLit:
      unsupported(e->pos, "function literals (closures) are");
      goto error;
    case NodeKind::CompositeLit:
      composite_lit(x, static_cast<CompositeLit*>(e), hint);
      if (x.mode == Mode::Invalid) goto error;
      break;
    case NodeKind::ParenExpr: {
      ExprKind kind = raw_expr(x, static_cast<ParenExpr*>(e)->x, nullptr, false);
      x.expr = e;
      return kind;
    }
    case NodeKind::SelectorExpr:
      selector(x, static_cast<SelectorExpr*>(e), false);
      break;
    case NodeKind::IndexExpr:
      index_expr(x, static_cast<IndexExpr*>(e));
      if (x.mode == Mode::Invalid) goto error;
      break;
    case NodeKind::SliceExpr:
      slice_expr(x, static_cast<SliceExpr*>(e));
      if (x.mode == Mode::Invalid) goto error;
      break;
    case NodeKind::AssertExpr: {
      auto* a = static_cast<AssertExpr*>(e);
      expr(x, a->x);
      if (x.mode == Mode::Invalid) goto error;
      if (!is_interface(x.type)) {
        error_x(x, "invalid operation: " + operand_string(x) + " is not an interface");
        goto error;
      }
      unsupported(a->pos, "type assertions are");
      goto error;
    }
    case NodeKind::TypeSwitchGuard:
      error_n(e, "use of .(type) outside type switch");
      use({static_cast<TypeSwitchGuard*>(e)->x});
      goto error;
    case NodeKind::CallExpr:
      return call_expr(x, static_cast<CallExpr*>(e));
    case NodeKind::ListExpr:
      error_n(e, "unexpected list of expressions");
      goto error;
    case NodeKind::Operation: {
      auto* o = static_cast<Operation*>(e);
      if (!o->y) {
        if (o->op == Op::Mul) {
          expr_or_type(x, o->x, false);
          switch (x.mode) {
            case Mode::Invalid:
              goto error;
            case Mode::TypeExpr:
              x.type = ts_.pointer_to(x.type);
              break;
            default: {
              const Type* u = x.type->underlying();
              if (u->kind != TypeKind::Pointer) {
                error_x(x, "invalid operation: cannot indirect " + operand_string(x));
                goto error;
              }
              x.mode = Mode::Variable;
              x.type = u->elem;
              break;
            }
          }
          break;
        }
        unary(x, o);
        if (x.mode == Mode::Invalid) goto error;
        break;
      }
      binary(x, e, o->x, o->y, o->op);
      if (x.mode == Mode::Invalid) goto error;
      break;
    }
    case NodeKind::KeyValueExpr:
      error_n(e, "no key:value expected");
      goto error;
    case NodeKind::ArrayType: case NodeKind::SliceType: case NodeKind::StructType: case NodeKind::FuncType:
    case NodeKind::InterfaceType: case NodeKind::MapType: case NodeKind::ChanType:
      x.mode = Mode::TypeExpr;
      x.type = typ(e);
      break;
    default:
      error_n(e, "invalid expression");
      goto error;
  }
  x.expr = e;
  return ExprKind::Expression;
error:
  x.mode = Mode::Invalid;
  x.expr = e;
  return ExprKind::Statement;
}

bool Checker::use(const std::vector<Expr*>& args) {
  bool ok = true;
  for (Expr* e : args)
    if (!use1(e, false)) ok = false;
  return ok;
}

bool Checker::use_lhs(const std::vector<Expr*>& args) {
  bool ok = true;
  for (Expr* e : args)
    if (!use1(e, true)) ok = false;
  return ok;
}

bool Checker::use1(Expr* e, bool lhs) {
  Operand x;
  x.mode = Mode::Value;
  Expr* n = unparen(e);
  if (!n) return true;
  if (auto name = as<Name>(n)) {
    if (name->value == "_") return true;
    VarObj* v = nullptr;
    bool v_used = false;
    if (lhs) {
      if (Object* o = lookup(name->value); o && o->kind == ObjKind::Var) {
        v = static_cast<VarObj*>(o);
        v_used = v->used;
      }
    }
    expr_or_type(x, name, true);
    if (v) v->used = v_used;
  } else if (auto l = as<ListExpr>(n)) {
    bool ok = true;
    for (Expr* el : l->elems)
      if (!use1(el, lhs)) ok = false;
    return ok;
  } else {
    raw_expr(x, e, nullptr, true);
  }
  return x.mode != Mode::Invalid;
}

// ---------------------------------------------------------------------------
// composite literals (literals.go)

void Checker::composite_lit(Operand& x, CompositeLit* e, const Type* hint) {
  const Type* typ;
  const Type* base;
  bool is_elem = false;
  if (e->type_expr) {
    if (auto at = as<ArrayType>(e->type_expr); at && !at->len) {
      Type* t = ts_.make(TypeKind::Array);
      t->len = -1;
      t->elem = var_type(at->elem);
      t->pos = at->pos;
      typ = t;
      base = t;
    } else {
      typ = this->typ(e->type_expr);
      base = typ;
    }
  } else if (hint) {
    typ = hint;
    base = typ;
    if (base->underlying()->kind == TypeKind::Pointer) base = base->underlying()->elem;
    is_elem = true;
  } else {
    error_n(e, "missing type in composite literal");
    typ = ts_.invalid();
    base = typ;
  }
  const Type* u = base->underlying();
  switch (u->kind) {
    case TypeKind::Struct: {
      if (e->elems.empty()) break;
      const auto& fields = u->fields;
      e->indices.assign(e->elems.size(), -1);
      if (as<KeyValueExpr>(e->elems[0])) {
        std::vector<bool> visited(fields.size(), false);
        for (std::size_t k = 0; k < e->elems.size(); ++k) {
          Expr* el = e->elems[k];
          auto kv = as<KeyValueExpr>(el);
          if (!kv) {
            error_n(el, "mixture of field:value and value elements in struct literal");
            continue;
          }
          auto key = as<Name>(kv->key);
          expr(x, kv->val);
          if (!key) {
            error_n(kv, "invalid field name " + es(kv->key) + " in struct literal");
            continue;
          }
          int i = -1;
          for (std::size_t f = 0; f < fields.size(); ++f)
            if (fields[f].name == key->value) i = static_cast<int>(f);
          bool foreign = base->kind == TypeKind::Named && !base->pkg.empty();
          if (i >= 0 && foreign && !(key->value[0] >= 'A' && key->value[0] <= 'Z')) {
            error_n(kv->key, "cannot refer to unexported field " + key->value + " in struct literal of type " +
                                 ts(base));
            continue;
          }
          if (i < 0) {
            std::string alt;
            for (const auto& f : fields) {
              if (f.name.size() == key->value.size() &&
                  std::equal(f.name.begin(), f.name.end(), key->value.begin(),
                             [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
                alt = f.name;
            }
            if (legacy_) error_n(kv->key, "unknown field '" + key->value + "' in struct literal of type " + ts(base));
            else error_n(kv->key, lookup_error(base, key->value, alt.empty() ? nullptr : &alt, false, true));
            continue;
          }
          e->indices[k] = i;
          assignment(x, fields[static_cast<std::size_t>(i)].type, "struct literal");
          if (visited[static_cast<std::size_t>(i)]) {
            error_n(kv, "duplicate field name " + key->value + " in struct literal");
            continue;
          }
          visited[static_cast<std::size_t>(i)] = true;
        }
      } else {
        for (std::size_t i = 0; i < e->elems.size(); ++i) {
          Expr* el = e->elems[i];
          if (auto kv = as<KeyValueExpr>(el)) {
            error_n(kv, "mixture of field:value and value elements in struct literal");
            continue;
          }
          expr(x, el);
          if (i >= fields.size()) {
            error_x(x, legacy_ ? "too many values in " + es(e) : "too many values in struct literal of type " + ts(base));
            break;
          }
          const StructField& fld = fields[i];
          bool foreign = base->kind == TypeKind::Named && !base->pkg.empty();
          if (foreign && !(fld.name[0] >= 'A' && fld.name[0] <= 'Z')) {
            error_x(x, "implicit assignment to unexported field " + fld.name + " in struct literal of type " +
                           ts(base));
            continue;
          }
          e->indices[i] = static_cast<std::int64_t>(i);
          assignment(x, fld.type, "struct literal");
        }
        if (e->elems.size() < fields.size())
          error_at(e->rbrace, legacy_ ? "too few values in " + es(e) : "too few values in struct literal of type " + ts(base));
      }
      break;
    }
    case TypeKind::Array: {
      std::int64_t n = indexed_elts(e, e->elems, u->elem, u->len);
      if (u->len < 0) {
        const_cast<Type*>(u)->len = n;
        array_types_.emplace_back(u, u->pos);
        if (e->type_expr) record_node(e->type_expr, Mode::TypeExpr, u, Constant());
      }
      e->length = u->len;
      break;
    }
    case TypeKind::Slice:
      e->length = indexed_elts(e, e->elems, u->elem, -1);
      break;
    case TypeKind::Map: {
      std::vector<Constant> seen;
      for (Expr* el : e->elems) {
        auto kv = as<KeyValueExpr>(el);
        if (!kv) {
          error_n(el, "missing key in map literal");
          continue;
        }
        expr_with_hint(x, kv->key, u->key);
        assignment(x, u->key, "map literal");
        if (x.mode == Mode::Invalid) continue;
        if (x.mode == Mode::Constant) {
          bool duplicate = false;
          for (const Constant& c : seen)
            if (compare_op(c, Op::Eql, x.val)) duplicate = true;
          if (duplicate) {
            error_x(x, "duplicate key " + x.val.str() + " in map literal");
            continue;
          }
          seen.push_back(x.val);
        }
        expr_with_hint(x, kv->val, u->elem);
        assignment(x, u->elem, "map literal");
      }
      break;
    }
    default: {
      for (Expr* el : e->elems) {
        if (auto kv = as<KeyValueExpr>(el)) el = kv->val;
        use({el});
      }
      if (is_valid(u)) {
        error_n(e, std::string("invalid composite literal") + (is_elem ? " element" : "") + " type " + ts(typ));
        x.mode = Mode::Invalid;
        return;
      }
      break;
    }
  }
  x.mode = Mode::Value;
  x.type = typ;
}

std::int64_t Checker::indexed_elts(CompositeLit* lit, const std::vector<Expr*>& elts, const Type* typ,
                                   std::int64_t length) {
  std::set<std::int64_t> visited;
  std::int64_t idx = 0, max = 0;
  lit->indices.assign(elts.size(), -1);
  for (std::size_t k = 0; k < elts.size(); ++k) {
    Expr* e = elts[k];
    bool valid_index = false;
    Expr* eval = e;
    if (auto kv = as<KeyValueExpr>(e)) {
      auto [t, i] = index(kv->key, length);
      if (is_valid(t)) {
        if (i >= 0) {
          idx = i;
          valid_index = true;
        } else {
          error_n(e, "index " + es(kv->key) + " must be integer constant");
        }
      }
      eval = kv->val;
    } else if (length >= 0 && idx >= length) {
      error_n(e, "index " + std::to_string(idx) + " is out of bounds (>= " + std::to_string(length) + ")");
    } else {
      valid_index = true;
    }
    if (valid_index) {
      if (visited.count(idx)) error_n(e, "duplicate index " + std::to_string(idx) + " in array or slice literal");
      visited.insert(idx);
      lit->indices[k] = idx;
    }
    idx++;
    if (idx > max) max = idx;
    Operand x;
    expr_with_hint(x, eval, typ);
    assignment(x, typ, "array or slice literal");
  }
  return max;
}

// ---------------------------------------------------------------------------
// index and slice expressions (index.go)

bool Checker::index_expr(Operand& x, IndexExpr* e) {
  expr_or_type(x, e->x, true);
  switch (x.mode) {
    case Mode::Invalid:
      use({e->index});
      return false;
    case Mode::TypeExpr:
      unsupported(e->pos, "generic types (type instantiation) are");
      x.mode = Mode::Invalid;
      return false;
    case Mode::Value:
      if (x.type->kind == TypeKind::Signature) {
        error_n(e, "invalid operation: cannot index " + operand_string(x));
        x.mode = Mode::Invalid;
        return false;
      }
      break;
    default:
      break;
  }
  bool valid = false;
  std::int64_t length = -1;
  const Type* u = x.type->underlying();
  switch (u->kind) {
    case TypeKind::Basic:
      if (is_string(u)) {
        valid = true;
        if (x.mode == Mode::Constant) length = static_cast<std::int64_t>(x.val.string_val().size());
        x.mode = Mode::Value;
        x.type = ts_.byte_type();
        e->index_kind = IndexKind::String;
      }
      break;
    case TypeKind::Array:
      valid = true;
      length = u->len;
      if (x.mode != Mode::Variable) x.mode = Mode::Value;
      x.type = u->elem;
      e->index_kind = IndexKind::Array;
      break;
    case TypeKind::Pointer:
      if (const Type* a = u->elem->underlying(); a->kind == TypeKind::Array) {
        valid = true;
        length = a->len;
        x.mode = Mode::Variable;
        x.type = a->elem;
        e->index_kind = IndexKind::PtrArray;
      }
      break;
    case TypeKind::Slice:
      valid = true;
      x.mode = Mode::Variable;
      x.type = u->elem;
      e->index_kind = IndexKind::Slice;
      break;
    case TypeKind::Map: {
      Expr* idx = single_index(e);
      if (!idx) {
        x.mode = Mode::Invalid;
        return false;
      }
      Operand key;
      expr(key, idx);
      assignment(key, u->key, "map index");
      x.mode = Mode::MapIndex;
      x.type = u->elem;
      x.expr = e;
      e->index_kind = IndexKind::Map;
      return false;
    }
    default:
      break;
  }
  if (!valid) {
    error_at(e->pos, "invalid operation: cannot index " + operand_string(x));
    use({e->index});
    x.mode = Mode::Invalid;
    return false;
  }
  Expr* idx = single_index(e);
  if (!idx) {
    x.mode = Mode::Invalid;
    return false;
  }
  index(idx, length);
  return false;
}

void Checker::slice_expr(Operand& x, SliceExpr* e) {
  expr(x, e->x);
  if (x.mode == Mode::Invalid) {
    use({e->index[0], e->index[1], e->index[2]});
    return;
  }
  bool valid = false;
  std::int64_t length = -1;
  const Type* u = x.type->underlying();
  switch (u->kind) {
    case TypeKind::Basic:
      if (is_string(u)) {
        if (e->full) {
          Node* at = e->index[2] ? static_cast<Node*>(e->index[2]) : e;
          error_n(at, "invalid operation: 3-index slice of string");
          x.mode = Mode::Invalid;
          return;
        }
        valid = true;
        if (x.mode == Mode::Constant) length = static_cast<std::int64_t>(x.val.string_val().size());
        if (is_untyped(x.type)) x.type = ts_.basic(BasicKind::String);
        e->slice_kind = IndexKind::String;
      }
      break;
    case TypeKind::Array:
      valid = true;
      length = u->len;
      if (x.mode != Mode::Variable) {
        error_x(x, "cannot slice unaddressable value " + operand_string(x));
        x.mode = Mode::Invalid;
        return;
      }
      mark_addr_taken(e->x, true);
      x.type = ts_.slice_of(u->elem);
      e->slice_kind = IndexKind::Array;
      break;
    case TypeKind::Pointer:
      if (const Type* a = u->elem->underlying(); a->kind == TypeKind::Array) {
        valid = true;
        length = a->len;
        x.type = ts_.slice_of(a->elem);
        e->slice_kind = IndexKind::PtrArray;
      }
      break;
    case TypeKind::Slice:
      valid = true;
      e->slice_kind = IndexKind::Slice;
      break;
    default:
      break;
  }
  if (!valid) {
    error_x(x, "cannot slice " + operand_string(x));
    x.mode = Mode::Invalid;
    return;
  }
  x.mode = Mode::Value;
  if (e->full && (!e->index[1] || !e->index[2])) {
    error_n(e, "2nd and 3rd index required in 3-index slice");
    x.mode = Mode::Invalid;
    return;
  }
  std::int64_t ind[3];
  for (int i = 0; i < 3; ++i) {
    std::int64_t v = -1;
    if (e->index[i]) {
      std::int64_t max = length >= 0 ? length + 1 : -1;
      auto [t, val] = index(e->index[i], max);
      if (val >= 0) v = val;
    } else if (i == 0) {
      v = 0;
    } else if (length >= 0) {
      v = length;
    }
    ind[i] = v;
  }
  for (int i = 0; i < 2; ++i) {
    if (ind[i] > 0) {
      for (int j = i + 1; j < 3; ++j) {
        if (ind[j] >= 0 && ind[j] < ind[i]) {
          error_n(e->index[j], "invalid slice indices: " + std::to_string(ind[j]) + " < " + std::to_string(ind[i]));
          return;
        }
      }
    }
  }
}

Expr* Checker::single_index(IndexExpr* e) {
  Expr* idx = e->index;
  if (!idx) {
    error_n(e, "missing index for " + es(e->x));
    return nullptr;
  }
  if (auto l = as<ListExpr>(idx)) {
    error_n(l->elems[1], "invalid operation: more than one index");
    idx = l->elems[0];
  }
  return idx;
}

std::pair<const Type*, std::int64_t> Checker::index(Expr* idx, std::int64_t max) {
  Operand x;
  expr(x, idx);
  if (!is_valid_index(x, "index", false)) return {ts_.invalid(), -1};
  if (x.mode != Mode::Constant) return {x.type, -1};
  if (!x.val.known()) return {ts_.invalid(), -1};
  std::int64_t v = 0;
  x.val.int64_val(v);
  if (max >= 0 && v >= max) {
    error_x(x, "invalid argument: index " + x.val.str() + " out of bounds [0:" + std::to_string(max) + "]");
    return {ts_.invalid(), -1};
  }
  return {x.type, v};
}

bool Checker::is_valid_index(Operand& x, const std::string& what, bool allow_negative) {
  if (x.mode == Mode::Invalid) return false;
  convert_untyped(x, ts_.basic(BasicKind::Int));
  if (x.mode == Mode::Invalid) return false;
  if (!is_integer(x.type)) {
    error_x(x, "invalid argument: " + what + " " + operand_string(x) + " must be integer");
    return false;
  }
  if (x.mode == Mode::Constant) {
    if (!allow_negative && x.val.sign() < 0) {
      error_x(x, "invalid argument: " + what + " " + operand_string(x) + " must not be negative");
      return false;
    }
    if (!representable_const(x.val, ts_.basic(BasicKind::Int), &x.val)) {
      error_x(x, "invalid argument: " + what + " " + operand_string(x) + " overflows int");
      return false;
    }
  }
  return true;
}

}  // namespace bucketlab::lang
