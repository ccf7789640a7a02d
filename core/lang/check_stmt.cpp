// Checker: assignments and statements (types2 assignments.go, stmt.go,
// range.go, return.go).
#include <algorithm>
#include <map>

#include "core/lang/checker_impl.h"

namespace bucketlab::lang {

// ---------------------------------------------------------------------------
// assignments

void Checker::assignment(Operand& x, const Type* T, const std::string& context) {
  single_value(x);
  switch (x.mode) {
    case Mode::Invalid:
      return;
    case Mode::Constant: case Mode::Variable: case Mode::MapIndex: case Mode::Value: case Mode::NilValue:
    case Mode::CommaOk:
      break;
    default:
      error_x(x, "cannot assign " + operand_string(x) + " to " + (T ? ts(T) : "_") + " in " + context);
      x.mode = Mode::Invalid;
      return;
  }
  if (x.type && x.type->kind == TypeKind::Signature) {
    unsupported(at(x), "function values are");
    x.mode = Mode::Invalid;
    return;
  }
  if (is_untyped(x.type)) {
    const Type* target = T;
    if (x.mode == Mode::NilValue) {
      if (!T) {
        error_x(x, "use of untyped nil in " + context);
        x.mode = Mode::Invalid;
        return;
      }
    } else if (!T || is_interface(T)) {
      target = default_type(ts_, x.type);
    }
    const Type* nt;
    Constant val;
    int code;
    if (!implicit_type_and_value(x, target, &nt, &val, &code)) {
      std::string msg = "cannot use " + operand_string(x) + " as " + ts(target) + " value in " + context;
      if (code == kTruncatedFloat) msg += " (truncated)";
      else if (code == kNumericOverflow) msg += " (overflows)";
      error_x(x, msg);
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
  if (!T) return;
  std::string cause;
  if (!assignable_to(x, T, &cause)) {
    if (legacy_) {
      if (!cause.empty())
        error_x(x, "cannot use " + operand_string(x) + " as type " + ts(T) + " in " + context + ":\n\t" + cause);
      else
        error_x(x, "cannot use " + operand_string(x) + " as type " + ts(T) + " in " + context);
    } else if (!cause.empty()) {
      error_x(x, "cannot use " + operand_string(x) + " as " + ts(T) + " value in " + context + ": " + cause);
    } else {
      error_x(x, "cannot use " + operand_string(x) + " as " + ts(T) + " value in " + context);
    }
    x.mode = Mode::Invalid;
    return;
  }
  // bucketlab: values become interfaces only as `any` arguments (fmt, panic, ...)
  const Type* Tu = T->underlying();
  if (Tu->kind == TypeKind::Interface && !Tu->imethods.empty() && !is_interface(x.type) &&
      x.mode != Mode::NilValue) {
    unsupported(at(x), "converting " + ts(x.type) + " to the interface type " + ts(T) + " is");
    x.mode = Mode::Invalid;
  }
}

void Checker::init_const(ConstObj* lhs, Operand& x) {
  if (x.mode == Mode::Invalid || !is_valid(x.type) || (lhs->type && !is_valid(lhs->type))) {
    if (!lhs->type) lhs->type = ts_.invalid();
    return;
  }
  if (x.mode != Mode::Constant) {
    error_x(x, operand_string(x) + " is not constant");
    if (!lhs->type) lhs->type = ts_.invalid();
    return;
  }
  if (!lhs->type) lhs->type = x.type;
  assignment(x, lhs->type, "constant declaration");
  if (x.mode == Mode::Invalid) return;
  lhs->val = x.val;
}

void Checker::init_var(VarObj* lhs, Operand& x, const std::string& context) {
  if (x.mode == Mode::Invalid || !is_valid(x.type) || (lhs->type && !is_valid(lhs->type))) {
    if (!lhs->type) lhs->type = ts_.invalid();
    x.mode = Mode::Invalid;
    if (legacy_) lhs->used = true;  // Go 1.19: avoid follow-on "declared but not used" errors
    return;
  }
  if (!lhs->type) {
    const Type* typ = x.type;
    if (is_untyped(typ)) {
      if (is_basic(typ, BasicKind::UntypedNil)) {
        error_x(x, "use of untyped nil in " + context);
        lhs->type = ts_.invalid();
        x.mode = Mode::Invalid;
        return;
      }
      typ = default_type(ts_, typ);
    }
    lhs->type = typ;
  }
  assignment(x, lhs->type, context);
  if (legacy_ && x.mode == Mode::Invalid) lhs->used = true;
}

const Type* Checker::lhs_var(Expr* lhs) {
  auto ident = as<Name>(unparen(lhs));
  if (ident && ident->value == "_") {
    ident->obj = nullptr;
    return nullptr;
  }
  VarObj* v = nullptr;
  bool v_used = false;
  if (ident) {
    if (Object* obj = lookup(ident->value); obj && obj->kind == ObjKind::Var) {
      v = static_cast<VarObj*>(obj);
      v_used = v->used;
    }
  }
  Operand x;
  expr(x, lhs);
  if (v) v->used = v_used;
  if (x.mode == Mode::Invalid || !is_valid(x.type)) return ts_.invalid();
  switch (x.mode) {
    case Mode::Variable:
    case Mode::MapIndex:
      break;
    default:
      if (auto sel = as<SelectorExpr>(x.expr)) {
        Expr* sx = unparen(sel->x);
        if (sx->mode == Mode::MapIndex) {
          error_x(x, "cannot assign to struct field " + es(x.expr) + " in map");
          return ts_.invalid();
        }
      }
      if (legacy_) error_x(x, "cannot assign to " + operand_string(x));
      else error_x(x, "cannot assign to " + es(x.expr) + " (neither addressable nor a map index expression)");
      return ts_.invalid();
  }
  return x.type;
}

void Checker::assign_var(Expr* lhs, Expr* rhs, Operand* x, const std::string& context0) {
  const Type* T = lhs_var(lhs);
  if (T && !is_valid(T)) {
    if (x) x->mode = Mode::Invalid;
    else use({rhs});
    return;
  }
  Operand tmp;
  if (!x) {
    x = &tmp;
    expr(*x, rhs);
  }
  std::string context = context0;
  if (!T && context == "assignment") context = "assignment to _ identifier";
  assignment(*x, T, context);
}

void Checker::assign_error(const std::vector<Expr*>& rhs, std::size_t l, std::size_t r) {
  auto measure = [](std::size_t n, const std::string& unit) { return std::to_string(n) + " " + unit + (n != 1 ? "s" : ""); };
  std::string vars = measure(l, "variable"), vals = measure(r, "value");
  Expr* rhs0 = rhs[0];
  if (rhs.size() == 1) {
    if (auto call = as<CallExpr>(unparen(rhs0))) {
      error_n(rhs0, "assignment mismatch: " + vars + " but " + es(call->fun) + " returns " + vals);
      return;
    }
  }
  error_n(rhs0, "assignment mismatch: " + vars + " but " + vals);
}

void Checker::return_error(Node* at, const std::vector<const Type*>& lhs, const std::vector<Operand>& rhs) {
  std::size_t l = lhs.size(), r = rhs.size();
  std::string qualifier = "not enough";
  Pos pos = start_pos(at);
  if (r > l) {
    pos = this->at(rhs[l]);
    qualifier = "too many";
  } else if (r > 0) {
    pos = this->at(rhs[r - 1]);
  }
  std::vector<const Type*> have;
  for (const Operand& o : rhs) have.push_back(o.type);
  error_at(pos, qualifier + " return values\n\thave " + types_summary(have, false, false) + "\n\twant " +
                    types_summary(lhs, false, false));
}

void Checker::init_vars(const std::vector<VarObj*>& lhs, const std::vector<Expr*>& orig_rhs, ReturnStmt* ret) {
  std::string context = ret ? "return statement" : "assignment";
  std::size_t l = lhs.size(), r = orig_rhs.size();
  bool is_call = r == 1 && as<CallExpr>(unparen(orig_rhs[0]));
  if (l == r && !is_call) {
    bool ok = true;
    for (std::size_t i = 0; i < l; ++i) {
      Operand x;
      expr(x, orig_rhs[i]);
      init_var(lhs[i], x, context);
      if (x.mode == Mode::Invalid) ok = false;
    }
    if (legacy_ && !ok)
      for (VarObj* v : lhs) v->used = true;
    return;
  }
  if (r != 1) {
    if (use(orig_rhs)) {
      if (ret) {
        std::vector<Operand> rhs = expr_list(orig_rhs);
        std::vector<const Type*> lt;
        for (VarObj* v : lhs) lt.push_back(v->type);
        return_error(ret, lt, rhs);
      } else {
        assign_error(orig_rhs, l, r);
      }
    }
    for (VarObj* v : lhs) {
      if (!v->type) v->type = ts_.invalid();
      if (legacy_) v->used = true;
    }
    return;
  }
  bool comma_ok = false;
  std::vector<Operand> rhs = multi_expr(orig_rhs[0], l == 2 && !ret, &comma_ok);
  r = rhs.size();
  if (l == r) {
    bool ok = true;
    for (std::size_t i = 0; i < l; ++i) {
      init_var(lhs[i], rhs[i], context);
      if (rhs[i].mode == Mode::Invalid) ok = false;
    }
    if (legacy_ && !ok)
      for (VarObj* v : lhs) v->used = true;
    if (comma_ok)
      if (auto ix = as<IndexExpr>(unparen(orig_rhs[0]))) ix->comma_ok = true;
    return;
  }
  if (rhs[0].mode != Mode::Invalid) {
    if (ret) {
      std::vector<const Type*> lt;
      for (VarObj* v : lhs) lt.push_back(v->type);
      return_error(ret, lt, rhs);
    } else {
      assign_error(orig_rhs, l, r);
    }
  }
  for (VarObj* v : lhs) {
    if (!v->type) v->type = ts_.invalid();
    if (legacy_) v->used = true;
  }
}

void Checker::assign_vars(const std::vector<Expr*>& lhs, const std::vector<Expr*>& orig_rhs) {
  std::size_t l = lhs.size(), r = orig_rhs.size();
  bool is_call = r == 1 && as<CallExpr>(unparen(orig_rhs[0]));
  if (l == r && !is_call) {
    for (std::size_t i = 0; i < l; ++i) assign_var(lhs[i], orig_rhs[i], nullptr, "assignment");
    return;
  }
  if (r != 1) {
    bool ok_lhs = use_lhs(lhs);
    bool ok_rhs = use(orig_rhs);
    if (ok_lhs && ok_rhs) assign_error(orig_rhs, l, r);
    return;
  }
  bool comma_ok = false;
  std::vector<Operand> rhs = multi_expr(orig_rhs[0], l == 2, &comma_ok);
  r = rhs.size();
  if (l == r) {
    for (std::size_t i = 0; i < l; ++i) assign_var(lhs[i], nullptr, &rhs[i], "assignment");
    if (comma_ok)
      if (auto ix = as<IndexExpr>(unparen(orig_rhs[0]))) ix->comma_ok = true;
    return;
  }
  if (rhs[0].mode != Mode::Invalid) assign_error(orig_rhs, l, r);
  use_lhs(lhs);
}

void Checker::short_var_decl(AssignStmt* s, const std::vector<Expr*>& lhs, const std::vector<Expr*>& rhs) {
  std::set<std::string> seen;
  std::vector<VarObj*> lhs_vars(lhs.size(), nullptr);
  std::vector<VarObj*> new_vars;
  std::vector<Name*> new_ids;
  s->lhs_new.assign(lhs.size(), false);
  bool has_err = false;
  for (std::size_t i = 0; i < lhs.size(); ++i) {
    auto ident = as<Name>(lhs[i]);
    if (!ident) {
      use_lhs({lhs[i]});
      error_n(lhs[i], "non-name " + es(lhs[i]) + " on left side of :=");
      has_err = true;
      continue;
    }
    const std::string& name = ident->value;
    if (name != "_") {
      if (seen.count(name)) {
        error_n(lhs[i], es(lhs[i]) + " repeated on left side of :=");
        has_err = true;
        continue;
      }
      seen.insert(name);
    }
    if (Object* alt = scope_->lookup(name)) {
      ident->obj = alt;
      if (alt->kind == ObjKind::Var) {
        lhs_vars[i] = static_cast<VarObj*>(alt);
      } else {
        error_n(lhs[i], "cannot assign to " + es(lhs[i]));
        has_err = true;
      }
      continue;
    }
    VarObj* obj = new_var(VarKind::Local, ident, name, ident->pos, nullptr);
    lhs_vars[i] = obj;
    if (name != "_") {
      new_vars.push_back(obj);
      new_ids.push_back(ident);
      s->lhs_new[i] = true;
    } else {
      ident->obj = nullptr;
    }
  }
  std::vector<VarObj*> init_lhs = lhs_vars;
  for (std::size_t i = 0; i < init_lhs.size(); ++i)
    if (!init_lhs[i]) init_lhs[i] = new_var(VarKind::Local, nullptr, "_", lhs[i]->pos, nullptr);
  // redeclared variables are assigned, not declared: their types are fixed
  init_vars(init_lhs, rhs, nullptr);
  s->lhs_vars.clear();
  for (std::size_t i = 0; i < lhs_vars.size(); ++i) {
    VarObj* v = lhs_vars[i];
    s->lhs_vars.push_back(v && v->name != "_" ? v : nullptr);
  }
  if (new_vars.empty() && !has_err) {
    error_at(s->pos, "no new variables on left side of :=");
    return;
  }
  for (std::size_t i = 0; i < new_vars.size(); ++i) declare(scope_, new_ids[i], new_vars[i]);
}

// ---------------------------------------------------------------------------
// statements

void Checker::open_scope() { scope_ = ts_.make_scope(scope_); }
void Checker::close_scope() { scope_ = scope_->parent; }

void Checker::stmt_list(unsigned ctxt, const std::vector<Stmt*>& list0) {
  bool ok = ctxt & kFallthroughOk;
  unsigned inner = ctxt & ~kFallthroughOk;
  std::size_t n = list0.size();
  while (n > 0 && as<EmptyStmt>(list0[n - 1])) n--;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned in = inner;
    if (ok && i + 1 == n) in |= kFallthroughOk;
    stmt(in, list0[i]);
  }
}

void Checker::stmt(unsigned ctxt, Stmt* s) {
  unsigned inner = ctxt & ~(kFallthroughOk | kFinalSwitchCase | kInTypeSwitch);
  switch (s->kind) {
    case NodeKind::EmptyStmt:
      break;
    case NodeKind::DeclStmt:
      decl_stmt(static_cast<DeclStmt*>(s)->decls);
      break;
    case NodeKind::LabeledStmt:
      stmt(ctxt, static_cast<LabeledStmt*>(s)->stmt);
      break;
    case NodeKind::ExprStmt: {
      auto* es_ = static_cast<ExprStmt*>(s);
      Operand x;
      ExprKind kind = raw_expr(x, es_->x, nullptr, false);
      std::string msg;
      switch (x.mode) {
        case Mode::Builtin: msg = "must be called"; break;
        case Mode::TypeExpr: msg = "is not an expression"; break;
        default:
          if (kind == ExprKind::Statement) return;
          msg = "is not used";
          break;
      }
      error_x(x, operand_string(x) + " " + msg);
      break;
    }
    case NodeKind::SendStmt: {
      auto* ss = static_cast<SendStmt*>(s);
      unsupported(start_pos(ss), "channel operations (send) are");
      use({ss->chan, ss->value});
      break;
    }
    case NodeKind::AssignStmt: {
      auto* as_ = static_cast<AssignStmt*>(s);
      if (!as_->rhs) {
        Operand x;
        expr(x, as_->lhs);
        if (x.mode == Mode::Invalid) return;
        if (!is_numeric(x.type)) {
          error_n(as_->lhs, std::string("invalid operation: ") + es(as_->lhs) + op_string(as_->op) +
                                op_string(as_->op) + " (non-numeric type " + ts(x.type) + ")");
          return;
        }
        assign_var(as_->lhs, nullptr, &x, "assignment");
        return;
      }
      std::vector<Expr*> lhs = unpack_list(as_->lhs);
      std::vector<Expr*> rhs = unpack_list(as_->rhs);
      if (as_->op == Op::None) {
        assign_vars(lhs, rhs);
        return;
      }
      if (as_->op == Op::Def) {
        short_var_decl(as_, lhs, rhs);
        return;
      }
      if (lhs.size() != 1 || rhs.size() != 1) {
        error_n(as_, std::string("assignment operation ") + op_string(as_->op) +
                         " requires single-valued expressions");
        return;
      }
      Operand x;
      binary(x, nullptr, lhs[0], rhs[0], as_->op);
      assign_var(lhs[0], nullptr, &x, "assignment");
      break;
    }
    case NodeKind::CallStmt: {
      auto* cs = static_cast<CallStmt*>(s);
      if (cs->tok == Tok::Go) unsupported(cs->pos, "go statements (goroutines) are");
      else unsupported(cs->pos, "defer statements are");
      use({cs->call});
      break;
    }
    case NodeKind::ReturnStmt: {
      auto* rs = static_cast<ReturnStmt*>(s);
      std::vector<Expr*> results = unpack_list(rs->results);
      const auto& res = sig_->results;
      if (results.empty() && !res.empty() && !res[0].name.empty()) {
        for (const Param& p : res) {
          Object* alt = lookup(p.name);
          if (alt && alt != p.var) {
            error_at(rs->pos, "result parameter " + p.name + " not in scope at return\n\t" + alt->pos.str() +
                                  ": inner declaration of var " + p.name + " " + ts(alt->type));
          }
        }
      } else {
        std::vector<VarObj*> lhs;
        for (const Param& p : res) lhs.push_back(p.var);
        init_vars(lhs, results, rs);
      }
      break;
    }
    case NodeKind::BranchStmt: {
      auto* bs = static_cast<BranchStmt*>(s);
      if (bs->tok == Tok::Goto) unsupported(bs->pos, "goto statements are");
      break;  // other branch errors are reported by the parser's branch check
    }
    case NodeKind::BlockStmt:
      open_scope();
      stmt_list(inner, static_cast<BlockStmt*>(s)->list);
      close_scope();
      break;
    case NodeKind::IfStmt: {
      auto* is = static_cast<IfStmt*>(s);
      open_scope();
      simple_stmt(is->init);
      Operand x;
      expr(x, is->cond);
      if (x.mode != Mode::Invalid && !is_boolean(x.type)) error_n(is->cond, "non-boolean condition in if statement");
      stmt(inner, is->then);
      if (is->else_) stmt(inner, is->else_);
      close_scope();
      break;
    }
    case NodeKind::SwitchStmt: {
      auto* ss = static_cast<SwitchStmt*>(s);
      inner |= kBreakOk;
      open_scope();
      simple_stmt(ss->init);
      if (auto g = as<TypeSwitchGuard>(ss->tag)) {
        unsupported(g->pos, "type switches are");
        use({g->x});
      } else {
        switch_stmt(inner, ss);
      }
      close_scope();
      break;
    }
    case NodeKind::SelectStmt:
      unsupported(s->pos, "select statements are");
      break;
    case NodeKind::ForStmt: {
      auto* fs = static_cast<ForStmt*>(s);
      inner |= kBreakOk | kContinueOk;
      if (auto rc = as<RangeClause>(fs->init)) {
        range_stmt(inner, fs, rc);
        break;
      }
      open_scope();
      simple_stmt(fs->init);
      if (fs->cond) {
        Operand x;
        expr(x, fs->cond);
        if (x.mode != Mode::Invalid && !is_boolean(x.type)) error_n(fs->cond, "non-boolean condition in for statement");
      }
      simple_stmt(fs->post);
      if (auto a = as<AssignStmt>(fs->init); a && a->op == Op::Def) fs->per_iteration_vars = minor_ >= 22;
      stmt(inner, fs->body);
      close_scope();
      break;
    }
    default:
      error_n(s, "invalid statement");
      break;
  }
}

void Checker::switch_stmt(unsigned inner, SwitchStmt* s) {
  Operand x;
  if (s->tag) {
    expr(x, s->tag);
    assignment(x, nullptr, "switch expression");
    if (x.mode != Mode::Invalid && !comparable(x.type) && !has_nil(x.type)) {
      error_x(x, "cannot switch on " + operand_string(x) + " (" + ts(x.type) + " is not comparable)");
      x.mode = Mode::Invalid;
    }
  } else {
    x.mode = Mode::Constant;
    x.type = ts_.basic(BasicKind::Bool);
    x.val = Constant::make_bool(true);
    Pos p = s->rbrace;
    if (!s->body.empty()) p = s->body[0]->pos;
    auto* n = prog_.ast.make<Name>(p);
    n->value = "true";
    x.expr = n;
  }
  s->tag_type = x.mode != Mode::Invalid ? x.type : nullptr;
  CaseClause* first_default = nullptr;
  for (CaseClause* c : s->body) {
    if (!c->cases) {
      if (first_default) error_at(c->pos, "multiple defaults (first at " + first_default->pos.str() + ")");
      else first_default = c;
    }
  }
  std::vector<std::pair<Operand, Pos>> seen;
  for (std::size_t i = 0; i < s->body.size(); ++i) {
    CaseClause* clause = s->body[i];
    unsigned in = inner;
    if (i + 1 < s->body.size()) in |= kFallthroughOk;
    else in |= kFinalSwitchCase;
    case_values(x, unpack_list(clause->cases), seen);
    open_scope();
    stmt_list(in, clause->body);
    close_scope();
  }
}

void Checker::case_values(Operand& x, const std::vector<Expr*>& values, std::vector<std::pair<Operand, Pos>>& seen) {
  for (Expr* e : values) {
    Operand v;
    expr(v, e);
    if (x.mode == Mode::Invalid || v.mode == Mode::Invalid) continue;
    convert_untyped(v, x.type);
    if (v.mode == Mode::Invalid) continue;
    Operand res = v;
    comparison(res, x, Op::Eql, true);
    if (res.mode == Mode::Invalid) continue;
    if (v.mode != Mode::Constant) continue;
    bool dup = false;
    for (const auto& [prev, pos] : seen) {
      if ((v.val.kind() == ConstKind::Int || v.val.kind() == ConstKind::Float || v.val.kind() == ConstKind::String) &&
          identical(prev.type, v.type) && compare_op(prev.val, Op::Eql, v.val)) {
        error_x(v, "duplicate case " + operand_string(v) + " in expression switch\n\t" + pos.str() + ": previous case");
        dup = true;
        break;
      }
    }
    if (!dup) seen.emplace_back(v, at(v));
  }
}

void Checker::range_stmt(unsigned inner, ForStmt* s, RangeClause* rc) {
  Expr* sKey = rc->lhs;
  Expr* sValue = nullptr;
  Expr* sExtra = nullptr;
  if (auto p = as<ListExpr>(sKey)) {
    sKey = p->elems[0];
    sValue = p->elems[1];
    if (p->elems.size() > 2) sExtra = p->elems[2];
  }
  Operand x;
  expr(x, rc->x);
  const Type* key = nullptr;
  const Type* val = nullptr;
  bool range_over_int = false;
  if (x.mode != Mode::Invalid) {
    bool ok = false;
    std::string cause;
    const Type* u = x.type->underlying();
    RangeKind kind = RangeKind::None;
    if (u->kind == TypeKind::Pointer && u->elem->underlying()->kind == TypeKind::Array) {
      u = u->elem->underlying();
      kind = RangeKind::PtrArray;
    }
    switch (u->kind) {
      case TypeKind::Basic:
        if (is_string(u)) {
          key = ts_.basic(BasicKind::Int);
          val = ts_.rune_type();
          ok = true;
          kind = RangeKind::String;
        } else if (is_integer(u)) {
          if (minor_ >= 22) {
            key = x.type;
            ok = true;
            kind = RangeKind::Int;
            range_over_int = true;
          } else {
            key = val = ts_.invalid();
          }
        }
        break;
      case TypeKind::Array:
        key = ts_.basic(BasicKind::Int);
        val = u->elem;
        ok = true;
        if (kind == RangeKind::None) kind = RangeKind::Array;
        break;
      case TypeKind::Slice:
        key = ts_.basic(BasicKind::Int);
        val = u->elem;
        ok = true;
        kind = RangeKind::Slice;
        break;
      case TypeKind::Map:
        key = u->key;
        val = u->elem;
        ok = true;
        kind = RangeKind::Map;
        break;
      case TypeKind::Signature:
        unsupported(at(x), "range over functions is");
        key = val = ts_.invalid();
        ok = true;
        break;
      default:
        break;
    }
    rc->range_kind = kind;
    if (!ok) {
      key = val = ts_.invalid();
      if (!cause.empty()) error_x(x, "cannot range over " + operand_string(x) + ": " + cause);
      else error_x(x, "cannot range over " + operand_string(x));
    } else if (!key && sKey) {
      error_n(sKey, "range over " + operand_string(x) + " permits no iteration variables");
    } else if (!val && sValue) {
      error_n(sValue, "range over " + operand_string(x) + " permits only one iteration variable");
    } else if (sExtra) {
      error_n(sExtra, "range clause permits at most two iteration variables");
    }
  }
  open_scope();
  Expr* lhs[2] = {sKey, sValue};
  const Type* rhs[2] = {key, val};
  if (rc->def) {
    std::vector<std::pair<Name*, VarObj*>> vars;
    for (int i = 0; i < 2; ++i) {
      if (!lhs[i]) continue;
      VarObj* obj;
      if (auto ident = as<Name>(lhs[i])) {
        obj = new_var(VarKind::Local, ident, ident->value, ident->pos, nullptr);
        if (ident->value != "_") vars.emplace_back(ident, obj);
        else ident->obj = nullptr;
        (i == 0 ? rc->key_var : rc->value_var) = ident->value != "_" ? obj : nullptr;
      } else {
        error_n(lhs[i], "cannot declare " + es(lhs[i]));
        obj = new_var(VarKind::Local, nullptr, "_", lhs[i]->pos, nullptr);
      }
      const Type* typ = rhs[i];
      if (!typ || !is_valid(typ)) {
        obj->type = ts_.invalid();
        obj->used = true;
        continue;
      }
      if (range_over_int) {
        init_var(obj, x, "range clause");
      } else {
        Operand y;
        y.mode = Mode::Value;
        y.expr = lhs[i];
        y.type = typ;
        init_var(obj, y, "assignment");
      }
    }
    if (!vars.empty()) {
      for (auto& [id, obj] : vars) declare(scope_, id, obj);
    } else {
      error_at(s->pos, "no new variables on left side of :=");
    }
    s->per_iteration_vars = minor_ >= 22;
  } else if (sKey) {
    for (int i = 0; i < 2; ++i) {
      if (!lhs[i]) continue;
      const Type* typ = rhs[i];
      if (!typ || !is_valid(typ)) continue;
      if (range_over_int) {
        assign_var(lhs[i], nullptr, &x, "range clause");
        if (x.mode != Mode::Invalid && !is_integer(x.type))
          error_n(lhs[i], "cannot use iteration variable of type " + ts(x.type));
      } else {
        Operand y;
        y.mode = Mode::Value;
        y.expr = lhs[i];
        y.type = typ;
        assign_var(lhs[i], nullptr, &y, "assignment");
      }
    }
  } else if (range_over_int) {
    assignment(x, nullptr, "range clause");
  }
  stmt(inner, s->body);
  close_scope();
}

// ---------------------------------------------------------------------------
// terminating statements (return.go)

namespace {

bool has_break(Stmt* s, const std::string& label, bool implicit);

bool has_break_list(const std::vector<Stmt*>& list, const std::string& label, bool implicit) {
  for (Stmt* s : list)
    if (has_break(s, label, implicit)) return true;
  return false;
}

bool has_break(Stmt* s, const std::string& label, bool implicit) {
  switch (s->kind) {
    case NodeKind::LabeledStmt: return has_break(static_cast<LabeledStmt*>(s)->stmt, label, implicit);
    case NodeKind::BranchStmt: {
      auto* b = static_cast<BranchStmt*>(s);
      if (b->tok == Tok::Break) {
        if (!b->label) return implicit;
        if (b->label->value == label) return true;
      }
      return false;
    }
    case NodeKind::BlockStmt: return has_break_list(static_cast<BlockStmt*>(s)->list, label, implicit);
    case NodeKind::IfStmt: {
      auto* i = static_cast<IfStmt*>(s);
      return has_break(i->then, label, implicit) || (i->else_ && has_break(i->else_, label, implicit));
    }
    case NodeKind::SwitchStmt:
      if (!label.empty())
        for (CaseClause* c : static_cast<SwitchStmt*>(s)->body)
          if (has_break_list(c->body, label, false)) return true;
      return false;
    case NodeKind::SelectStmt:
      if (!label.empty())
        for (CommClause* c : static_cast<SelectStmt*>(s)->body)
          if (has_break_list(c->body, label, false)) return true;
      return false;
    case NodeKind::ForStmt:
      return !label.empty() && has_break(static_cast<ForStmt*>(s)->body, label, false);
    default:
      return false;
  }
}

}  // namespace

bool Checker::is_terminating(Stmt* s, const std::string& label) {
  switch (s->kind) {
    case NodeKind::LabeledStmt: {
      auto* l = static_cast<LabeledStmt*>(s);
      return is_terminating(l->stmt, l->label->value);
    }
    case NodeKind::ExprStmt: {
      auto* e = static_cast<ExprStmt*>(s);
      if (auto call = as<CallExpr>(unparen(e->x)); call && is_panic_.count(call)) return true;
      return false;
    }
    case NodeKind::ReturnStmt: return true;
    case NodeKind::BranchStmt: {
      auto* b = static_cast<BranchStmt*>(s);
      return b->tok == Tok::Goto || b->tok == Tok::Fallthrough;
    }
    case NodeKind::BlockStmt: return is_terminating_list(static_cast<BlockStmt*>(s)->list, "");
    case NodeKind::IfStmt: {
      auto* i = static_cast<IfStmt*>(s);
      return i->else_ && is_terminating(i->then, "") && is_terminating(i->else_, "");
    }
    case NodeKind::SwitchStmt: return is_terminating_switch(static_cast<SwitchStmt*>(s), label);
    case NodeKind::SelectStmt:
      for (CommClause* c : static_cast<SelectStmt*>(s)->body)
        if (!is_terminating_list(c->body, "") || has_break_list(c->body, label, true)) return false;
      return true;
    case NodeKind::ForStmt: {
      auto* f = static_cast<ForStmt*>(s);
      if (as<RangeClause>(f->init)) return false;
      return !f->cond && !has_break(f->body, label, true);
    }
    default: return false;
  }
}

bool Checker::is_terminating_list(const std::vector<Stmt*>& list, const std::string& label) {
  for (std::size_t i = list.size(); i-- > 0;)
    if (!as<EmptyStmt>(list[i])) return is_terminating(list[i], label);
  return false;
}

bool Checker::is_terminating_switch(SwitchStmt* s, const std::string& label) {
  bool has_default = false;
  for (CaseClause* c : s->body) {
    if (!c->cases) has_default = true;
    if (!is_terminating_list(c->body, "") || has_break_list(c->body, label, true)) return false;
  }
  return has_default;
}

}  // namespace bucketlab::lang
