// Checker: calls, selectors, conversions, assignability and built-ins
// (types2 call.go, builtins.go, conversions.go, operand.go assignableTo,
// lookup.go, errsupport.go).
#include <algorithm>

#include "core/lang/checker_impl.h"
#include "core/lang/text.h"

namespace bucketlab::lang {

namespace {

bool exported_name(const std::string& s) { return !s.empty() && s[0] >= 'A' && s[0] <= 'Z'; }

std::string tail(const std::string& s) { return s.size() > 1 ? s.substr(1) : ""; }

bool equal_fold(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

// ---------------------------------------------------------------------------
// assignability and conversions

bool Checker::assignable_to(Operand& x, const Type* T, std::string* cause) {
  if (x.mode == Mode::Invalid || !is_valid(T)) return true;
  const Type* V = x.type;
  if (identical(V, T)) return true;
  const Type* Vu = V->underlying();
  const Type* Tu = T->underlying();
  if (is_untyped(Vu)) {
    const Type* nt;
    Constant val;
    int code;
    implicit_type_and_value(x, T, &nt, &val, &code);
    return nt != nullptr;
  }
  if (identical(Vu, Tu) && (!has_name(V) || !has_name(T))) return true;
  if (Tu->kind == TypeKind::Interface) {
    // V implements T: has every method of T with an identical signature
    for (const IfaceMethod& m : Tu->imethods) {
      bool found = false;
      bool needs_ptr = false;
      if (Vu->kind == TypeKind::Interface) {
        for (const IfaceMethod& vm : Vu->imethods)
          if (vm.name == m.name && identical(vm.sig, m.sig)) found = true;
      } else {
        const Type* named = V->kind == TypeKind::Named ? V : nullptr;
        bool is_ptr = false;
        if (!named && V->kind == TypeKind::Pointer && V->elem->kind == TypeKind::Named) {
          named = V->elem;
          is_ptr = true;
        }
        if (named)
          for (FuncObj* f : named->methods)
            if (f->name == m.name) {
              if (f->ptr_recv && !is_ptr) {
                needs_ptr = true;
              } else if (f->type && identical(f->type, m.sig)) {
                found = true;
              }
            }
      }
      if (!found) {
        if (cause) {
          if (needs_ptr)
            *cause = ts(V) + " does not implement " + ts(T) + " (method " + m.name + " has pointer receiver)";
          else
            *cause = ts(V) + " does not implement " + ts(T) + " (missing method " + m.name + ")";
        }
        return false;
      }
    }
    return true;
  }
  if (Vu->kind == TypeKind::Interface && Tu->kind != TypeKind::Interface) {
    // need type assertion if T implements V
    Operand t;
    t.mode = Mode::Value;
    t.type = T;
    if (assignable_to(t, V, nullptr) && cause) *cause = "need type assertion";
    return false;
  }
  return false;
}

bool Checker::convertible_to(Operand& x, const Type* T, std::string* cause) {
  if (assignable_to(x, T, cause)) return true;
  const Type* V = x.type;
  const Type* Vu = V->underlying();
  const Type* Tu = T->underlying();
  if (identical(Vu, Tu, true)) return true;
  if (V->kind == TypeKind::Pointer && T->kind == TypeKind::Pointer &&
      identical(V->elem->underlying(), T->elem->underlying(), true))
    return true;
  if (is_integer_or_float(Vu) && is_integer_or_float(Tu)) return true;
  if (is_complex(Vu) && is_complex(Tu)) return true;
  if ((is_integer(Vu) || is_bytes_or_runes(Vu)) && is_string(Tu)) return true;
  if (is_string(Vu) && is_bytes_or_runes(Tu)) return true;
  if (Vu->kind == TypeKind::Slice) {
    if (Tu->kind == TypeKind::Array && identical(Vu->elem, Tu->elem)) {
      if (minor_ >= 20) return true;
      if (cause) *cause = "conversion of slice to array requires go1.20 or later";
      return false;
    }
    if (Tu->kind == TypeKind::Pointer && Tu->elem->underlying()->kind == TypeKind::Array &&
        identical(Vu->elem, Tu->elem->underlying()->elem))
      return true;
  }
  return false;
}

void Checker::conversion(Operand& x, const Type* T) {
  bool const_arg = x.mode == Mode::Constant;
  auto const_convertible_to = [&](const Type* t, Constant* val) -> bool {
    const Type* u = t->underlying();
    if (u->kind != TypeKind::Basic) return false;
    if (representable_const(x.val, u, val)) return true;
    if (is_integer(x.type) && is_string(u)) {
      std::int32_t cp = kRuneError;
      std::uint64_t i;
      if (x.val.uint64_val(i) && i <= static_cast<std::uint64_t>(kMaxRune)) cp = static_cast<std::int32_t>(i);
      if (val) {
        std::string s;
        append_rune(s, cp);
        *val = Constant::make_string(s);
      }
      return true;
    }
    return false;
  };
  bool ok = false;
  std::string cause;
  if (const_arg && is_const_type(T)) {
    Constant v = x.val;
    ok = const_convertible_to(T, &v);
    if (ok) x.val = v;
    if (!ok && is_integer(x.type) && is_integer(T) && !legacy_) {
      error_x(x, "constant " + x.val.str() + " overflows " + ts(T));
      x.mode = Mode::Invalid;
      return;
    }
  } else if (convertible_to(x, T, &cause)) {
    ok = true;
    x.mode = Mode::Value;
  }
  if (!ok) {
    if (!cause.empty())
      error_x(x, "cannot convert " + operand_string(x) + " to type " + ts(T) + (legacy_ ? ":\n\t" : ": ") + cause);
    else
      error_x(x, "cannot convert " + operand_string(x) + " to type " + ts(T));
    x.mode = Mode::Invalid;
    return;
  }
  if (is_untyped(x.type)) {
    const Type* final_t = T;
    if (x.mode == Mode::NilValue) {
      // ok
    } else if (is_interface(T) || (const_arg && !is_const_type(T))) {
      final_t = default_type(ts_, x.type);
    } else if (x.mode == Mode::Constant && is_integer(x.type) && is_string(T)) {
      final_t = x.type;
    }
    if (x.expr) update_expr_type(x.expr, final_t, true);
  }
  x.type = T;
}

// ---------------------------------------------------------------------------
// selectors

std::string Checker::lookup_error(const Type* typ, const std::string& sel, const std::string* alt, bool alt_is_method,
                                  bool struct_lit) {
  enum { missing, misspelled, unexported_, inaccessible } e = missing;
  std::string a;
  bool same_pkg = !(typ->kind == TypeKind::Named && !typ->pkg.empty()) &&
                  !(typ->kind == TypeKind::Pointer && typ->elem->kind == TypeKind::Named && !typ->elem->pkg.empty());
  if (alt) {
    a = *alt;
    if (same_pkg) {
      e = misspelled;
    } else if (exported_name(sel)) {
      if (exported_name(a)) e = misspelled;
      else if (tail(sel) == tail(a)) e = unexported_;
    } else if (exported_name(a)) {
      if (tail(sel) == tail(a)) e = misspelled;
    } else if (sel == a) {
      e = inaccessible;
    }
  }
  std::string t = ts(typ);
  if (struct_lit) {
    switch (e) {
      case missing: return "unknown field " + sel + " in struct literal of type " + t;
      case misspelled: return "unknown field " + sel + " in struct literal of type " + t + ", but does have " + a;
      case unexported_:
        return "unknown field " + sel + " in struct literal of type " + t + ", but does have unexported " + a;
      case inaccessible: return "cannot refer to unexported field " + a + " in struct literal of type " + t;
    }
  }
  std::string what = alt_is_method ? "method" : "field";
  switch (e) {
    case missing: return "type " + t + " has no field or method " + sel;
    case misspelled: return "type " + t + " has no field or method " + sel + ", but does have " + what + " " + a;
    case unexported_:
      return "type " + t + " has no field or method " + sel + ", but does have unexported " + what + " " + a;
    case inaccessible: return "cannot refer to unexported " + what + " " + a;
  }
  return "";
}

void Checker::selector(Operand& x, SelectorExpr* e, bool want_type) {
  const std::string& sel = e->sel->value;
  // qualified identifier
  if (auto ident = as<Name>(e->x)) {
    Object* obj = lookup(ident->value);
    if (obj && obj->kind == ObjKind::PkgName) {
      auto* pn = static_cast<PkgNameObj*>(obj);
      ident->obj = pn;
      ident->mode = Mode::Package;
      pn->used = true;
      const Package* pkg = pn->imported;
      if (pkg->fake) goto error;
      auto it = pkg->members.find(sel);
      if (it == pkg->members.end()) {
        if (go_api_has(pkg->name + "." + sel)) {
          unsupported(e->sel->pos, pkg->name + "." + sel + " is");
        } else {
          std::string but;
          for (const auto& [n, m] : pkg->members)
            if (equal_fold(n, sel) && exported_name(n)) but = n;
          if (!but.empty()) error_at(e->sel->pos, "undefined: " + es(e) + " (but have " + but + ")");
          else error_at(e->sel->pos, "undefined: " + es(e));
        }
        goto error;
      }
      Object* exp = it->second;
      if (!exported_name(sel)) error_at(e->sel->pos, "name " + sel + " not exported by package " + pkg->name);
      e->sel->obj = exp;
      e->sel_kind = SelKind::Qualified;
      switch (exp->kind) {
        case ObjKind::Const:
          x.mode = Mode::Constant;
          x.type = exp->type;
          x.val = static_cast<ConstObj*>(exp)->val;
          break;
        case ObjKind::TypeName:
          x.mode = Mode::TypeExpr;
          x.type = exp->type;
          break;
        case ObjKind::Var:
          x.mode = Mode::Variable;
          x.type = exp->type;
          break;
        case ObjKind::Func:
          x.mode = Mode::Value;
          x.type = exp->type;
          break;
        default:
          goto error;
      }
      x.expr = e;
      return;
    }
  }

  expr_or_type(x, e->x, false);
  switch (x.mode) {
    case Mode::Builtin:
      error_at(e->pos, "invalid use of " + operand_string(x) + " in selector expression");
      goto error;
    case Mode::Invalid:
      goto error;
    default:
      break;
  }
  if (want_type) {
    error_at(e->sel->pos, es(e) + " is not a type");
    goto error;
  }
  {
    // lookupFieldOrMethod for the supported subset (no embedding)
    const Type* T = x.type;
    bool indirect = false;
    const Type* base = T;
    if (T->kind == TypeKind::Pointer) {
      base = T->underlying()->elem;
      indirect = true;
    }
    // methods (named types and interfaces)
    FuncObj* method = nullptr;
    const Type* named = base->kind == TypeKind::Named ? base : nullptr;
    if (named && !(T->kind == TypeKind::Named && T->underlying()->kind == TypeKind::Pointer))
      for (FuncObj* m : named->methods)
        if (m->name == sel) method = m;
    // fields
    int field = -1;
    const Type* bu = base->underlying();
    bool foreign = named && !named->pkg.empty();
    if (bu->kind == TypeKind::Struct && !(indirect && T->kind != TypeKind::Pointer)) {
      for (std::size_t i = 0; i < bu->fields.size(); ++i)
        if (bu->fields[i].name == sel && (!foreign || exported_name(sel))) field = static_cast<int>(i);
    }
    if (bu->kind == TypeKind::Interface && indirect) {
      // pointer to interface: no methods
      method = nullptr;
    }
    if (x.mode == Mode::TypeExpr && (method || field >= 0)) {
      if (method) unsupported(e->sel->pos, "method expressions are");
      else error_at(e->sel->pos, es(e->x) + "." + sel + " undefined (type " + ts(x.type) + " has no method " + sel + ")");
      goto error;
    }
    if (field < 0 && !method) {
      if (!is_valid(T->underlying())) goto error;
      // is it part of the real package API that bucketlab does not provide?
      if (foreign && go_api_has(named->pkg + "." + named->name + "." + sel)) {
        unsupported(e->sel->pos, ts(named) + "." + sel + " is");
        goto error;
      }
      std::string why;
      if (T->kind == TypeKind::Pointer && T->elem->underlying()->kind == TypeKind::Interface) {
        why = "type " + ts(T) + " is pointer to interface, not interface";
      } else {
        // alternative spelling (case-insensitive), including unexported fields
        std::string alt;
        bool alt_method = false;
        if (named)
          for (FuncObj* m : named->methods)
            if (equal_fold(m->name, sel)) {
              alt = m->name;
              alt_method = true;
            }
        if (bu->kind == TypeKind::Struct)
          for (const auto& f : bu->fields)
            if (equal_fold(f.name, sel)) {
              alt = f.name;
              alt_method = false;
            }
        if (legacy_) {
          why = "type " + ts(x.type) + " has no field or method " + sel;
          std::string cc = sel;
          cc[0] = static_cast<char>(std::isupper(static_cast<unsigned char>(cc[0])) ? std::tolower(cc[0]) : std::toupper(cc[0]));
          bool has = false;
          if (named)
            for (FuncObj* m : named->methods) has |= m->name == cc;
          if (bu->kind == TypeKind::Struct)
            for (const auto& f : bu->fields) has |= f.name == cc && (!foreign || exported_name(cc));
          if (has) why += ", but does have " + cc;
        } else {
          why = lookup_error(x.type, sel, alt.empty() ? nullptr : &alt, alt_method, false);
        }
      }
      error_at(e->sel->pos, es(e->x) + "." + sel + " undefined (" + why + ")");
      goto error;
    }
    if (method) {
      // receiver adjustment
      bool recv_is_ptr = T->kind == TypeKind::Pointer;
      if (method->ptr_recv && !recv_is_ptr) {
        if (x.mode != Mode::Variable) {
          error_at(e->sel->pos, "cannot call pointer method " + sel + " on " + ts(x.type));
          goto error;
        }
        e->recv_addr = true;
        mark_addr_taken(e->x, true);
      } else if (!method->ptr_recv && recv_is_ptr) {
        e->recv_deref = true;
      }
      e->sel_kind = SelKind::Method;
      e->method = method;
      e->sel->obj = method;
      add_dep(method);
      x.mode = Mode::Value;
      x.type = method->type;
      x.expr = e;
      return;
    }
    const StructField& f = bu->fields[static_cast<std::size_t>(field)];
    e->sel_kind = SelKind::Field;
    e->field_index = field;
    e->indirect = indirect;
    x.mode = (x.mode == Mode::Variable || indirect) ? Mode::Variable : Mode::Value;
    x.type = f.type;
    x.expr = e;
    return;
  }
error:
  x.mode = Mode::Invalid;
  x.type = ts_.invalid();
  x.expr = e;
}

// ---------------------------------------------------------------------------
// calls

ExprKind Checker::call_expr(Operand& x, CallExpr* call) {
  if (auto ix = as<IndexExpr>(call->fun)) {
    // f[T](...) is a generic function instantiation
    Operand f;
    expr_or_type(f, ix->x, true);
    if (f.mode == Mode::Value && f.type->kind == TypeKind::Signature) {
      unsupported(ix->pos, "generic functions (instantiation) are");
      use(call->args);
      x.mode = Mode::Invalid;
      x.expr = call;
      return ExprKind::Statement;
    }
  }
  expr_or_type(x, call->fun, true);
  switch (x.mode) {
    case Mode::Invalid:
      use(call->args);
      x.expr = call;
      return ExprKind::Statement;
    case Mode::TypeExpr: {
      const Type* T = x.type;
      x.mode = Mode::Invalid;
      call->call_kind = CallKind::Conversion;
      std::size_t n = call->args.size();
      if (n == 0) {
        error_n(call, "missing argument in conversion to " + ts(T));
      } else if (n == 1) {
        expr(x, call->args[0]);
        if (x.mode != Mode::Invalid) {
          if (call->has_dots) {
            error_n(call->args[0], "invalid use of ... in conversion to " + ts(T));
          } else {
            conversion(x, T);
          }
        }
      } else {
        use(call->args);
        error_n(call->args[n - 1], "too many arguments in conversion to " + ts(T));
      }
      x.expr = call;
      return ExprKind::Conversion;
    }
    case Mode::Builtin: {
      BuiltinId id = x.id;
      call->call_kind = CallKind::Builtin;
      call->builtin = id;
      if (!builtin(x, call, id)) x.mode = Mode::Invalid;
      x.expr = call;
      if (x.mode != Mode::Invalid && x.mode != Mode::Constant) has_call_or_recv_ = true;
      switch (id) {
        case BuiltinId::Clear: case BuiltinId::Close: case BuiltinId::Copy: case BuiltinId::Delete:
        case BuiltinId::Panic: case BuiltinId::Print: case BuiltinId::Println: case BuiltinId::Recover:
          return ExprKind::Statement;
        default:
          return ExprKind::Expression;
      }
    }
    default:
      break;
  }
  const Type* sig = x.type->underlying();
  if (sig->kind != TypeKind::Signature) {
    if (legacy_) error_x(x, "invalid operation: cannot call non-function " + operand_string(x));
    else error_x(x, "invalid operation: cannot call " + operand_string(x) + ": " + ts(x.type) + " is not a function");
    x.mode = Mode::Invalid;
    x.expr = call;
    return ExprKind::Statement;
  }
  // what is called
  Expr* fun = unparen(call->fun);
  if (auto n = as<Name>(fun); n && n->obj && n->obj->kind == ObjKind::Func) {
    auto* f = static_cast<FuncObj*>(n->obj);
    call->call_kind = f->is_lib ? CallKind::Lib : CallKind::Func;
    call->func = f->is_lib ? nullptr : f;
    call->lib = f->lib;
  } else if (auto s = as<SelectorExpr>(fun)) {
    if (s->sel_kind == SelKind::Qualified && s->sel->obj && s->sel->obj->kind == ObjKind::Func) {
      auto* f = static_cast<FuncObj*>(s->sel->obj);
      call->call_kind = CallKind::Lib;
      call->lib = f->lib;
    } else if (s->sel_kind == SelKind::Method) {
      call->call_kind = s->method->is_lib ? CallKind::LibMethod : CallKind::Method;
      call->func = s->method->is_lib ? nullptr : s->method;
      call->lib = s->method->lib;
    }
  }
  // runtime.ReadMemStats(&m) does not retain its argument: m may stay on the stack
  Expr* saved_nonesc = nonescaping_addr_;
  if (call->call_kind == CallKind::Lib && call->lib == LibId::RuntimeReadMemStats && call->args.size() == 1) {
    if (auto o = as<Operation>(unparen(call->args[0])); o && o->op == Op::And && !o->y) nonescaping_addr_ = o;
  }
  std::vector<Operand> args;
  if (call->args.size() == 1) {
    Operand a;
    raw_expr(a, call->args[0], nullptr, false);
    exclude(a, (1u << static_cast<unsigned>(Mode::NoValue)) | (1u << static_cast<unsigned>(Mode::Builtin)) |
                   (1u << static_cast<unsigned>(Mode::TypeExpr)));
    if (a.mode != Mode::Invalid && a.type && a.type->kind == TypeKind::Tuple) {
      for (const Param& p : a.type->params) {
        Operand o;
        o.mode = Mode::Value;
        o.expr = call->args[0];
        o.type = p.type;
        args.push_back(o);
      }
    } else {
      if (a.mode != Mode::Invalid && a.type && a.type->kind == TypeKind::Signature) {
        unsupported(at(a), "function values are");
        a.mode = Mode::Invalid;
      }
      args.push_back(a);
    }
  } else {
    for (Expr* e : call->args) {
      Operand a;
      expr(a, e);
      args.push_back(a);
    }
  }
  nonescaping_addr_ = saved_nonesc;
  arguments(call, sig, args);
  if (call->call_kind == CallKind::Lib) fmt_method_operands(call, args);
  if (sig->results.empty()) {
    x.mode = Mode::NoValue;
    x.type = nullptr;
  } else if (sig->results.size() == 1) {
    x.mode = Mode::Value;
    x.type = sig->results[0].type;
  } else {
    x.mode = Mode::Value;
    std::vector<Param> rs = sig->results;
    x.type = ts_.tuple_of(rs);
  }
  x.expr = call;
  has_call_or_recv_ = true;
  return ExprKind::Statement;
}

std::string Checker::types_summary(const std::vector<const Type*>& list, bool variadic, bool has_dots) {
  std::string res = "(";
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Type* t = list[i];
    std::string s;
    if (!t || !is_valid(t)) {
      s = "unknown type";
    } else if (is_untyped(t)) {
      if (is_numeric(t)) {
        s = "number";
      } else {
        s = t->name;
        auto p = s.find("untyped ");
        if (p != std::string::npos) s.erase(p, 8);
      }
    } else {
      s = ts(t);
    }
    if (i + 1 == list.size()) {
      if (variadic) {
        if (t && t->kind == TypeKind::Slice) s = ts(t->elem);
        s = "..." + s;
      } else if (has_dots && !legacy_) {
        s += "...";
      }
    }
    if (i) res += ", ";
    res += s;
  }
  return res + ")";
}

namespace {
// A named type reachable from t (as fmt's printValue walks a value: fields,
// elements, map keys and values; a pointer's pointee at the top level only)
// that has a String or Error method, which fmt would call; nullptr if none.
const Type* fmt_method_type(const Type* t, int depth, std::vector<const Type*>& seen, std::string& method) {
  if (!t || depth > 32) return nullptr;
  for (const Type* s : seen)
    if (s == t) return nullptr;
  seen.push_back(t);
  if (t->kind == TypeKind::Named) {
    for (const FuncObj* m : t->methods)  // the library's own (time.Duration's String) are formatted natively
      if (!m->is_lib && (m->name == "String" || m->name == "Error")) {
        method = m->name;
        return t;
      }
    return fmt_method_type(t->underlying(), depth, seen, method);
  }
  switch (t->kind) {
    case TypeKind::Pointer: return depth == 0 ? fmt_method_type(t->elem, depth, seen, method) : nullptr;
    case TypeKind::Struct:
      for (const auto& f : t->fields)
        if (const Type* r = fmt_method_type(f.type, depth + 1, seen, method)) return r;
      return nullptr;
    case TypeKind::Array:
    case TypeKind::Slice: return fmt_method_type(t->elem, depth + 1, seen, method);
    case TypeKind::Map:
      if (const Type* r = fmt_method_type(t->key, depth + 1, seen, method)) return r;
      return fmt_method_type(t->elem, depth + 1, seen, method);
    default: return nullptr;
  }
}
}  // namespace

// fmt calls a value's String or Error method; the interpreter does not call
// back into the workload from the library, so such operands are refused
// rather than printed as their underlying values (which would silently
// differ from Go).
void Checker::fmt_method_operands(CallExpr* call, const std::vector<Operand>& args) {
  const LibId id = call->lib;
  const bool fmt = id == LibId::FmtPrint || id == LibId::FmtPrintln || id == LibId::FmtPrintf ||
                   id == LibId::FmtSprint || id == LibId::FmtSprintln || id == LibId::FmtSprintf ||
                   id == LibId::FmtErrorf;
  if (!fmt) return;
  const bool has_format = id == LibId::FmtPrintf || id == LibId::FmtSprintf || id == LibId::FmtErrorf;
  for (std::size_t i = has_format ? 1 : 0; i < args.size(); ++i) {
    if (args[i].mode == Mode::Invalid || !args[i].type) continue;
    std::vector<const Type*> seen;
    std::string method;
    if (const Type* t = fmt_method_type(args[i].type, 0, seen, method)) {
      unsupported(at(args[i]), "printing a value of type " + type_string(t) + ", whose " + method +
                                   " method fmt would call, is");
      return;
    }
  }
}

void Checker::arguments(CallExpr* call, const Type* sig, std::vector<Operand>& args) {
  std::size_t nargs = args.size();
  std::size_t npars = sig->params.size();
  bool ddd = call->has_dots;
  std::vector<const Type*> sig_params;
  for (const Param& p : sig->params) sig_params.push_back(p.type);
  if (sig->variadic) {
    if (ddd) {
      if (call->args.size() == 1 && nargs > 1) {
        error_n(call, "cannot use ... with " + std::to_string(nargs) + "-valued " + es(call->args[0]));
        return;
      }
    } else {
      if (nargs + 1 >= npars) {
        const Type* last = sig_params[npars - 1];
        sig_params.resize(npars - 1);
        while (sig_params.size() < nargs) sig_params.push_back(last->elem);
        call->variadic_from = static_cast<int>(npars - 1);
        call->variadic_type = last;
        npars = nargs;
      } else {
        npars--;
      }
    }
  } else if (ddd) {
    error_n(call, "cannot use ... in call to non-variadic " + es(call->fun));
    return;
  }
  if (nargs != npars) {
    Node* at = call;
    std::string qualifier = "not enough";
    if (nargs > npars) {
      at = args[npars].expr;
      qualifier = "too many";
    } else if (nargs > 0) {
      at = args[nargs - 1].expr;
    }
    std::vector<const Type*> have, want;
    for (const Operand& a : args) have.push_back(a.type);
    for (const Param& p : sig->params) want.push_back(p.type);
    error_n(at, qualifier + " arguments in call to " + es(call->fun) + "\n\thave " + types_summary(have, false, ddd) +
                    "\n\twant " + types_summary(want, sig->variadic, false));
    return;
  }
  std::string context = "argument to " + es(call->fun);
  for (std::size_t i = 0; i < nargs; ++i) assignment(args[i], sig_params[i], context);
}

// ---------------------------------------------------------------------------
// built-ins (builtins.go)

bool Checker::builtin(Operand& x, CallExpr* call, BuiltinId id) {
  auto* bin = static_cast<BuiltinObj*>(ts_.universe()->lookup([id] {
    switch (id) {
      case BuiltinId::Append: return "append";
      case BuiltinId::Cap: return "cap";
      case BuiltinId::Clear: return "clear";
      case BuiltinId::Close: return "close";
      case BuiltinId::Complex: return "complex";
      case BuiltinId::Copy: return "copy";
      case BuiltinId::Delete: return "delete";
      case BuiltinId::Imag: return "imag";
      case BuiltinId::Len: return "len";
      case BuiltinId::Make: return "make";
      case BuiltinId::Max: return "max";
      case BuiltinId::Min: return "min";
      case BuiltinId::New: return "new";
      case BuiltinId::Panic: return "panic";
      case BuiltinId::Print: return "print";
      case BuiltinId::Println: return "println";
      case BuiltinId::Real: return "real";
      case BuiltinId::Recover: return "recover";
      default: return "len";
    }
  }()));
  const std::string& name = bin->name;
  switch (id) {
    case BuiltinId::Close: case BuiltinId::Complex: case BuiltinId::Imag: case BuiltinId::Real: case BuiltinId::Recover:
      unsupported(start_pos(call), "built-in " + name + " is");
      use(call->args);
      return false;
    default:
      break;
  }
  std::vector<Expr*>& arg_list = call->args;
  if (call->has_dots && id != BuiltinId::Append) {
    error_n(call, "invalid operation: invalid use of ... with built-in " + name);
    use(arg_list);
    return false;
  }
  bool saved_has_call = has_call_or_recv_;
  if (id == BuiltinId::Len || id == BuiltinId::Cap) has_call_or_recv_ = false;
  struct Restore {
    Checker* c;
    bool saved;
    bool active;
    ~Restore() {
      if (active) c->has_call_or_recv_ = saved;
    }
  } restore{this, saved_has_call, id == BuiltinId::Len || id == BuiltinId::Cap};

  std::vector<Operand> args;
  std::size_t nargs;
  if (id == BuiltinId::Make || id == BuiltinId::New) {
    nargs = arg_list.size();
  } else {
    args = expr_list(arg_list);
    nargs = args.size();
    for (const Operand& a : args)
      if (a.mode == Mode::Invalid) return false;
    if (nargs > 0) x = args[0];
  }
  {
    std::string msg;
    if (static_cast<int>(nargs) < bin->nargs) msg = "not enough";
    else if (!bin->variadic && static_cast<int>(nargs) > bin->nargs) msg = "too many";
    if (!msg.empty()) {
      error_n(call, "invalid operation: " + msg + " arguments for " + es(call) + " (expected " +
                        std::to_string(bin->nargs) + ", found " + std::to_string(nargs) + ")");
      return false;
    }
  }

  switch (id) {
    case BuiltinId::Append: {
      const Type* S = x.type;
      if (S->underlying()->kind != TypeKind::Slice) {
        std::string prefix = legacy_ ? "first argument to append must be a slice; " : "invalid append: argument must be a slice; ";
        if (x.mode == Mode::NilValue)
          error_x(x, prefix + "have untyped nil");
        else
          error_x(x, prefix + "have " + operand_string(x));
        return false;
      }
      const Type* E = S->underlying()->elem;
      // append([]byte, string...)
      if (nargs == 2 && call->has_dots && is_basic(E, BasicKind::Uint8) && is_string(args[1].type)) {
        if (is_untyped(args[1].type)) convert_untyped(args[1], ts_.basic(BasicKind::String));
        x.mode = Mode::Value;
        x.type = S;
        return true;
      }
      Type* sig = ts_.make(TypeKind::Signature);
      sig->params.push_back(Param{"", S, nullptr});
      sig->params.push_back(Param{"", ts_.slice_of(E), nullptr});
      sig->results.push_back(Param{"", S, nullptr});
      sig->variadic = true;
      arguments(call, sig, args);
      x.mode = Mode::Value;
      x.type = S;
      return true;
    }
    case BuiltinId::Cap:
    case BuiltinId::Len: {
      Mode mode = Mode::Invalid;
      Constant val;
      const Type* t = x.type->underlying();
      if (t->kind == TypeKind::Pointer && t->elem->underlying()->kind == TypeKind::Array) t = t->elem->underlying();
      switch (t->kind) {
        case TypeKind::Basic:
          if (is_string(t) && id == BuiltinId::Len) {
            if (x.mode == Mode::Constant) {
              mode = Mode::Constant;
              val = Constant::make_int64(static_cast<std::int64_t>(x.val.string_val().size()));
            } else {
              mode = Mode::Value;
            }
          }
          break;
        case TypeKind::Array:
          mode = Mode::Value;
          if (!has_call_or_recv_) {
            mode = Mode::Constant;
            val = t->len >= 0 ? Constant::make_int64(t->len) : Constant::unknown();
          }
          break;
        case TypeKind::Slice:
          mode = Mode::Value;
          break;
        case TypeKind::Map:
          if (id == BuiltinId::Len) mode = Mode::Value;
          break;
        default:
          break;
      }
      if (mode == Mode::Invalid) {
        if (is_valid(x.type->underlying()))
          error_x(x, "invalid argument: " + operand_string(x) + (legacy_ ? " for " : " for built-in ") + name);
        return false;
      }
      if (is_untyped(x.type) && x.expr) update_expr_type(x.expr, default_type(ts_, x.type), true);
      x.mode = mode;
      x.type = ts_.basic(BasicKind::Int);
      x.val = val;
      return true;
    }
    case BuiltinId::Clear: {
      const Type* u = x.type->underlying();
      if (u->kind != TypeKind::Map && u->kind != TypeKind::Slice) {
        error_x(x, "invalid argument: cannot clear " + operand_string(x) +
                       ": argument must be (or constrained by) map or slice");
        return false;
      }
      x.mode = Mode::NoValue;
      return true;
    }
    case BuiltinId::Copy: {
      Operand& y = args[1];
      bool special = false;
      {
        Operand tmp = x;
        if (assignable_to(tmp, ts_.slice_of(ts_.byte_type()), nullptr) && is_string(y.type)) special = true;
      }
      if (!special) {
        if (x.type->underlying()->kind != TypeKind::Slice) {
          if (x.mode == Mode::NilValue) error_x(x, "invalid copy: argument must be a slice; have untyped nil");
          else error_x(x, "invalid copy: argument must be a slice; have " + operand_string(x));
          return false;
        }
        const Type* dstE = x.type->underlying()->elem;
        const Type* srcE;
        if (y.type->underlying()->kind != TypeKind::Slice) {
          if (!is_string(y.type)) {
            if (y.mode == Mode::NilValue) error_x(y, "invalid copy: argument must be a slice; have untyped nil");
            else error_x(y, "invalid copy: argument must be a slice; have " + operand_string(y));
            return false;
          }
          srcE = ts_.byte_type();
        } else {
          srcE = y.type->underlying()->elem;
        }
        if (!identical(dstE, srcE)) {
          error_x(x, std::string(legacy_ ? "invalid argument: arguments to copy " : "invalid copy: arguments ") +
                         operand_string(x) + " and " + operand_string(y) + " have different element types " + ts(dstE) +
                         " and " + ts(srcE));
          return false;
        }
      } else if (is_untyped(y.type)) {
        convert_untyped(y, ts_.basic(BasicKind::String));
      }
      x.mode = Mode::Value;
      x.type = ts_.basic(BasicKind::Int);
      return true;
    }
    case BuiltinId::Delete: {
      const Type* m = x.type->underlying();
      if (m->kind != TypeKind::Map) {
        error_x(x, "invalid argument: " + operand_string(x) + " is not a map");
        return false;
      }
      x = args[1];
      assignment(x, m->key, "argument to delete");
      if (x.mode == Mode::Invalid) return false;
      x.mode = Mode::NoValue;
      return true;
    }
    case BuiltinId::Make: {
      Expr* arg0 = arg_list[0];
      const Type* T = var_type(arg0);
      if (!is_valid(T)) return false;
      int min = 0;
      switch (T->underlying()->kind) {
        case TypeKind::Slice: min = 2; break;
        case TypeKind::Map: min = 1; break;
        default:
          error_n(arg0, "invalid argument: cannot make " + es(arg0) + (legacy_ ? "; " : ": ") +
                            "type must be slice, map, or channel");
          return false;
      }
      if (static_cast<int>(nargs) < min || min + 1 < static_cast<int>(nargs)) {
        error_n(call, "invalid operation: " + es(call) + " expects " + std::to_string(min) + " or " +
                          std::to_string(min + 1) + " arguments; found " + std::to_string(nargs));
        return false;
      }
      std::vector<std::int64_t> sizes;
      for (std::size_t i = 1; i < arg_list.size(); ++i) {
        auto [t, size] = index(arg_list[i], -1);
        if (size >= 0) sizes.push_back(size);
      }
      if (sizes.size() == 2 && sizes[0] > sizes[1]) error_n(arg_list[1], "invalid argument: length and capacity swapped");
      x.mode = Mode::Value;
      x.type = T;
      return true;
    }
    case BuiltinId::Max:
    case BuiltinId::Min: {
      Op op = id == BuiltinId::Max ? Op::Gtr : Op::Lss;
      for (std::size_t i = 0; i < args.size(); ++i) {
        Operand& a = args[i];
        if (a.mode == Mode::Invalid) return false;
        if (!is_ordered(a.type)) {
          error_x(a, "invalid argument: " + operand_string(a) + " cannot be ordered");
          return false;
        }
        if (i > 0) {
          match_types(x, a);
          if (x.mode == Mode::Invalid) return false;
          if (!identical(x.type, a.type)) {
            error_x(a, "invalid argument: mismatched types " + ts(x.type) + " (previous argument) and " +
                           ts(a.type) + " (type of " + es(a.expr) + ")");
            return false;
          }
          if (x.mode == Mode::Constant && a.mode == Mode::Constant) {
            if (compare_op(a.val, op, x.val)) x = a;
          } else {
            x.mode = Mode::Value;
          }
        }
      }
      if (x.mode != Mode::Constant) {
        x.mode = Mode::Value;
        assignment(x, ts_.any_type(), "argument to built-in " + name);
        if (x.mode == Mode::Invalid) return false;
      }
      for (Operand& a : args)
        if (a.expr) update_expr_type(a.expr, x.type, true);
      return true;
    }
    case BuiltinId::New: {
      Expr* arg = arg_list[0];
      expr_or_type(x, arg, false);
      exclude(x, (1u << static_cast<unsigned>(Mode::NoValue)) | (1u << static_cast<unsigned>(Mode::Builtin)));
      switch (x.mode) {
        case Mode::Invalid: return false;
        case Mode::TypeExpr: break;
        default:
          if (minor_ < 26) {
            error_n(arg, es(arg) + " is not a type");
            return false;
          }
          if (is_untyped(x.type)) {
            assignment(x, nullptr, "argument to new");
            if (x.mode == Mode::Invalid) return false;
          }
          break;
      }
      const Type* T = x.type;
      x.mode = Mode::Value;
      x.type = ts_.pointer_to(T);
      return true;
    }
    case BuiltinId::Panic: {
      if (sig_ && !sig_->results.empty()) is_panic_.insert(call);
      assignment(x, ts_.any_type(), "argument to panic");
      if (x.mode == Mode::Invalid) return false;
      x.mode = Mode::NoValue;
      return true;
    }
    case BuiltinId::Print:
    case BuiltinId::Println: {
      for (Operand& a : args) {
        assignment(a, nullptr, "argument to built-in " + name);
        if (a.mode == Mode::Invalid) return false;
      }
      x.mode = Mode::NoValue;
      return true;
    }
    default:
      break;
  }
  return false;
}

}  // namespace bucketlab::lang
