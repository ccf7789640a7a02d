// The checker's view of Go types and declared entities (types2's Type and
// Object), for the subset bucketlab supports. Every type that values can
// have maps to a runtime::Type created through runtime::TypeTable (see
// TypeStore::rt), so struct sizes, alignments and pointer masks are Go's.
//
// Types are not interned: composite types are created per type expression
// and compared structurally with identical(), as types2 does; named and
// basic types are unique objects. byte and rune are distinct Basic objects
// (printed "byte"/"rune") identical to uint8 and int32.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/lang/ast.h"
#include "core/lang/constant.h"
#include "core/runtime/type.h"

namespace bucketlab::lang {

enum class BasicKind : std::uint8_t {
  Invalid,
  Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
  Float32, Float64, Complex64, Complex128, String, UnsafePointer,
  UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedComplex, UntypedString, UntypedNil,
};

enum class TypeKind : std::uint8_t { Basic, Named, Pointer, Slice, Array, Map, Struct, Signature, Tuple, Interface };

struct TypeNameObj;

struct StructField {
  std::string name;
  const Type* type = nullptr;
  bool embedded = false;
  std::string tag;  // unquoted; empty: none
  Pos pos;
};

struct Param {
  std::string name;  // may be empty
  const Type* type = nullptr;
  VarObj* var = nullptr;  // the declared variable (user functions)
};

struct IfaceMethod {
  std::string name;
  const Type* sig = nullptr;
};

struct Type {
  TypeKind kind = TypeKind::Basic;
  // Basic
  BasicKind basic = BasicKind::Invalid;
  std::string name;  // Basic: "int", "byte", "untyped int"; Named: declared name
  // Pointer, Slice, Array, Map (value)
  const Type* elem = nullptr;
  const Type* key = nullptr;  // Map
  std::int64_t len = 0;       // Array (-1: [...]T being inferred)
  // Struct
  std::vector<StructField> fields;
  // Named
  TypeNameObj* obj = nullptr;
  const Type* underlying_ = nullptr;  // nullptr while being declared
  std::vector<FuncObj*> methods;
  std::string pkg;       // package name of a named type ("" for main and universe)
  std::string rt_name;   // runtime name of a named type ("main.T", "main.T·1" for local types)
  // Signature (params/results), Tuple (params)
  std::vector<Param> params;
  std::vector<Param> results;
  bool variadic = false;
  // Interface
  std::vector<IfaceMethod> imethods;
  bool is_any = false;  // the predeclared any (printed "any")
  // runtime layout (computed by TypeStore::rt)
  mutable const runtime::Type* rt = nullptr;
  mutable std::uint8_t rt_state = 0;  // named structs: 0 none, 1 declared (being laid out), 2 laid out
  Pos pos;  // array types: position of the type expression (for size errors)

  const Type* underlying() const { return kind == TypeKind::Named ? (underlying_ ? underlying_ : this) : this; }
};

// ---------------------------------------------------------------------------
// Objects

enum class ObjKind : std::uint8_t { Var, Const, TypeName, Func, Builtin, PkgName, Nil };

struct Scope;
struct Package;

struct Object {
  explicit Object(ObjKind k) : kind(k) {}
  virtual ~Object() = default;
  ObjKind kind;
  std::string name;
  Pos pos;
  const Type* type = nullptr;  // nullptr: not yet checked (package-level objects)
  const Package* pkg = nullptr;  // nullptr: universe or the main package
  Scope* parent = nullptr;
  int order = 0;  // package-level declaration order
  bool exported() const { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }
};

enum class VarKind : std::uint8_t { Local, Param, Result, Recv, Global };

struct VarObj : Object {
  VarObj() : Object(ObjKind::Var) {}
  VarKind var_kind = VarKind::Local;
  // Frame slot: index into the function's frame (locals, params, results),
  // or into the global frame for package-level variables.
  int slot = -1;
  FuncInfo* func = nullptr;  // owning function (nullptr for globals)
  bool used = false;         // read somewhere (for "declared and not used")
  // Escape facts (see docs/lang.md, "Escape rule"):
  bool addr_taken = false;   // &v, &v.f, &v[i] (array), v[:] (array), or a pointer-method call on v
  bool escapes = false;      // lives on the heap: addr_taken except in non-retaining library calls
  bool captured = false;     // referenced by a closure (always false: closures are not supported)
};

struct ConstDecl;
struct ConstObj : Object {
  ConstObj() : Object(ObjKind::Const) {}
  Constant val;
  // package-level: declaration info for lazy checking
  Expr* type_expr = nullptr;
  Expr* init = nullptr;
  bool inherited = false;
  std::int64_t iota = 0;
  bool is_iota = false;  // the predeclared iota
};

struct TypeNameObj : Object {
  TypeNameObj() : Object(ObjKind::TypeName) {}
  TypeDecl* decl = nullptr;  // user-declared
  bool alias = false;
  bool local = false;  // declared inside a function
};

struct FuncInfo;
struct FuncObj : Object {
  FuncObj() : Object(ObjKind::Func) {}
  FuncDecl* decl = nullptr;        // user function or method
  FuncInfo* info = nullptr;        // user function or method
  LibId lib{};                     // library function or method
  bool is_lib = false;
  const Type* recv_base = nullptr; // methods: the named receiver base type
  bool ptr_recv = false;           // methods: receiver is *T
};

struct BuiltinObj : Object {
  BuiltinObj() : Object(ObjKind::Builtin) {}
  BuiltinId id = BuiltinId::None;
  int nargs = 0;
  bool variadic = false;
  bool statement = false;  // may be used as a statement
  int min_minor = 0;       // first Go 1.x release with this builtin
};

struct PkgNameObj : Object {
  PkgNameObj() : Object(ObjKind::PkgName) {}
  const Package* imported = nullptr;
  bool used = false;
  ImportDecl* decl = nullptr;
};

struct NilObj : Object {
  NilObj() : Object(ObjKind::Nil) {}
};

struct Scope {
  Scope* parent = nullptr;
  std::map<std::string, Object*> elems;
  std::vector<Object*> ordered;  // in declaration order
  std::vector<Scope*> children;
  bool is_func = false;
  Object* lookup(const std::string& name) const {
    auto it = elems.find(name);
    return it == elems.end() ? nullptr : it->second;
  }
  // Inserts obj; returns the existing object with the same name, if any.
  Object* insert(Object* obj);
};

// A library package bucketlab knows (fmt, strconv, runtime, ...).
struct Package {
  std::string path;  // "math/rand"
  std::string name;  // "rand"
  std::map<std::string, Object*> members;
  bool fake = false;  // a refused import: selectors on it are invalid without further errors
};

// A checked user function or method: its frame layout.
struct FuncInfo {
  FuncObj* obj = nullptr;
  FuncDecl* decl = nullptr;
  std::string name;  // "main", "T.M", "(*T).M"
  VarObj* recv = nullptr;
  std::vector<VarObj*> params;
  std::vector<VarObj*> results;
  std::vector<VarObj*> slots;  // every variable of the frame, indexed by VarObj::slot
  int num_slots() const { return static_cast<int>(slots.size()); }
};

// ---------------------------------------------------------------------------
// TypeStore: owns types and objects and knows the universe.

class TypeStore {
 public:
  explicit TypeStore(runtime::TypeTable& table);
  TypeStore(const TypeStore&) = delete;
  TypeStore& operator=(const TypeStore&) = delete;

  template <class T>
  T* make_obj() {
    auto p = std::make_unique<T>();
    T* raw = p.get();
    objects_.push_back(std::move(p));
    return raw;
  }
  Type* make(TypeKind k) {
    types_.emplace_back();
    types_.back().kind = k;
    return &types_.back();
  }
  Scope* make_scope(Scope* parent) {
    scopes_.push_back(std::make_unique<Scope>());
    Scope* s = scopes_.back().get();
    s->parent = parent;
    if (parent) parent->children.push_back(s);
    return s;
  }
  Package* make_package(const std::string& path, const std::string& name) {
    packages_.push_back(std::make_unique<Package>());
    packages_.back()->path = path;
    packages_.back()->name = name;
    return packages_.back().get();
  }
  FuncInfo* make_func_info() {
    funcs_.push_back(std::make_unique<FuncInfo>());
    return funcs_.back().get();
  }

  const Type* basic(BasicKind k) const { return basics_[static_cast<int>(k)]; }
  const Type* invalid() const { return basic(BasicKind::Invalid); }
  const Type* byte_type() const { return byte_; }
  const Type* rune_type() const { return rune_; }
  const Type* any_type() const { return any_; }
  const Type* error_type() const { return error_; }
  Scope* universe() const { return universe_; }

  const Type* pointer_to(const Type* elem);
  const Type* slice_of(const Type* elem);
  const Type* array_of(const Type* elem, std::int64_t len);
  const Type* map_of(const Type* key, const Type* elem);
  const Type* tuple_of(std::vector<Param> vars);

  // The runtime descriptor of a type whose values exist at run time
  // (a TypeTable is meant to hold one program; a struct name an earlier
  // program already defined in it gets a "·N" suffix)
  // (nullptr for untyped, tuple and signature types). Named structs are
  // declared first and laid out once complete, so self-referential types
  // (type Node struct{ next *Node }) work.
  const runtime::Type* rt(const Type* t);
  runtime::TypeTable& table() { return table_; }

  std::size_t type_count() const { return types_.size(); }
  const Type* type_at(std::size_t i) const { return &types_[i]; }

 private:
  const runtime::Type* rt_ref(const Type* t);  // may return a declared, not yet laid out struct
  runtime::TypeTable& table_;
  std::deque<Type> types_;
  std::vector<std::unique_ptr<Object>> objects_;
  std::vector<std::unique_ptr<Scope>> scopes_;
  std::vector<std::unique_ptr<Package>> packages_;
  std::vector<std::unique_ptr<FuncInfo>> funcs_;
  std::vector<const Type*> basics_;
  const Type* byte_ = nullptr;
  const Type* rune_ = nullptr;
  const Type* any_ = nullptr;
  const Type* error_ = nullptr;
  Scope* universe_ = nullptr;
};

// ---------------------------------------------------------------------------
// Predicates (types2 predicates.go), for the supported subset.

bool is_basic(const Type* t, BasicKind k);
bool is_boolean(const Type* t);
bool is_integer(const Type* t);
bool is_unsigned(const Type* t);
bool is_float(const Type* t);
bool is_complex(const Type* t);
bool is_numeric(const Type* t);
bool is_string(const Type* t);
bool is_integer_or_float(const Type* t);
bool is_const_type(const Type* t);
bool is_untyped(const Type* t);
bool is_typed(const Type* t);
bool is_valid(const Type* t);
bool is_ordered(const Type* t);
bool is_pointer(const Type* t);
bool is_interface(const Type* t);
bool has_nil(const Type* t);
bool has_name(const Type* t);
bool comparable(const Type* t);
bool identical(const Type* a, const Type* b, bool ignore_tags = false);
bool is_bytes_or_runes(const Type* t);
const Type* default_type(const TypeStore& ts, const Type* t);  // untyped -> default
// Size of a value of type t (gc sizes, 64-bit), or -1 if it overflows / is unknown.
std::int64_t size_of(const Type* t);

// types2's TypeString with the main package unqualified ("T", "runtime.MemStats").
std::string type_string(const Type* t);

}  // namespace bucketlab::lang
