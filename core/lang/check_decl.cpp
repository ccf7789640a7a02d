// Checker: errors, declarations, scopes, type expressions, function
// bodies, initialization order (types2 decl.go, resolver.go, typexpr.go,
// signature.go, struct.go, initorder.go, validtype.go).
#include <algorithm>
#include <map>

#include "core/lang/checker_impl.h"
#include "core/lang/text.h"

namespace bucketlab::lang {

Checker::Checker(CheckedProgram& prog, const CheckOptions& opts, DiagnosticSink& sink)
    : prog_(prog), opts_(opts), sink_(sink), ts_(*prog.types), minor_(opts.version.minor),
      legacy_(opts.version.minor <= 19) {
  pkg_scope_ = ts_.make_scope(ts_.universe());
  file_scope_ = ts_.make_scope(pkg_scope_);
  scope_ = file_scope_;
}

// ---------------------------------------------------------------------------
// errors

void Checker::error_at(Pos pos, const std::string& msg) {
  // types2 (errors.go): after the first error, drop follow-on errors about
  // invalid operands or types.
  if (first_err_) {
    auto i = msg.find("invalid operand");
    auto j = msg.find("invalid type");
    if ((i != std::string::npos && i > 0) || (j != std::string::npos && j > 0)) return;
  }
  if (errpos_.known()) pos = errpos_;
  first_err_ = true;
  try {
    sink_.report(pos, msg);
  } catch (const TooManyErrors&) {
    throw CheckAbort{};
  }
}

void Checker::unsupported(Pos pos, const std::string& what) { error_at(pos, what + " not supported by bucketlab"); }

namespace {

const char* mode_string(Mode m) {
  switch (m) {
    case Mode::Invalid: return "invalid operand";
    case Mode::NoValue: return "no value";
    case Mode::Builtin: return "built-in";
    case Mode::TypeExpr: return "type";
    case Mode::Constant: return "constant";
    case Mode::Variable: return "variable";
    case Mode::MapIndex: return "map index expression";
    case Mode::Value: return "value";
    case Mode::NilValue: return "nil";
    case Mode::CommaOk: return "comma, ok expression";
    case Mode::Package: return "package";
  }
  return "";
}

const char* composite_kind(const Type* t) {
  switch (t->underlying()->kind) {
    case TypeKind::Basic: return "";
    case TypeKind::Array: return "array";
    case TypeKind::Slice: return "slice";
    case TypeKind::Struct: return "struct";
    case TypeKind::Pointer: return "pointer";
    case TypeKind::Signature: return "func";
    case TypeKind::Interface: return "interface";
    case TypeKind::Map: return "map";
    case TypeKind::Tuple: return "tuple";
    default: return "";
  }
}

}  // namespace

std::string Checker::operand_string(const Operand& x) const {
  if (x.mode == Mode::NilValue) {
    if (!x.type || !is_valid(x.type)) return "nil (with invalid type)";
    if (is_basic(x.type, BasicKind::UntypedNil)) return "nil";
    return "nil (of type " + ts(x.type) + ")";
  }
  std::string expr;
  if (x.expr) {
    expr = es(x.expr);
  } else if (x.mode == Mode::TypeExpr) {
    expr = ts(x.type);
  } else if (x.mode == Mode::Constant) {
    expr = x.val.str();
  }
  std::string buf;
  if (!expr.empty()) buf = expr + " (";
  bool has_type = false;
  switch (x.mode) {
    case Mode::Invalid: case Mode::NoValue: case Mode::Builtin: case Mode::TypeExpr:
      break;
    default:
      if (x.type) {
        if (is_untyped(x.type)) {
          buf += x.type->name + " ";
          break;
        }
        has_type = true;
      }
  }
  buf += mode_string(x.mode);
  if (x.mode == Mode::Constant) {
    std::string s = x.val.str();
    if (s != expr) buf += " " + s;
  }
  if (has_type) {
    if (is_valid(x.type)) {
      std::string desc;
      if (x.type->kind == TypeKind::Named && !legacy_) {
        std::string what = composite_kind(x.type);
        if (what.empty()) what = x.type->underlying()->name;
        desc = what + " ";
      }
      buf += " of " + desc + "type " + ts(x.type);
    } else {
      buf += " with invalid type";
    }
  }
  if (!expr.empty()) buf += ")";
  return buf;
}

// ---------------------------------------------------------------------------
// scopes and declarations

Object* Checker::lookup(const std::string& name) const {
  for (Scope* s = scope_; s; s = s->parent)
    if (Object* o = s->lookup(name)) return o;
  return nullptr;
}

void Checker::declare(Scope* scope, Name* id, Object* obj) {
  if (obj->name != "_") {
    if (Object* alt = scope->insert(obj)) {
      std::string msg = obj->name + " redeclared in this block";
      if (alt->pos.known()) msg += "\n\t" + alt->pos.str() + ": other declaration of " + obj->name;
      error_at(obj->pos, msg);
      return;
    }
  }
  if (id) id->obj = obj;
}

VarObj* Checker::new_var(VarKind kind, Name* id, const std::string& name, Pos pos, const Type* type) {
  auto* v = ts_.make_obj<VarObj>();
  v->var_kind = kind;
  v->name = name;
  v->pos = pos;
  v->type = type;
  if (func_ && kind != VarKind::Global) {
    v->func = func_;
    v->slot = func_->num_slots();
    func_->slots.push_back(v);
  }
  if (id) id->obj = v;
  return v;
}

void Checker::add_dep(Object* obj) {
  if (!decl_ || !obj) return;
  if (obj->kind == ObjKind::Func) {
    if (!objmap_.count(obj)) return;  // library functions
  } else if (obj->parent != pkg_scope_) {
    return;  // only package-level objects
  }
  if (obj->kind != ObjKind::Var && obj->kind != ObjKind::Func && obj->kind != ObjKind::Const) return;
  if (decl_->deps.insert(obj).second) decl_->deps_ordered.push_back(obj);
}

void Checker::arity(Pos pos, const std::vector<Name*>& names, const std::vector<Expr*>& inits, bool const_decl,
                    bool inherited) {
  std::size_t l = names.size(), r = inits.size();
  if (l < r) {
    Expr* n = inits[l];
    if (inherited) error_at(pos, "extra init expr at " + n->pos.str());
    else error_n(n, "extra init expr " + es(n));
  } else if (l > r && (const_decl || r != 1)) {
    Name* n = names[r];
    error_at(n->pos, "missing init expr for " + n->value);
  }
}

void Checker::collect_objects() {
  File* f = prog_.file;
  // imports
  auto import_pkg = [&](const std::string& path, Name* local, Pos pos, ImportDecl* d) {
    auto it = prog_.stdlib.by_path.find(path);
    const Package* pkg;
    bool fake = false;
    if (it == prog_.stdlib.by_path.end()) {
      std::string avail;
      for (const auto& [p, pk] : prog_.stdlib.by_path) avail += (avail.empty() ? "" : ", ") + p;
      error_at(pos, "package " + quote(path) + " is not supported by bucketlab (available: " + avail + ")");
      // declare a fake package so that its uses cause no follow-on errors (types2 does the same)
      std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
      Package* fp = ts_.make_package(path, base);
      fp->fake = true;
      pkg = fp;
      fake = true;
    } else {
      pkg = it->second;
    }
    std::string name = local ? local->value : pkg->name;
    if (name == ".") {
      if (!fake) unsupported(local->pos, "dot imports are");
      dot_import_refused_ = true;
      return;
    }
    if (fake) {
      if (name == "_") return;
      auto* pn = ts_.make_obj<PkgNameObj>();
      pn->name = name;
      pn->pos = pos;
      pn->imported = pkg;
      pn->decl = d;
      pn->used = true;
      pn->type = ts_.invalid();
      declare(file_scope_, local, pn);
      return;
    }
    if (std::find(prog_.imports.begin(), prog_.imports.end(), path) == prog_.imports.end())
      prog_.imports.push_back(path);
    if (name == "_") return;
    auto* pn = ts_.make_obj<PkgNameObj>();
    pn->name = name;
    pn->pos = pos;
    pn->imported = pkg;
    pn->decl = d;
    pn->type = ts_.invalid();
    declare(file_scope_, local, pn);
    imports_.push_back(pn);
  };
  if (opts_.snippet) {
    for (const auto& [path, pos] : opts_.implicit_imports) import_pkg(path, nullptr, pos, nullptr);
  }

  int order = 0;
  auto declare_pkg_obj = [&](Name* id, Object* obj, std::unique_ptr<DeclInfo> d) {
    if (id->value == "init") {
      error_at(id->pos, "cannot declare init - must be func");
      return;
    }
    if (id->value == "main" && obj->kind != ObjKind::Func && prog_.file->pkg_name &&
        prog_.file->pkg_name->value == "main") {
      error_at(id->pos, "cannot declare main - must be func");
      return;
    }
    obj->order = ++order;
    declare(pkg_scope_, id, obj);
    d->obj = obj;
    objmap_[obj] = std::move(d);
    pkg_objs_.push_back(obj);
  };

  ConstDecl* last = nullptr;
  int group = -1;
  std::int64_t iota = 0;
  for (Decl* decl : f->decls) {
    if (decl->kind != NodeKind::ConstDecl) group = -1;
    switch (decl->kind) {
      case NodeKind::ImportDecl: {
        auto* d = static_cast<ImportDecl*>(decl);
        if (!d->path || d->path->bad) break;
        std::string path = unquote_string(d->path->lit);
        if (path.empty()) {
          error_at(d->path->pos, "invalid import path: (empty string)");
          break;
        }
        import_pkg(path, d->local_name, d->pos, d);
        break;
      }
      case NodeKind::ConstDecl: {
        auto* s = static_cast<ConstDecl*>(decl);
        if (group < 0 || s->group == 0 || s->group != group) {
          group = s->group == 0 ? -2 : s->group;
          iota = 0;
          last = nullptr;
        } else {
          iota++;
        }
        if (s->group == 0) group = -1;
        bool inherited = true;
        if (s->type || s->values) {
          last = s;
          inherited = false;
        } else if (!last) {
          inherited = false;
        }
        std::vector<Expr*> values = last ? unpack_list(last->values) : std::vector<Expr*>{};
        for (std::size_t i = 0; i < s->names.size(); ++i) {
          Name* name = s->names[i];
          auto* obj = ts_.make_obj<ConstObj>();
          obj->name = name->value;
          obj->pos = name->pos;
          obj->iota = iota;
          obj->type_expr = last ? last->type : nullptr;
          obj->init = i < values.size() ? values[i] : nullptr;
          obj->inherited = inherited;
          declare_pkg_obj(name, obj, std::make_unique<DeclInfo>());
        }
        arity(s->pos, s->names, values, true, inherited);
        break;
      }
      case NodeKind::VarDecl: {
        auto* s = static_cast<VarDecl*>(decl);
        std::vector<Expr*> values = unpack_list(s->values);
        std::vector<VarObj*> lhs;
        for (Name* name : s->names) {
          VarObj* v = new_var(VarKind::Global, nullptr, name->value, name->pos, nullptr);
          lhs.push_back(v);
        }
        std::vector<DeclInfo*> infos;
        for (std::size_t i = 0; i < s->names.size(); ++i) {
          auto d = std::make_unique<DeclInfo>();
          d->vtype = s->type;
          if (values.size() == 1 && s->names.size() > 1) {
            d->lhs = lhs;
            d->init = values[0];
          } else if (i < values.size()) {
            d->init = values[i];
          }
          VarObj* v = lhs[i];
          if (s->names[i]->value != "_") {
            v->slot = static_cast<int>(prog_.globals.size());
            prog_.globals.push_back(v);
          }
          declare_pkg_obj(s->names[i], v, std::move(d));
        }
        if (!s->type || s->values) arity(s->pos, s->names, values, false, false);
        break;
      }
      case NodeKind::TypeDecl: {
        auto* s = static_cast<TypeDecl*>(decl);
        auto* obj = ts_.make_obj<TypeNameObj>();
        obj->name = s->name->value;
        obj->pos = s->name->pos;
        obj->decl = s;
        auto d = std::make_unique<DeclInfo>();
        d->tdecl = s;
        declare_pkg_obj(s->name, obj, std::move(d));
        break;
      }
      case NodeKind::FuncDecl: {
        auto* s = static_cast<FuncDecl*>(decl);
        auto* obj = ts_.make_obj<FuncObj>();
        obj->name = s->name->value;
        obj->pos = s->name->pos;
        obj->decl = s;
        s->obj = obj;
        auto d = std::make_unique<DeclInfo>();
        d->fdecl = s;
        if (!s->recv) {
          if (obj->name == "init" || (obj->name == "main" && f->pkg_name->value == "main")) {
            if (!s->tparams.empty()) error_at(s->tparams[0]->pos, "func " + obj->name + " must have no type parameters");
            if (!s->ftype->params.empty() || !s->ftype->results.empty())
              error_at(s->name->pos, "func " + obj->name + " must have no arguments and no return values");
          }
          if (obj->name == "init") {
            // init functions are not declared in the package scope
            s->name->obj = obj;
            obj->order = ++order;
            d->obj = obj;
            objmap_[obj] = std::move(d);
            pkg_objs_.push_back(obj);
          } else {
            declare_pkg_obj(s->name, obj, std::move(d));
          }
        } else {
          // method: associated with its receiver base type name later
          obj->order = ++order;
          s->name->obj = obj;
          d->obj = obj;
          objmap_[obj] = std::move(d);
          all_methods_.push_back(obj);
        }
        break;
      }
      default:
        break;
    }
  }

  // objects in package and file scopes must have different names
  for (Object* obj : file_scope_->ordered) {
    if (Object* alt = pkg_scope_->lookup(obj->name)) {
      auto* pn = static_cast<PkgNameObj*>(obj);
      std::string msg = alt->name + " already declared through import of package " + pn->imported->name + " (" +
                        quote(pn->imported->path) + ")";
      if (pn->pos.known()) msg += "\n\t" + pn->pos.str() + ": other declaration of " + pn->name;
      error_at(alt->pos, msg);
    }
  }

  // associate methods with receiver base type names (syntactically)
  for (FuncObj* m : all_methods_) {
    Expr* t = m->decl->recv->type;
    t = unparen(t);
    if (auto o = as<Operation>(t); o && o->op == Op::Mul && !o->y) t = unparen(o->x);
    if (auto n = as<Name>(t)) {
      if (auto tn = dynamic_cast<TypeNameObj*>(pkg_scope_->lookup(n->value))) {
        if (!tn->decl || !tn->decl->alias) methods_[tn].push_back(m);
      }
    }
  }
}

void Checker::package_objects() {
  // non-alias type declarations first, then aliases, then everything else (types2 order)
  for (Object* o : pkg_objs_)
    if (auto tn = dynamic_cast<TypeNameObj*>(o); tn && !tn->decl->alias) obj_decl(o);
  for (Object* o : pkg_objs_)
    if (auto tn = dynamic_cast<TypeNameObj*>(o); tn && tn->decl->alias) obj_decl(o);
  for (Object* o : pkg_objs_)
    if (o->kind != ObjKind::TypeName) obj_decl(o);
  // methods whose receiver base type could not be associated are checked too
  for (FuncObj* m : all_methods_)
    if (!m->type) obj_decl(m);
  // delayed actions: function bodies, map key and recursive type checks
  for (std::size_t i = 0; i < delayed_.size(); ++i) delayed_[i]();
  delayed_.clear();
}

void Checker::obj_decl(Object* obj) {
  if (obj_path_idx_.count(obj)) {
    switch (obj->kind) {
      case ObjKind::Const:
      case ObjKind::Var:
        if (!valid_cycle(obj) || !obj->type) obj->type = ts_.invalid();
        break;
      case ObjKind::TypeName:
        if (!valid_cycle(obj)) obj->type = ts_.invalid();
        break;
      case ObjKind::Func:
        valid_cycle(obj);
        break;
      default:
        break;
    }
    return;
  }
  if (obj->type) return;
  auto it = objmap_.find(obj);
  if (it == objmap_.end()) return;
  DeclInfo* d = it->second.get();

  obj_path_idx_[obj] = obj_path_.size();
  obj_path_.push_back(obj);
  Scope* saved_scope = scope_;
  FuncInfo* saved_func = func_;
  const Type* saved_sig = sig_;
  DeclInfo* saved_decl = decl_;
  bool saved_has_iota = has_iota_;
  Pos saved_errpos = errpos_;
  scope_ = file_scope_;
  func_ = nullptr;
  sig_ = nullptr;
  has_iota_ = false;
  errpos_ = {};

  switch (obj->kind) {
    case ObjKind::Const: {
      decl_ = d;
      auto* c = static_cast<ConstObj*>(obj);
      has_iota_ = true;
      iota_ = Constant::make_int64(c->iota);
      const_decl(c, c->type_expr, c->init, c->inherited);
      break;
    }
    case ObjKind::Var:
      decl_ = d;
      var_decl(static_cast<VarObj*>(obj), d->lhs, d->vtype, d->init);
      break;
    case ObjKind::TypeName:
      decl_ = nullptr;
      type_decl(static_cast<TypeNameObj*>(obj), d->tdecl, false);
      collect_methods(static_cast<TypeNameObj*>(obj));
      break;
    case ObjKind::Func:
      decl_ = nullptr;
      func_decl(static_cast<FuncObj*>(obj), d);
      break;
    default:
      break;
  }

  scope_ = saved_scope;
  func_ = saved_func;
  sig_ = saved_sig;
  decl_ = saved_decl;
  has_iota_ = saved_has_iota;
  errpos_ = saved_errpos;
  obj_path_idx_.erase(obj);
  obj_path_.pop_back();
}

bool Checker::valid_cycle(Object* obj) {
  std::size_t start = obj_path_idx_[obj];
  std::vector<Object*> cycle(obj_path_.begin() + static_cast<long>(start), obj_path_.end());
  int nval = 0, ndef = 0;
  for (Object* o : cycle) {
    if (o->kind == ObjKind::Const || o->kind == ObjKind::Var) nval++;
    else if (o->kind == ObjKind::TypeName && !static_cast<TypeNameObj*>(o)->alias) ndef++;
  }
  if (nval == static_cast<int>(cycle.size())) return true;
  if (nval == 0 && ndef > 0) return true;
  std::size_t first = 0;
  for (std::size_t i = 1; i < cycle.size(); ++i)
    if (cycle[i]->pos < cycle[first]->pos) first = i;
  cycle_error(cycle, first);
  return false;
}

void Checker::cycle_error(const std::vector<Object*>& cycle, std::size_t start) {
  Object* obj = cycle[start];
  bool tname = obj->kind == ObjKind::TypeName;
  if (legacy_) {
    std::string msg = tname ? "invalid recursive type " + obj->name : "illegal cycle in declaration of " + obj->name;
    for (std::size_t i = 0; i < cycle.size(); ++i) {
      msg += "\n\t" + obj->pos.str() + ": " + obj->name + " refers to";
      obj = cycle[(start + i + 1) % cycle.size()];
    }
    msg += "\n\t" + obj->pos.str() + ": " + obj->name;
    error_at(cycle[start]->pos, msg);
    return;
  }
  if (cycle.size() == 1) {
    if (tname) error_at(obj->pos, "invalid recursive type: " + obj->name + " refers to itself");
    else error_at(obj->pos, "invalid cycle in declaration: " + obj->name + " refers to itself");
    return;
  }
  std::string msg = tname ? "invalid recursive type " + obj->name : "invalid cycle in declaration of " + obj->name;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    Object* next = cycle[(start + i + 1) % cycle.size()];
    msg += "\n\t" + obj->pos.str() + ": " + obj->name + " refers to " + next->name;
    obj = next;
  }
  error_at(cycle[start]->pos, msg);
}

void Checker::const_decl(ConstObj* obj, Expr* typ, Expr* init, bool inherited) {
  Pos saved_errpos = errpos_;
  errpos_ = {};
  obj->val = Constant::unknown();
  if (typ) {
    const Type* t = this->typ(typ);
    if (!is_const_type(t)) {
      if (is_valid(t->underlying())) error_n(typ, "invalid constant type " + ts(t));
      obj->type = ts_.invalid();
      errpos_ = saved_errpos;
      return;
    }
    obj->type = t;
  }
  Operand x;
  if (init) {
    if (inherited) errpos_ = obj->pos;
    expr(x, init);
  }
  init_const(obj, x);
  errpos_ = saved_errpos;
}

void Checker::var_decl(VarObj* obj, const std::vector<VarObj*>& lhs, Expr* typ, Expr* init) {
  Pos saved_name_pos = decl_name_pos_;
  decl_name_pos_ = obj->pos;
  if (typ) obj->type = var_type(typ);
  decl_name_pos_ = saved_name_pos;
  if (!init) {
    if (!typ) obj->type = ts_.invalid();
    return;
  }
  if (lhs.empty() || lhs.size() == 1) {
    Operand x;
    expr(x, init);
    init_var(obj, x, "variable declaration");
    return;
  }
  if (typ)
    for (VarObj* v : lhs) v->type = obj->type;
  init_vars(lhs, {init}, nullptr);
}

void Checker::type_decl(TypeNameObj* obj, TypeDecl* tdecl, bool local) {
  if (!tdecl->tparams.empty()) {
    unsupported(tdecl->tparams[0]->pos, "generic types (type parameters) are");
    obj->type = ts_.invalid();
    return;
  }
  if (tdecl->alias) {
    obj->alias = true;
    obj->type = ts_.invalid();  // guard against cycles
    const Type* rhs = declared_type(tdecl->type, obj);
    obj->type = rhs;
    return;
  }
  Type* named = ts_.make(TypeKind::Named);
  named->name = obj->name;
  named->obj = obj;
  named->pos = obj->pos;
  named->rt_name = "main." + obj->name;
  if (local) named->rt_name += "·" + std::to_string(++local_type_seq_);
  obj->type = named;
  obj->local = local;
  Pos saved_name_pos = decl_name_pos_;
  decl_name_pos_ = obj->pos;
  const Type* rhs = declared_type(tdecl->type, obj);
  decl_name_pos_ = saved_name_pos;
  // resolve the underlying type (through other named types)
  const Type* u = rhs;
  for (int guard = 0; u && u->kind == TypeKind::Named && guard < 1000; ++guard) {
    if (!u->underlying_) {
      u = nullptr;
      break;
    }
    u = u->underlying_;
  }
  if (!u) u = ts_.invalid();
  named->underlying_ = u;
  // by-value recursion (validType) is checked once all declarations are known
  delayed_.push_back([this, named] {
    // DFS through arrays and struct fields
    std::vector<const Type*> path;
    std::function<bool(const Type*)> valid = [&](const Type* t) -> bool {
      if (!t) return true;
      switch (t->kind) {
        case TypeKind::Array: return valid(t->elem);
        case TypeKind::Struct:
          for (const auto& f : t->fields)
            if (!valid(f.type)) return false;
          return true;
        case TypeKind::Named: {
          if (!t->underlying_ || t->obj == nullptr) return true;
          for (std::size_t i = 0; i < path.size(); ++i) {
            if (path[i] == t) {
              std::vector<Object*> cycle;
              for (std::size_t k = i; k < path.size(); ++k) cycle.push_back(path[k]->obj);
              std::size_t first = 0;
              for (std::size_t k = 1; k < cycle.size(); ++k)
                if (cycle[k]->pos < cycle[first]->pos) first = k;
              if (cycle[first] != named->obj) return true;  // reported when checking that type
              cycle_error(cycle, first);
              return false;
            }
          }
          path.push_back(t);
          bool ok = valid(t->underlying_);
          path.pop_back();
          return ok;
        }
        default: return true;
      }
    };
    if (!valid(named)) const_cast<Type*>(named)->underlying_ = ts_.invalid();
  });
}

void Checker::collect_methods(TypeNameObj* obj) {
  auto it = methods_.find(obj);
  if (it == methods_.end()) return;
  std::vector<FuncObj*> ms = std::move(it->second);
  methods_.erase(it);
  Type* base = obj->type && obj->type->kind == TypeKind::Named ? const_cast<Type*>(obj->type) : nullptr;
  std::map<std::string, FuncObj*> mset;
  for (FuncObj* m : ms) {
    if (m->name == "_") continue;
    auto [mi, ok] = mset.emplace(m->name, m);
    if (!ok) {
      if (legacy_)
        error_at(m->pos, obj->name + "." + m->name + " redeclared in this block\n\t" + mi->second->pos.str() +
                             ": other declaration of " + m->name);
      else
        error_at(m->pos, "method " + obj->name + "." + m->name + " already declared at " + mi->second->pos.str());
      continue;
    }
    if (base) base->methods.push_back(m);
  }
  if (base) {
    delayed_.push_back([this, base, mset] {
      const Type* u = base->underlying();
      if (u->kind != TypeKind::Struct) return;
      for (const auto& f : u->fields) {
        auto mi = mset.find(f.name);
        if (f.name != "_" && mi != mset.end())
          error_at(mi->second->pos, "field and method with the same name " + f.name + "\n\t" + f.pos.str() +
                                        ": other declaration of " + f.name);
      }
    });
  }
}

void Checker::func_decl(FuncObj* obj, DeclInfo* d) {
  FuncDecl* fdecl = d->fdecl;
  obj->type = ts_.invalid();  // guard against cycles
  FuncInfo* info = ts_.make_func_info();
  info->obj = obj;
  info->decl = fdecl;
  obj->info = info;
  if (!fdecl->tparams.empty()) {
    unsupported(fdecl->tparams[0]->pos, "generic functions (type parameters) are");
    return;
  }
  Scope* fscope = ts_.make_scope(file_scope_);
  fscope->is_func = true;
  Scope* saved = scope_;
  FuncInfo* saved_func = func_;
  scope_ = fscope;
  func_ = info;
  const Type* sig = func_type(fdecl->ftype, fdecl->recv, info, &info->params, &info->results, &info->recv);
  scope_ = saved;
  func_ = saved_func;
  obj->type = sig;
  if (fdecl->recv) {
    info->name = obj->name;
    if (info->recv && info->recv->type) {
      const Type* rt = info->recv->type;
      bool ptr = rt->kind == TypeKind::Pointer;
      const Type* base = ptr ? rt->elem : rt;
      if (base->kind == TypeKind::Named) {
        obj->recv_base = base;
        obj->ptr_recv = ptr;
        info->name = (ptr ? "(*" + base->name + ")" : base->name) + "." + obj->name;
      }
    }
  } else {
    info->name = obj->name;
  }
  if (obj->name == "main" && !fdecl->recv) prog_.main = info;
  if (obj->name == "init" && !fdecl->recv) prog_.inits.push_back(info);
  prog_.funcs.push_back(info);
  if (!fdecl->body) {
    error_at(fdecl->name->pos, "missing function body");
    return;
  }
  delayed_.push_back([this, info, sig, fdecl, fscope, d] {
    Scope* s = scope_;
    DeclInfo* dd = decl_;
    scope_ = fscope;
    decl_ = d;
    func_body(info, sig, fdecl->body);
    scope_ = s;
    decl_ = dd;
  });
}

void Checker::func_body(FuncInfo* info, const Type* sig, BlockStmt* body) {
  FuncInfo* saved_func = func_;
  const Type* saved_sig = sig_;
  bool saved_iota = has_iota_;
  func_ = info;
  sig_ = sig;
  has_iota_ = false;
  Scope* fscope = scope_;
  stmt_list(0, body->list);
  if (!sig->results.empty() && !is_terminating_list(body->list, "")) error_at(body->rbrace, "missing return");
  usage(fscope);
  func_ = saved_func;
  sig_ = saved_sig;
  has_iota_ = saved_iota;
}

void Checker::usage(Scope* scope) {
  std::vector<VarObj*> unused;
  for (Object* o : scope->ordered) {
    if (o->kind != ObjKind::Var) continue;
    auto* v = static_cast<VarObj*>(o);
    if (v->var_kind == VarKind::Local && !v->used) unused.push_back(v);
  }
  std::sort(unused.begin(), unused.end(), [](VarObj* a, VarObj* b) { return a->pos < b->pos; });
  for (VarObj* v : unused) {
    if (minor_ <= 19) error_at(v->pos, v->name + " declared but not used");
    else error_at(v->pos, "declared and not used: " + v->name);
  }
  for (Scope* s : scope->children)
    if (!s->is_func) usage(s);
}

void Checker::decl_stmt(const std::vector<Decl*>& list) {
  int first = -1;
  ConstDecl* last = nullptr;
  for (std::size_t index = 0; index < list.size(); ++index) {
    Decl* decl = list[index];
    if (decl->kind != NodeKind::ConstDecl) first = -1;
    switch (decl->kind) {
      case NodeKind::ConstDecl: {
        auto* s = static_cast<ConstDecl*>(decl);
        if (first < 0 || s->group == 0 || list[index - 1]->group != s->group) {
          first = static_cast<int>(index);
          last = nullptr;
        }
        std::int64_t iota = static_cast<std::int64_t>(index) - first;
        bool inherited = true;
        if (s->type || s->values) {
          last = s;
          inherited = false;
        } else if (!last) {
          inherited = false;
        }
        std::vector<Expr*> values = last ? unpack_list(last->values) : std::vector<Expr*>{};
        std::vector<ConstObj*> lhs;
        bool saved_has = has_iota_;
        Constant saved_iota = iota_;
        for (std::size_t i = 0; i < s->names.size(); ++i) {
          auto* obj = ts_.make_obj<ConstObj>();
          obj->name = s->names[i]->value;
          obj->pos = s->names[i]->pos;
          obj->iota = iota;
          lhs.push_back(obj);
          has_iota_ = true;
          iota_ = Constant::make_int64(iota);
          const_decl(obj, last ? last->type : nullptr, i < values.size() ? values[i] : nullptr, inherited);
        }
        has_iota_ = saved_has;
        iota_ = saved_iota;
        arity(s->pos, s->names, values, true, inherited);
        for (std::size_t i = 0; i < s->names.size(); ++i) declare(scope_, s->names[i], lhs[i]);
        break;
      }
      case NodeKind::VarDecl: {
        auto* s = static_cast<VarDecl*>(decl);
        std::vector<VarObj*> lhs0;
        for (Name* name : s->names) lhs0.push_back(new_var(VarKind::Local, nullptr, name->value, name->pos, nullptr));
        std::vector<Expr*> values = unpack_list(s->values);
        for (std::size_t i = 0; i < lhs0.size(); ++i) {
          std::vector<VarObj*> lhs;
          Expr* init = nullptr;
          if (values.size() == s->names.size()) {
            init = values[i];
          } else if (values.size() == 1) {
            lhs = lhs0;
            init = values[0];
          } else if (i < values.size()) {
            init = values[i];
          }
          var_decl(lhs0[i], lhs, s->type, init);
          if (values.size() == 1) {
            for (VarObj* v : lhs0)
              if (!v->type) v->type = ts_.invalid();
            break;
          }
        }
        if (!s->type || s->values) arity(s->pos, s->names, values, false, false);
        for (std::size_t i = 0; i < s->names.size(); ++i) declare(scope_, s->names[i], lhs0[i]);
        break;
      }
      case NodeKind::TypeDecl: {
        auto* s = static_cast<TypeDecl*>(decl);
        auto* obj = ts_.make_obj<TypeNameObj>();
        obj->name = s->name->value;
        obj->pos = s->name->pos;
        obj->decl = s;
        declare(scope_, s->name, obj);
        obj_path_idx_[obj] = obj_path_.size();
        obj_path_.push_back(obj);
        type_decl(obj, s, true);
        obj_path_idx_.erase(obj);
        obj_path_.pop_back();
        break;
      }
      default:
        break;
    }
  }
}

// ---------------------------------------------------------------------------
// type expressions

const Type* Checker::declared_type(Expr* e, TypeNameObj* def) {
  const Type* t = typ_internal(e, def);
  record_node(e, Mode::TypeExpr, t, Constant());
  return t;
}

const Type* Checker::typ_internal(Expr* e0, TypeNameObj* def) {
  switch (e0->kind) {
    case NodeKind::BadExpr:
      break;
    case NodeKind::Name: {
      Operand x;
      ident(x, static_cast<Name*>(e0), true);
      switch (x.mode) {
        case Mode::TypeExpr: return x.type;
        case Mode::Invalid: break;
        case Mode::NoValue: error_x(x, operand_string(x) + " used as type"); break;
        default: error_x(x, operand_string(x) + " is not a type"); break;
      }
      break;
    }
    case NodeKind::SelectorExpr: {
      Operand x;
      selector(x, static_cast<SelectorExpr*>(e0), true);
      switch (x.mode) {
        case Mode::TypeExpr: return x.type;
        case Mode::Invalid: break;
        case Mode::NoValue: error_x(x, operand_string(x) + " used as type"); break;
        default: error_x(x, operand_string(x) + " is not a type"); break;
      }
      break;
    }
    case NodeKind::IndexExpr:
      unsupported(e0->pos, "generic types (type instantiation) are");
      break;
    case NodeKind::ParenExpr:
      return declared_type(static_cast<ParenExpr*>(e0)->x, def);
    case NodeKind::ArrayType: {
      auto* e = static_cast<ArrayType*>(e0);
      std::int64_t len = -1;
      if (e->len) len = array_length(e->len);
      else error_n(e, "invalid use of [...] array (outside a composite literal)");
      const Type* elem = var_type(e->elem);
      if (len >= 0) {
        Type* t = const_cast<Type*>(ts_.array_of(elem, len));
        t->pos = e->pos;
        array_types_.emplace_back(t, decl_name_pos_.known() ? decl_name_pos_ : e->pos);
        return t;
      }
      break;
    }
    case NodeKind::SliceType:
      return ts_.slice_of(var_type(static_cast<SliceType*>(e0)->elem));
    case NodeKind::DotsType:
      error_n(e0, "invalid use of ...");
      break;
    case NodeKind::StructType:
      return struct_type(static_cast<StructType*>(e0));
    case NodeKind::Operation: {
      auto* e = static_cast<Operation*>(e0);
      if (e->op == Op::Mul && !e->y) {
        const Type* base = var_type(e->x);
        if (!is_valid(base)) return ts_.invalid();
        return ts_.pointer_to(base);
      }
      error_n(e0, es(e0) + " is not a type");
      use({e0});
      break;
    }
    case NodeKind::FuncType:
      unsupported(e0->pos, "function types are");
      break;
    case NodeKind::InterfaceType:
      unsupported(e0->pos, "interface types are");
      break;
    case NodeKind::MapType: {
      auto* e = static_cast<MapType*>(e0);
      const Type* key = var_type(e->key);
      const Type* val = var_type(e->val);
      Expr* kexpr = e->key;
      delayed_.push_back([this, key, kexpr] {
        if (is_valid(key) && !comparable(key)) error_n(kexpr, "invalid map key type " + ts(key));
      });
      if (!is_valid(key) || !is_valid(val)) return ts_.invalid();
      return ts_.map_of(key, val);
    }
    case NodeKind::ChanType:
      unsupported(e0->pos, "channel types are");
      break;
    default:
      error_n(e0, es(e0) + " is not a type");
      use({static_cast<Expr*>(e0)});
      break;
  }
  return ts_.invalid();
}

std::int64_t Checker::array_length(Expr* e) {
  if (auto name = as<Name>(e)) {
    Object* obj = lookup(name->value);
    if (!obj) {
      error_at(name->pos, "undefined array length " + name->value + " or missing type constraint");
      return -1;
    }
    if (obj->kind != ObjKind::Const) {
      error_at(name->pos, "invalid array length " + name->value);
      return -1;
    }
  }
  Operand x;
  expr(x, e);
  if (x.mode != Mode::Constant) {
    if (x.mode != Mode::Invalid) error_x(x, "array length " + operand_string(x) + " must be constant");
    return -1;
  }
  if (is_untyped(x.type) || is_integer(x.type)) {
    Constant val = x.val.to_int();
    if (val.kind() == ConstKind::Int && representable_const(val, ts_.basic(BasicKind::Int), nullptr)) {
      std::int64_t n;
      if (val.int64_val(n) && n >= 0) return n;
    }
  }
  if (is_integer(x.type)) error_x(x, "invalid array length " + operand_string(x));
  else error_x(x, "array length " + operand_string(x) + " must be integer");
  return -1;
}

const Type* Checker::struct_type(StructType* e) {
  Type* t = ts_.make(TypeKind::Struct);
  std::map<std::string, Pos> seen;
  for (std::size_t i = 0; i < e->fields.size(); ++i) {
    Field* f = e->fields[i];
    std::string tag;
    if (i < e->tags.size() && e->tags[i] && !e->tags[i]->bad) tag = unquote_string(e->tags[i]->lit);
    if (!f->name) {
      unsupported(f->pos, "embedded fields are");
      var_type(f->type);
      continue;
    }
    const Type* ft = var_type(f->type);
    if (f->name->value != "_") {
      auto [it, ins] = seen.emplace(f->name->value, f->name->pos);
      if (!ins) {
        error_at(f->name->pos, f->name->value + " redeclared\n\t" + it->second.str() + ": other declaration of " +
                                   f->name->value);
        continue;
      }
    }
    t->fields.push_back(StructField{f->name->value, ft, false, tag, f->name->pos});
  }
  return t;
}

const Type* Checker::func_type(FuncType* ftyp, Field* recv, FuncInfo* info, std::vector<VarObj*>* params,
                               std::vector<VarObj*>* results, VarObj** recv_var) {
  Type* sig = ts_.make(TypeKind::Signature);
  struct Pending {
    Name* name;
    VarObj* var;
  };
  std::vector<Pending> decls;
  if (recv) {
    // receiver: T or *T where T is a named type of this package
    Expr* rt = unparen(recv->type);
    bool ptr = false;
    if (auto o = as<Operation>(rt); o && o->op == Op::Mul && !o->y) {
      ptr = true;
      rt = unparen(o->x);
    }
    const Type* base = ts_.invalid();
    if (as<IndexExpr>(rt)) {
      unsupported(rt->pos, "generic receiver types are");
    } else {
      base = var_type(rt);
    }
    const Type* recv_type = ptr && is_valid(base) ? ts_.pointer_to(base) : base;
    Pos rpos = start_pos(recv->type);
    if (is_valid(base)) {
      if (base->kind == TypeKind::Named) {
        if (base->pkg != "" || !base->obj || base->obj->local) {
          error_at(rpos, "cannot define new methods on non-local type " + ts(base));
        } else {
          const Type* u = base->underlying();
          if (u->kind == TypeKind::Pointer || u->kind == TypeKind::Interface)
            error_at(rpos, "invalid receiver type " + ts(base) + " (pointer or interface type)");
        }
      } else if (base->kind == TypeKind::Basic) {
        error_at(rpos, "cannot define new methods on non-local type " + ts(base));
      } else {
        error_at(rpos, "invalid receiver type " + ts(recv_type));
      }
    }
    std::string rname = recv->name ? recv->name->value : "";
    VarObj* v = new_var(VarKind::Recv, nullptr, rname, recv->name ? recv->name->pos : recv->pos, recv_type);
    if (recv_var) *recv_var = v;
    if (recv->name && !rname.empty()) decls.push_back({recv->name, v});
  }
  auto collect = [&](std::vector<Field*>& list, VarKind kind, std::vector<Param>& out, std::vector<VarObj*>* vars,
                     bool variadic_ok) {
    Expr* prev_type = nullptr;
    const Type* prev = nullptr;
    for (std::size_t i = 0; i < list.size(); ++i) {
      Field* f = list[i];
      Expr* texpr = f->type;
      const Type* t;
      if (texpr == prev_type && prev) {
        t = prev;
      } else if (auto d = as<DotsType>(texpr)) {
        const Type* elem = var_type(d->elem);
        t = is_valid(elem) ? ts_.slice_of(elem) : ts_.invalid();
        if (variadic_ok && i + 1 == list.size()) sig->variadic = true;
        else error_n(texpr, "invalid use of ...");
      } else {
        t = var_type(texpr);
      }
      prev_type = texpr;
      prev = t;
      std::string name = f->name ? f->name->value : "";
      VarObj* v = new_var(kind, nullptr, name, f->name ? f->name->pos : f->pos, t);
      if (vars) vars->push_back(v);
      out.push_back(Param{name, t, v});
      if (f->name && !name.empty()) decls.push_back({f->name, v});
    }
  };
  collect(ftyp->params, VarKind::Param, sig->params, params, true);
  collect(ftyp->results, VarKind::Result, sig->results, results, false);
  for (auto& d : decls) declare(scope_, d.name, d.var);
  return sig;
}

// ---------------------------------------------------------------------------
// initialization order (initorder.go)

void Checker::init_order() {
  // dependency graph between package-level variables, with functions
  // collapsed: a variable depends on every variable reachable through
  // the functions it references.
  std::vector<VarObj*> vars;
  for (Object* o : pkg_objs_)
    if (o->kind == ObjKind::Var) vars.push_back(static_cast<VarObj*>(o));
  auto deps_of = [&](Object* o) -> const std::vector<Object*>& {
    static const std::vector<Object*> none;
    auto it = objmap_.find(o);
    return it == objmap_.end() ? none : it->second->deps_ordered;
  };
  // transitive variable dependencies with the path through functions (for cycle reports)
  std::map<VarObj*, std::vector<VarObj*>> vdeps;
  for (VarObj* v : vars) {
    std::vector<VarObj*> out;
    std::set<Object*> seen;
    std::vector<Object*> stack(deps_of(v).begin(), deps_of(v).end());
    std::reverse(stack.begin(), stack.end());
    while (!stack.empty()) {
      Object* o = stack.back();
      stack.pop_back();
      if (!seen.insert(o).second) continue;
      if (o->kind == ObjKind::Var) {
        out.push_back(static_cast<VarObj*>(o));
      } else if (o->kind == ObjKind::Func) {
        const auto& d = deps_of(o);
        for (auto it = d.rbegin(); it != d.rend(); ++it) stack.push_back(*it);
      }
    }
    vdeps[v] = out;
  }
  // cycle detection: find a path from v back to v
  std::set<VarObj*> reported;
  std::function<bool(Object*, VarObj*, std::set<Object*>&, std::vector<Object*>&)> find_path =
      [&](Object* from, VarObj* to, std::set<Object*>& seen, std::vector<Object*>& path) -> bool {
    if (!seen.insert(from).second) return false;
    for (Object* d : deps_of(from)) {
      if (d->kind != ObjKind::Var && d->kind != ObjKind::Func) continue;
      if (d == to) {
        path.push_back(d);
        return true;
      }
      path.push_back(d);
      if (find_path(d, to, seen, path)) return true;
      path.pop_back();
    }
    return false;
  };
  bool cyclic = false;
  for (VarObj* v : vars) {
    std::set<Object*> seen;
    std::vector<Object*> path;
    if (!find_path(v, v, seen, path)) continue;
    cyclic = true;
    if (reported.count(v)) continue;
    // path: objects after v, ending with v
    std::vector<Object*> cycle{v};
    for (std::size_t i = 0; i + 1 < path.size(); ++i) cycle.push_back(path[i]);
    for (Object* o : cycle)
      if (o->kind == ObjKind::Var) reported.insert(static_cast<VarObj*>(o));
    if (legacy_) {
      std::string msg = "initialization loop for " + v->name;
      for (std::size_t i = 0; i < cycle.size(); ++i) msg += "\n\t" + cycle[i]->pos.str() + ": " + cycle[i]->name + " refers to";
      msg += "\n\t" + v->pos.str() + ": " + v->name;
      error_at(v->pos, msg);
    } else if (cycle.size() == 1) {
      error_at(v->pos, "initialization cycle: " + v->name + " refers to itself");
    } else {
      std::string msg = "initialization cycle for " + v->name;
      for (std::size_t i = 0; i < cycle.size(); ++i) {
        Object* next = cycle[(i + 1) % cycle.size()];
        msg += "\n\t" + cycle[i]->pos.str() + ": " + cycle[i]->name + " refers to " + next->name;
      }
      error_at(v->pos, msg);
    }
  }
  if (cyclic) return;
  // emit: repeatedly the earliest variable (in declaration order) whose
  // dependencies are all initialized
  std::set<VarObj*> done;
  std::set<Expr*> emitted;
  std::vector<VarObj*> pending = vars;
  while (!pending.empty()) {
    std::size_t pick = 0;
    for (; pick < pending.size(); ++pick) {
      bool ready = true;
      for (VarObj* d : vdeps[pending[pick]])
        if (!done.count(d)) {
          ready = false;
          break;
        }
      if (ready) break;
    }
    if (pick == pending.size()) pick = 0;
    VarObj* v = pending[pick];
    pending.erase(pending.begin() + static_cast<long>(pick));
    done.insert(v);
    DeclInfo* d = objmap_[v].get();
    if (!d->init || emitted.count(d->init)) continue;
    emitted.insert(d->init);
    GlobalInit gi;
    if (d->lhs.empty()) {
      gi.lhs.push_back(v->name == "_" ? nullptr : v);
    } else {
      for (VarObj* l : d->lhs) {
        gi.lhs.push_back(l->name == "_" ? nullptr : l);
        done.insert(l);
      }
    }
    gi.rhs = d->init;
    prog_.init_order.push_back(gi);
  }
}

void Checker::unused_imports() {
  for (PkgNameObj* pn : imports_) {
    if (pn->used) continue;
    std::string path = pn->imported->path;
    if (minor_ <= 19) {
      if (pn->decl && pn->decl->local_name) error_at(pn->pos, "imported and not used: " + quote(path) + " as " + pn->name);
      else error_at(pn->pos, "imported and not used: " + quote(path));
    } else {
      if (pn->decl && pn->decl->local_name && pn->name != pn->imported->name)
        error_at(pn->pos, quote(path) + " imported as " + pn->name + " and not used");
      else error_at(pn->pos, quote(path) + " imported and not used");
    }
  }
}

void Checker::finalize_types() {
  constexpr std::int64_t kMaxPointerful = std::int64_t{1} << 28;
  for (auto& [t, pos] : array_types_) {
    if (!is_valid(t->elem)) continue;
    std::int64_t sz = size_of(t);
    if (sz < 0) {
      error_at(pos, "type " + ts(t) + " larger than address space");
      continue;
    }
  }
  if (!sink_.empty()) return;
  for (std::size_t i = 0; i < ts_.type_count(); ++i) {
    const Type* t = ts_.type_at(i);
    if (t->kind != TypeKind::Array || t->len <= 0) continue;
    std::int64_t sz = size_of(t);
    if (sz > kMaxPointerful) {
      const runtime::Type* e = ts_.rt(t->elem);
      if (e && e->has_pointers()) {
        error_at(t->pos, "type " + ts(t) + " is too large for bucketlab (pointer-containing types are limited to " +
                             std::to_string(kMaxPointerful) + " bytes)");
        return;
      }
    }
  }
  // recursive types that are not structs cannot be laid out by name
  for (std::size_t i = 0; i < ts_.type_count(); ++i) {
    const Type* t = ts_.type_at(i);
    if (t->kind != TypeKind::Named || !t->obj || t->pkg != "" || !t->underlying_) continue;
    if (t->underlying()->kind == TypeKind::Struct || t->underlying()->kind == TypeKind::Interface) continue;
    std::set<const Type*> seen;
    std::function<bool(const Type*)> refers = [&](const Type* x) -> bool {
      if (!x) return false;
      if (x == t) return true;
      if (!seen.insert(x).second) return false;
      switch (x->kind) {
        case TypeKind::Named:
          if (x->underlying()->kind == TypeKind::Struct) return false;  // laid out by name
          return refers(x->underlying_);
        case TypeKind::Pointer: case TypeKind::Slice: case TypeKind::Array: return refers(x->elem);
        case TypeKind::Map: return refers(x->key) || refers(x->elem);
        case TypeKind::Struct:
          for (const auto& f : x->fields)
            if (refers(f.type)) return true;
          return false;
        default: return false;
      }
    };
    if (refers(t->underlying_)) {
      error_at(t->obj->pos, "recursive type " + t->name +
                                " not supported by bucketlab (a type may refer to itself only through a struct)");
      return;
    }
  }
  for (std::size_t i = 0; i < ts_.type_count(); ++i) {
    const Type* t = ts_.type_at(i);
    if (t->kind == TypeKind::Signature || t->kind == TypeKind::Tuple) continue;
    if (t->kind == TypeKind::Named && !t->underlying_) continue;
    ts_.rt(t);
  }
}

// ---------------------------------------------------------------------------
// driver

void Checker::check_files() {
  File* f = prog_.file;
  if (f->pkg_name && f->pkg_name->value != "main") {
    error_at(f->pkg_name->pos, "package " + f->pkg_name->value + " is not a main package");
    return;
  }
  collect_objects();
  package_objects();
  init_order();
  unused_imports();
  if (!prog_.main && sink_.empty()) {
    Pos p = f->pkg_name ? f->pkg_name->pos : Pos{1, 1};
    error_at(p, "function main is undeclared in the main package");
  }
  // remaining untyped expressions: non-constant ones get their default type
  for (Expr* e : untyped_order_) {
    auto it = untyped_.find(e);
    if (it == untyped_.end()) continue;
    const UntypedInfo& info = it->second;
    if (info.mode != Mode::Constant) record_node(e, info.mode, default_type(ts_, info.type), info.val);
  }
  finalize_types();
}

void check_program(CheckedProgram& prog, const CheckOptions& opts, DiagnosticSink& sink) {
  if (!prog.types) {
    if (!prog.rt_table) prog.rt_table = std::make_shared<runtime::TypeTable>();
    prog.types = std::make_unique<TypeStore>(*prog.rt_table);
    prog.stdlib = install_stdlib(*prog.types);
  }
  prog.version = opts.version;
  prog.snippet = opts.snippet;
  Checker c(prog, opts, sink);
  try {
    c.check_files();
  } catch (const CheckAbort&) {
  }
}

}  // namespace bucketlab::lang
