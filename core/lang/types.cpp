#include "core/lang/types.h"

#include "core/lang/text.h"

namespace bucketlab::lang {

namespace {

struct BasicInfo {
  BasicKind kind;
  const char* name;
};

constexpr BasicInfo kBasics[] = {
    {BasicKind::Invalid, "invalid type"},
    {BasicKind::Bool, "bool"},
    {BasicKind::Int, "int"},
    {BasicKind::Int8, "int8"},
    {BasicKind::Int16, "int16"},
    {BasicKind::Int32, "int32"},
    {BasicKind::Int64, "int64"},
    {BasicKind::Uint, "uint"},
    {BasicKind::Uint8, "uint8"},
    {BasicKind::Uint16, "uint16"},
    {BasicKind::Uint32, "uint32"},
    {BasicKind::Uint64, "uint64"},
    {BasicKind::Uintptr, "uintptr"},
    {BasicKind::Float32, "float32"},
    {BasicKind::Float64, "float64"},
    {BasicKind::Complex64, "complex64"},
    {BasicKind::Complex128, "complex128"},
    {BasicKind::String, "string"},
    {BasicKind::UnsafePointer, "Pointer"},
    {BasicKind::UntypedBool, "untyped bool"},
    {BasicKind::UntypedInt, "untyped int"},
    {BasicKind::UntypedRune, "untyped rune"},
    {BasicKind::UntypedFloat, "untyped float"},
    {BasicKind::UntypedComplex, "untyped complex"},
    {BasicKind::UntypedString, "untyped string"},
    {BasicKind::UntypedNil, "untyped nil"},
};

struct BuiltinInfo {
  BuiltinId id;
  const char* name;
  int nargs;
  bool variadic;
  bool statement;
  int min_minor;
};

constexpr BuiltinInfo kBuiltins[] = {
    {BuiltinId::Append, "append", 1, true, false, 0},
    {BuiltinId::Cap, "cap", 1, false, false, 0},
    {BuiltinId::Clear, "clear", 1, false, true, 21},
    {BuiltinId::Close, "close", 1, false, true, 0},
    {BuiltinId::Complex, "complex", 2, false, false, 0},
    {BuiltinId::Copy, "copy", 2, false, true, 0},
    {BuiltinId::Delete, "delete", 2, false, true, 0},
    {BuiltinId::Imag, "imag", 1, false, false, 0},
    {BuiltinId::Len, "len", 1, false, false, 0},
    {BuiltinId::Make, "make", 1, true, false, 0},
    {BuiltinId::Max, "max", 1, true, false, 21},
    {BuiltinId::Min, "min", 1, true, false, 21},
    {BuiltinId::New, "new", 1, false, false, 0},
    {BuiltinId::Panic, "panic", 1, false, true, 0},
    {BuiltinId::Print, "print", 0, true, true, 0},
    {BuiltinId::Println, "println", 0, true, true, 0},
    {BuiltinId::Real, "real", 1, false, false, 0},
    {BuiltinId::Recover, "recover", 0, false, true, 0},
};

runtime::Kind rt_kind(BasicKind k) {
  switch (k) {
    case BasicKind::Bool: return runtime::Kind::Bool;
    case BasicKind::Int: return runtime::Kind::Int;
    case BasicKind::Int8: return runtime::Kind::Int8;
    case BasicKind::Int16: return runtime::Kind::Int16;
    case BasicKind::Int32: return runtime::Kind::Int32;
    case BasicKind::Int64: return runtime::Kind::Int64;
    case BasicKind::Uint: return runtime::Kind::Uint;
    case BasicKind::Uint8: return runtime::Kind::Uint8;
    case BasicKind::Uint16: return runtime::Kind::Uint16;
    case BasicKind::Uint32: return runtime::Kind::Uint32;
    case BasicKind::Uint64: return runtime::Kind::Uint64;
    case BasicKind::Uintptr: return runtime::Kind::Uintptr;
    case BasicKind::Float32: return runtime::Kind::Float32;
    case BasicKind::Float64: return runtime::Kind::Float64;
    case BasicKind::String: return runtime::Kind::String;
    case BasicKind::UnsafePointer: return runtime::Kind::UnsafePointer;
    default: return runtime::Kind::Int;
  }
}

std::string tuple_string(const std::vector<Param>& ps, bool variadic) {
  std::string s = "(";
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (i) s += ", ";
    if (!ps[i].name.empty()) s += ps[i].name + " ";
    if (variadic && i + 1 == ps.size() && ps[i].type && ps[i].type->kind == TypeKind::Slice)
      s += "..." + type_string(ps[i].type->elem);
    else
      s += type_string(ps[i].type);
  }
  return s + ")";
}

std::string signature_tail(const Type* t) {
  std::string s = tuple_string(t->params, t->variadic);
  if (t->results.empty()) return s;
  s += " ";
  if (t->results.size() == 1 && t->results[0].name.empty()) return s + type_string(t->results[0].type);
  return s + tuple_string(t->results, false);
}

}  // namespace

Object* Scope::insert(Object* obj) {
  auto [it, ok] = elems.emplace(obj->name, obj);
  if (!ok) return it->second;
  ordered.push_back(obj);
  obj->parent = this;
  return nullptr;
}

TypeStore::TypeStore(runtime::TypeTable& table) : table_(table) {
  universe_ = make_scope(nullptr);
  for (const auto& b : kBasics) {
    Type* t = make(TypeKind::Basic);
    t->basic = b.kind;
    t->name = b.name;
    basics_.push_back(t);
  }
  auto alias_basic = [&](BasicKind k, const char* name) {
    Type* t = make(TypeKind::Basic);
    t->basic = k;
    t->name = name;
    return t;
  };
  byte_ = alias_basic(BasicKind::Uint8, "byte");
  rune_ = alias_basic(BasicKind::Int32, "rune");

  auto def_type = [&](const char* name, const Type* t) {
    auto* o = make_obj<TypeNameObj>();
    o->name = name;
    o->type = t;
    universe_->insert(o);
    return o;
  };
  for (const auto& b : kBasics) {
    if (b.kind == BasicKind::Invalid || b.kind >= BasicKind::UnsafePointer) continue;
    def_type(b.name, basic(b.kind));
  }
  def_type("byte", byte_);
  def_type("rune", rune_);

  Type* any = make(TypeKind::Interface);
  any->is_any = true;
  any_ = any;
  def_type("any", any_);

  // type error interface{ Error() string }
  Type* err = make(TypeKind::Named);
  err->name = "error";
  Type* err_sig = make(TypeKind::Signature);
  err_sig->results.push_back(Param{"", basic(BasicKind::String), nullptr});
  Type* err_iface = make(TypeKind::Interface);
  err_iface->imethods.push_back(IfaceMethod{"Error", err_sig});
  err->underlying_ = err_iface;
  err->rt_name = "error";
  error_ = err;
  err->obj = def_type("error", error_);

  // comparable is a constraint interface; it exists so that its use is reported
  Type* cmp = make(TypeKind::Named);
  cmp->name = "comparable";
  Type* cmp_iface = make(TypeKind::Interface);
  cmp->underlying_ = cmp_iface;
  cmp->obj = def_type("comparable", cmp);

  auto def_const = [&](const char* name, const Type* t, Constant v) {
    auto* o = make_obj<ConstObj>();
    o->name = name;
    o->type = t;
    o->val = std::move(v);
    universe_->insert(o);
    return o;
  };
  def_const("true", basic(BasicKind::UntypedBool), Constant::make_bool(true));
  def_const("false", basic(BasicKind::UntypedBool), Constant::make_bool(false));
  def_const("iota", basic(BasicKind::UntypedInt), Constant::make_int64(0))->is_iota = true;

  auto* nil = make_obj<NilObj>();
  nil->name = "nil";
  nil->type = basic(BasicKind::UntypedNil);
  universe_->insert(nil);

  for (const auto& b : kBuiltins) {
    auto* o = make_obj<BuiltinObj>();
    o->name = b.name;
    o->id = b.id;
    o->nargs = b.nargs;
    o->variadic = b.variadic;
    o->statement = b.statement;
    o->min_minor = b.min_minor;
    o->type = invalid();
    universe_->insert(o);
  }
}

const Type* TypeStore::pointer_to(const Type* elem) {
  Type* t = make(TypeKind::Pointer);
  t->elem = elem;
  return t;
}

const Type* TypeStore::slice_of(const Type* elem) {
  Type* t = make(TypeKind::Slice);
  t->elem = elem;
  return t;
}

const Type* TypeStore::array_of(const Type* elem, std::int64_t len) {
  Type* t = make(TypeKind::Array);
  t->elem = elem;
  t->len = len;
  return t;
}

const Type* TypeStore::map_of(const Type* key, const Type* elem) {
  Type* t = make(TypeKind::Map);
  t->key = key;
  t->elem = elem;
  return t;
}

const Type* TypeStore::tuple_of(std::vector<Param> vars) {
  Type* t = make(TypeKind::Tuple);
  t->params = std::move(vars);
  return t;
}

const runtime::Type* TypeStore::rt_ref(const Type* t) {
  if (t->kind == TypeKind::Named && t->underlying()->kind == TypeKind::Struct) {
    if (t->rt_state == 0) {
      // A table shared with an earlier program may already define this
      // name: give this program's type a distinct name ("main.T·2").
      std::string name = t->rt_name;
      const runtime::Type* rt = table_.declare_struct(name);
      for (int k = 2; rt->size != 0 || !rt->fields.empty(); ++k) rt = table_.declare_struct(t->rt_name + "·" + std::to_string(k));
      t->rt = rt;
      t->rt_state = 1;
    }
    return t->rt;
  }
  return rt(t);
}

const runtime::Type* TypeStore::rt(const Type* t) {
  if (!t) return nullptr;
  if (t->rt && t->kind != TypeKind::Named) return t->rt;
  switch (t->kind) {
    case TypeKind::Basic:
      if (t->basic == BasicKind::Invalid || t->basic >= BasicKind::UntypedBool || t->basic == BasicKind::Complex64 ||
          t->basic == BasicKind::Complex128 || t->basic == BasicKind::UnsafePointer)
        return nullptr;
      return t->rt = table_.basic(rt_kind(t->basic));
    case TypeKind::Named: {
      const Type* u = t->underlying();
      if (u == t) return nullptr;
      if (u->kind != TypeKind::Struct) return t->rt = rt(u);
      if (t->rt_state == 2) return t->rt;
      const runtime::Type* decl = rt_ref(t);
      if (t->rt_state == 3) return decl;  // laying out: a by-value cycle (rejected by the checker)
      t->rt_state = 3;
      std::vector<std::pair<std::string, const runtime::Type*>> fs;
      for (const auto& f : u->fields) {
        const runtime::Type* ft = rt(f.type);
        if (!ft) {
          t->rt_state = 1;
          return nullptr;
        }
        fs.emplace_back(f.name, ft);
      }
      table_.define_struct(decl, fs);
      t->rt_state = 2;
      return decl;
    }
    case TypeKind::Pointer: {
      const runtime::Type* e = rt_ref(t->elem);
      return e ? (t->rt = table_.pointer_to(e)) : nullptr;
    }
    case TypeKind::Slice: {
      const runtime::Type* e = rt_ref(t->elem);
      return e ? (t->rt = table_.slice_of(e)) : nullptr;
    }
    case TypeKind::Map: {
      const runtime::Type* k = rt(t->key);
      const runtime::Type* e = rt(t->elem);
      return k && e ? (t->rt = table_.map_of(k, e)) : nullptr;
    }
    case TypeKind::Array: {
      const runtime::Type* e = rt(t->elem);
      return e && t->len >= 0 ? (t->rt = table_.array_of(e, static_cast<std::uint64_t>(t->len))) : nullptr;
    }
    case TypeKind::Struct: {
      std::vector<std::pair<std::string, const runtime::Type*>> fs;
      for (const auto& f : t->fields) {
        const runtime::Type* ft = rt(f.type);
        if (!ft) return nullptr;
        fs.emplace_back(f.name, ft);
      }
      return t->rt = table_.struct_of("", fs);
    }
    case TypeKind::Interface: {
      // eface/iface: two pointer words (type or itab, data)
      std::string name = t->is_any || t->imethods.empty() ? "interface {}" : type_string(t);
      return t->rt = table_.internal(name, 16, 8, {0, 8});
    }
    case TypeKind::Signature:
    case TypeKind::Tuple:
      return nullptr;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// predicates

namespace {
const Type* under(const Type* t) { return t ? t->underlying() : nullptr; }
BasicKind bk(const Type* t) {
  const Type* u = under(t);
  return u && u->kind == TypeKind::Basic ? u->basic : BasicKind::Invalid;
}
bool is_basic_kind(const Type* t) { return under(t) && under(t)->kind == TypeKind::Basic; }
}  // namespace

bool is_basic(const Type* t, BasicKind k) { return is_basic_kind(t) && bk(t) == k; }

bool is_boolean(const Type* t) {
  BasicKind k = bk(t);
  return is_basic_kind(t) && (k == BasicKind::Bool || k == BasicKind::UntypedBool);
}

bool is_integer(const Type* t) {
  BasicKind k = bk(t);
  return is_basic_kind(t) && ((k >= BasicKind::Int && k <= BasicKind::Uintptr) || k == BasicKind::UntypedInt ||
                              k == BasicKind::UntypedRune);
}

bool is_unsigned(const Type* t) {
  BasicKind k = bk(t);
  return is_basic_kind(t) && k >= BasicKind::Uint && k <= BasicKind::Uintptr;
}

bool is_float(const Type* t) {
  BasicKind k = bk(t);
  return is_basic_kind(t) && (k == BasicKind::Float32 || k == BasicKind::Float64 || k == BasicKind::UntypedFloat);
}

bool is_complex(const Type* t) {
  BasicKind k = bk(t);
  return is_basic_kind(t) &&
         (k == BasicKind::Complex64 || k == BasicKind::Complex128 || k == BasicKind::UntypedComplex);
}

bool is_numeric(const Type* t) { return is_integer(t) || is_float(t) || is_complex(t); }

bool is_string(const Type* t) {
  BasicKind k = bk(t);
  return is_basic_kind(t) && (k == BasicKind::String || k == BasicKind::UntypedString);
}

bool is_integer_or_float(const Type* t) { return is_integer(t) || is_float(t); }

bool is_const_type(const Type* t) {
  return is_basic_kind(t) && bk(t) != BasicKind::Invalid && bk(t) != BasicKind::UnsafePointer &&
         bk(t) != BasicKind::UntypedNil;
}

bool is_untyped(const Type* t) {
  return t && t->kind == TypeKind::Basic && t->basic >= BasicKind::UntypedBool;
}

bool is_typed(const Type* t) { return !is_untyped(t); }

bool is_valid(const Type* t) { return t && !(under(t)->kind == TypeKind::Basic && under(t)->basic == BasicKind::Invalid); }

bool is_ordered(const Type* t) { return is_integer(t) || is_float(t) || is_string(t); }

bool is_pointer(const Type* t) { return under(t) && under(t)->kind == TypeKind::Pointer; }

bool is_interface(const Type* t) { return under(t) && under(t)->kind == TypeKind::Interface; }

bool has_nil(const Type* t) {
  const Type* u = under(t);
  if (!u) return false;
  switch (u->kind) {
    case TypeKind::Basic: return u->basic == BasicKind::UnsafePointer;
    case TypeKind::Slice: case TypeKind::Pointer: case TypeKind::Signature: case TypeKind::Map:
    case TypeKind::Interface:
      return true;
    default: return false;
  }
}

bool has_name(const Type* t) { return t && (t->kind == TypeKind::Basic || t->kind == TypeKind::Named); }

bool comparable(const Type* t) {
  const Type* u = under(t);
  switch (u->kind) {
    case TypeKind::Basic: return u->basic != BasicKind::UntypedNil;
    case TypeKind::Pointer: case TypeKind::Interface: return true;
    case TypeKind::Struct:
      for (const auto& f : u->fields)
        if (!comparable(f.type)) return false;
      return true;
    case TypeKind::Array: return comparable(u->elem);
    default: return false;
  }
}

bool identical(const Type* a, const Type* b, bool ignore_tags) {
  if (a == b) return true;
  if (!a || !b) return false;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Basic: return a->basic == b->basic;
    case TypeKind::Named: return false;
    case TypeKind::Pointer:
    case TypeKind::Slice: return identical(a->elem, b->elem, ignore_tags);
    case TypeKind::Array: return a->len == b->len && identical(a->elem, b->elem, ignore_tags);
    case TypeKind::Map: return identical(a->key, b->key, ignore_tags) && identical(a->elem, b->elem, ignore_tags);
    case TypeKind::Struct:
      if (a->fields.size() != b->fields.size()) return false;
      for (std::size_t i = 0; i < a->fields.size(); ++i) {
        const auto& f = a->fields[i];
        const auto& g = b->fields[i];
        if (f.embedded != g.embedded || f.name != g.name || (!ignore_tags && f.tag != g.tag) ||
            !identical(f.type, g.type, ignore_tags))
          return false;
      }
      return true;
    case TypeKind::Signature:
      if (a->variadic != b->variadic || a->results.size() != b->results.size()) return false;
      [[fallthrough]];
    case TypeKind::Tuple:
      if (a->params.size() != b->params.size()) return false;
      for (std::size_t i = 0; i < a->params.size(); ++i)
        if (!identical(a->params[i].type, b->params[i].type, ignore_tags)) return false;
      for (std::size_t i = 0; i < a->results.size(); ++i)
        if (!identical(a->results[i].type, b->results[i].type, ignore_tags)) return false;
      return true;
    case TypeKind::Interface:
      if (a->imethods.size() != b->imethods.size()) return false;
      for (std::size_t i = 0; i < a->imethods.size(); ++i)
        if (a->imethods[i].name != b->imethods[i].name || !identical(a->imethods[i].sig, b->imethods[i].sig))
          return false;
      return true;
  }
  return false;
}

bool is_bytes_or_runes(const Type* t) {
  const Type* u = under(t);
  if (u->kind != TypeKind::Slice) return false;
  BasicKind k = bk(u->elem);
  return is_basic_kind(u->elem) && (k == BasicKind::Uint8 || k == BasicKind::Int32);
}

const Type* default_type(const TypeStore& ts, const Type* t) {
  if (!t || t->kind != TypeKind::Basic) return t;
  switch (t->basic) {
    case BasicKind::UntypedBool: return ts.basic(BasicKind::Bool);
    case BasicKind::UntypedInt: return ts.basic(BasicKind::Int);
    case BasicKind::UntypedRune: return ts.rune_type();
    case BasicKind::UntypedFloat: return ts.basic(BasicKind::Float64);
    case BasicKind::UntypedComplex: return ts.basic(BasicKind::Complex128);
    case BasicKind::UntypedString: return ts.basic(BasicKind::String);
    default: return t;
  }
}

namespace {

std::int64_t align_of(const Type* t) {
  const Type* u = under(t);
  switch (u->kind) {
    case TypeKind::Basic:
      switch (u->basic) {
        case BasicKind::Bool: case BasicKind::Int8: case BasicKind::Uint8: return 1;
        case BasicKind::Int16: case BasicKind::Uint16: return 2;
        case BasicKind::Int32: case BasicKind::Uint32: case BasicKind::Float32: return 4;
        default: return 8;
      }
    case TypeKind::Array: return align_of(u->elem);
    case TypeKind::Struct: {
      std::int64_t a = 1;
      for (const auto& f : u->fields) a = std::max(a, align_of(f.type));
      return a;
    }
    default: return 8;
  }
}

}  // namespace

std::int64_t size_of(const Type* t) {
  constexpr std::int64_t kMax = std::int64_t{1} << 50;  // cmd/compile's MaxWidth on 64-bit targets
  const Type* u = under(t);
  if (t->kind == TypeKind::Named && !t->underlying_) return -1;
  switch (u->kind) {
    case TypeKind::Basic:
      switch (u->basic) {
        case BasicKind::Bool: case BasicKind::Int8: case BasicKind::Uint8: return 1;
        case BasicKind::Int16: case BasicKind::Uint16: return 2;
        case BasicKind::Int32: case BasicKind::Uint32: case BasicKind::Float32: return 4;
        case BasicKind::String: case BasicKind::Complex128: return 16;
        default: return 8;
      }
    case TypeKind::Pointer: case TypeKind::Map: case TypeKind::Signature: return 8;
    case TypeKind::Slice: return 24;
    case TypeKind::Interface: return 16;
    case TypeKind::Array: {
      std::int64_t e = size_of(u->elem);
      if (e < 0 || u->len < 0) return -1;
      if (e != 0 && u->len > kMax / e) return -1;
      return e * u->len;
    }
    case TypeKind::Struct: {
      std::int64_t off = 0, align = 1;
      for (const auto& f : u->fields) {
        std::int64_t fa = align_of(f.type), fs = size_of(f.type);
        if (fs < 0) return -1;
        off = (off + fa - 1) / fa * fa;
        off += fs;
        if (off > kMax) return -1;
        align = std::max(align, fa);
      }
      if (!u->fields.empty() && size_of(u->fields.back().type) == 0 && off > 0) off++;
      return (off + align - 1) / align * align;
    }
    default: return -1;
  }
}

std::string type_string(const Type* t) {
  if (!t) return "<nil>";
  switch (t->kind) {
    case TypeKind::Basic: return t->name;
    case TypeKind::Named: return t->pkg.empty() ? t->name : t->pkg + "." + t->name;
    case TypeKind::Pointer: return "*" + type_string(t->elem);
    case TypeKind::Slice: return "[]" + type_string(t->elem);
    case TypeKind::Array: return "[" + std::to_string(t->len) + "]" + type_string(t->elem);
    case TypeKind::Map: return "map[" + type_string(t->key) + "]" + type_string(t->elem);
    case TypeKind::Struct: {
      std::string s = "struct{";
      for (std::size_t i = 0; i < t->fields.size(); ++i) {
        const auto& f = t->fields[i];
        if (i) s += "; ";
        if (!f.embedded) s += f.name + " ";
        s += type_string(f.type);
        if (!f.tag.empty()) s += " " + quote(f.tag);
      }
      return s + "}";
    }
    case TypeKind::Signature: return "func" + signature_tail(t);
    case TypeKind::Tuple: return tuple_string(t->params, false);
    case TypeKind::Interface: {
      if (t->is_any) return "any";
      std::string s = "interface{";
      for (std::size_t i = 0; i < t->imethods.size(); ++i) {
        if (i) s += "; ";
        s += t->imethods[i].name + signature_tail(t->imethods[i].sig);
      }
      return s + "}";
    }
  }
  return "?";
}

}  // namespace bucketlab::lang
