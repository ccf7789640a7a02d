// The syntax tree of the workload language. Node kinds and fields mirror
// Go's cmd/compile/internal/syntax (nodes.go) so that positions, the
// printed form of expressions in error messages (syntax.String, ShortForm)
// and the error positions (syntax.StartPos) are Go's.
//
// After type checking every expression carries its results (mode, type,
// constant value) and every name its resolved object; see checker.h for
// what the compiled form can rely on.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/lang/constant.h"
#include "core/lang/diagnostics.h"
#include "core/lang/token.h"

namespace bucketlab::lang {

struct Type;
struct Object;
struct VarObj;
struct FuncObj;
struct FuncInfo;

enum class NodeKind : std::uint8_t {
  // expressions
  BadExpr, Name, BasicLit, CompositeLit, KeyValueExpr, FuncLit, ParenExpr, SelectorExpr,
  IndexExpr, SliceExpr, AssertExpr, TypeSwitchGuard, Operation, CallExpr, ListExpr,
  ArrayType, SliceType, DotsType, StructType, InterfaceType, FuncType, MapType, ChanType,
  // statements
  EmptyStmt, LabeledStmt, BlockStmt, ExprStmt, SendStmt, DeclStmt, AssignStmt, BranchStmt,
  CallStmt, ReturnStmt, IfStmt, ForStmt, SwitchStmt, SelectStmt, RangeClause, CaseClause, CommClause,
  // declarations and others
  ImportDecl, ConstDecl, TypeDecl, VarDecl, FuncDecl, Field, File,
};

struct Node {
  explicit Node(NodeKind k) : kind(k) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  NodeKind kind;
  Pos pos;
};

template <class T>
T* as(Node* n) { return n && n->kind == T::kKind ? static_cast<T*>(n) : nullptr; }
template <class T>
const T* as(const Node* n) { return n && n->kind == T::kKind ? static_cast<const T*>(n) : nullptr; }

// How an expression may be used (types2 operandMode), recorded by the checker.
enum class Mode : std::uint8_t {
  Invalid,   // not checked or erroneous
  NoValue,   // call of a function without results
  Builtin,   // built-in function name (only as a callee)
  TypeExpr,  // denotes a type
  Constant,  // constant value in Expr::value
  Variable,  // addressable
  MapIndex,  // m[k]
  Value,     // computed value
  NilValue,  // the predeclared nil
  CommaOk,   // value that may be used in v, ok = ...
  Package,   // package name (only as the X of a qualified identifier)
};

struct Expr : Node {
  using Node::Node;
  // --- results of type checking ---
  Mode mode = Mode::Invalid;
  const Type* type = nullptr;  // final type; untyped only for constants that are never materialized
  Constant value;              // when mode == Constant
};

struct Stmt : Node {
  using Node::Node;
};

struct Decl : Node {
  using Node::Node;
  int group = 0;  // non-zero: part of a parenthesized group (same id)
};

// ---------------------------------------------------------------------------
// Expressions

struct BadExpr : Expr {
  static constexpr NodeKind kKind = NodeKind::BadExpr;
  BadExpr() : Expr(kKind) {}
};

struct Name : Expr {
  static constexpr NodeKind kKind = NodeKind::Name;
  Name() : Expr(kKind) {}
  std::string value;
  Object* obj = nullptr;  // resolved: declared or referenced object (nullptr for _ and labels)
};

struct BasicLit : Expr {
  static constexpr NodeKind kKind = NodeKind::BasicLit;
  BasicLit() : Expr(kKind) {}
  std::string lit;  // source text
  LitKind lit_kind = LitKind::Int;
  bool bad = false;  // lexical error reported
};

struct CompositeLit : Expr {
  static constexpr NodeKind kKind = NodeKind::CompositeLit;
  CompositeLit() : Expr(kKind) {}
  Expr* type_expr = nullptr;  // nullptr: elided type (inside another literal)
  std::vector<Expr*> elems;
  int nkeys = 0;
  Pos rbrace;
  // checker: for struct literals, the field index of each element; for
  // arrays/slices, the index of each element; max_index+1 is the length.
  std::vector<std::int64_t> indices;
  std::int64_t length = 0;  // arrays/slices: number of elements of the value
};

struct KeyValueExpr : Expr {
  static constexpr NodeKind kKind = NodeKind::KeyValueExpr;
  KeyValueExpr() : Expr(kKind) {}
  Expr* key = nullptr;
  Expr* val = nullptr;
};

struct FuncType;
struct BlockStmt;

struct FuncLit : Expr {
  static constexpr NodeKind kKind = NodeKind::FuncLit;
  FuncLit() : Expr(kKind) {}
  FuncType* ftype = nullptr;
  BlockStmt* body = nullptr;
};

struct ParenExpr : Expr {
  static constexpr NodeKind kKind = NodeKind::ParenExpr;
  ParenExpr() : Expr(kKind) {}
  Expr* x = nullptr;
};

enum class SelKind : std::uint8_t {
  None,
  Qualified,  // pkg.Name: sel->obj is the package member
  Field,      // struct field: field_index (x auto-dereferenced if indirect)
  Method,     // method call target: method (receiver adjusted per recv_addr / recv_deref)
};

struct SelectorExpr : Expr {
  static constexpr NodeKind kKind = NodeKind::SelectorExpr;
  SelectorExpr() : Expr(kKind) {}
  Expr* x = nullptr;
  Name* sel = nullptr;
  // checker
  SelKind sel_kind = SelKind::None;
  int field_index = -1;
  bool indirect = false;    // x is a pointer, implicitly dereferenced
  FuncObj* method = nullptr;
  bool recv_addr = false;   // method with pointer receiver called on an addressable value: &x
  bool recv_deref = false;  // method with value receiver called through a pointer: *x
};

enum class IndexKind : std::uint8_t { None, Array, PtrArray, Slice, String, Map };

struct IndexExpr : Expr {
  static constexpr NodeKind kKind = NodeKind::IndexExpr;
  IndexExpr() : Expr(kKind) {}
  Expr* x = nullptr;
  Expr* index = nullptr;
  IndexKind index_kind = IndexKind::None;
  bool comma_ok = false;  // map index used as v, ok = m[k]
};

struct SliceExpr : Expr {
  static constexpr NodeKind kKind = NodeKind::SliceExpr;
  SliceExpr() : Expr(kKind) {}
  Expr* x = nullptr;
  Expr* index[3] = {nullptr, nullptr, nullptr};
  bool full = false;
  IndexKind slice_kind = IndexKind::None;  // Array (addressable array), PtrArray, Slice, String
};

struct AssertExpr : Expr {
  static constexpr NodeKind kKind = NodeKind::AssertExpr;
  AssertExpr() : Expr(kKind) {}
  Expr* x = nullptr;
  Expr* type_expr = nullptr;
};

struct TypeSwitchGuard : Expr {
  static constexpr NodeKind kKind = NodeKind::TypeSwitchGuard;
  TypeSwitchGuard() : Expr(kKind) {}
  Name* lhs = nullptr;
  Expr* x = nullptr;
};

struct Operation : Expr {
  static constexpr NodeKind kKind = NodeKind::Operation;
  Operation() : Expr(kKind) {}
  Op op = Op::None;
  Expr* x = nullptr;
  Expr* y = nullptr;  // nullptr: unary
};

enum class CallKind : std::uint8_t { None, Conversion, Builtin, Func, Method, Lib, LibMethod };

// Built-in functions of the universe (types2 builtinId order is irrelevant here).
enum class BuiltinId : std::uint8_t {
  None, Append, Cap, Clear, Close, Complex, Copy, Delete, Imag, Len, Make, Max, Min, New, Panic,
  Print, Println, Real, Recover,
};

// Library functions and methods the checker knows (see stdlib.h).
enum class LibId : std::uint16_t;

struct CallExpr : Expr {
  static constexpr NodeKind kKind = NodeKind::CallExpr;
  CallExpr() : Expr(kKind) {}
  Expr* fun = nullptr;
  std::vector<Expr*> args;
  bool has_dots = false;
  // checker
  CallKind call_kind = CallKind::None;
  BuiltinId builtin = BuiltinId::None;
  LibId lib{};
  FuncObj* func = nullptr;      // Func and Method calls
  // Variadic call without ...: arguments from index variadic_from on are
  // packed into a new slice of type variadic_type (-1: no packing).
  int variadic_from = -1;
  const Type* variadic_type = nullptr;
};

struct ListExpr : Expr {
  static constexpr NodeKind kKind = NodeKind::ListExpr;
  ListExpr() : Expr(kKind) {}
  std::vector<Expr*> elems;
};

struct ArrayType : Expr {
  static constexpr NodeKind kKind = NodeKind::ArrayType;
  ArrayType() : Expr(kKind) {}
  Expr* len = nullptr;  // nullptr: [...]T
  Expr* elem = nullptr;
};

struct SliceType : Expr {
  static constexpr NodeKind kKind = NodeKind::SliceType;
  SliceType() : Expr(kKind) {}
  Expr* elem = nullptr;
};

struct DotsType : Expr {
  static constexpr NodeKind kKind = NodeKind::DotsType;
  DotsType() : Expr(kKind) {}
  Expr* elem = nullptr;
};

struct Field : Node {
  static constexpr NodeKind kKind = NodeKind::Field;
  Field() : Node(kKind) {}
  Name* name = nullptr;  // nullptr: anonymous (parameters) or embedded (structs)
  Expr* type = nullptr;  // fields declared in a list share the same Type node
};

struct StructType : Expr {
  static constexpr NodeKind kKind = NodeKind::StructType;
  StructType() : Expr(kKind) {}
  std::vector<Field*> fields;
  std::vector<BasicLit*> tags;  // i >= tags.size() || tags[i] == nullptr: no tag
};

struct InterfaceType : Expr {
  static constexpr NodeKind kKind = NodeKind::InterfaceType;
  InterfaceType() : Expr(kKind) {}
  std::vector<Field*> methods;
};

struct FuncType : Expr {
  static constexpr NodeKind kKind = NodeKind::FuncType;
  FuncType() : Expr(kKind) {}
  std::vector<Field*> params;
  std::vector<Field*> results;
};

struct MapType : Expr {
  static constexpr NodeKind kKind = NodeKind::MapType;
  MapType() : Expr(kKind) {}
  Expr* key = nullptr;
  Expr* val = nullptr;
};

enum class ChanDir : std::uint8_t { Both, SendOnly, RecvOnly };

struct ChanType : Expr {
  static constexpr NodeKind kKind = NodeKind::ChanType;
  ChanType() : Expr(kKind) {}
  ChanDir dir = ChanDir::Both;
  Expr* elem = nullptr;
};

// ---------------------------------------------------------------------------
// Statements

struct EmptyStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::EmptyStmt;
  EmptyStmt() : Stmt(kKind) {}
};

struct LabeledStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::LabeledStmt;
  LabeledStmt() : Stmt(kKind) {}
  Name* label = nullptr;
  Stmt* stmt = nullptr;
};

struct BlockStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::BlockStmt;
  BlockStmt() : Stmt(kKind) {}
  std::vector<Stmt*> list;
  Pos rbrace;
};

struct ExprStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::ExprStmt;
  ExprStmt() : Stmt(kKind) {}
  Expr* x = nullptr;
};

struct SendStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::SendStmt;
  SendStmt() : Stmt(kKind) {}
  Expr* chan = nullptr;
  Expr* value = nullptr;
};

struct DeclStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::DeclStmt;
  DeclStmt() : Stmt(kKind) {}
  std::vector<Decl*> decls;
};

struct AssignStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::AssignStmt;
  AssignStmt() : Stmt(kKind) {}
  Op op = Op::None;  // None: =, Def: :=, else op= (rhs == nullptr: x++ (Add) or x-- (Sub))
  Expr* lhs = nullptr;
  Expr* rhs = nullptr;
  // checker: for :=, the variable each lhs position denotes (new or redeclared; nullptr for _)
  std::vector<VarObj*> lhs_vars;
  std::vector<bool> lhs_new;  // := : whether lhs i declares a new variable
};

struct BranchStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::BranchStmt;
  BranchStmt() : Stmt(kKind) {}
  Tok tok = Tok::Break;  // Break, Continue, Fallthrough, Goto
  Name* label = nullptr;
  Stmt* target = nullptr;  // resolved target (ForStmt, SwitchStmt, SelectStmt)
};

struct CallStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::CallStmt;
  CallStmt() : Stmt(kKind) {}
  Tok tok = Tok::Go;  // Go or Defer
  Expr* call = nullptr;
};

struct ReturnStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::ReturnStmt;
  ReturnStmt() : Stmt(kKind) {}
  Expr* results = nullptr;  // nullptr: no explicit results
};

struct IfStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::IfStmt;
  IfStmt() : Stmt(kKind) {}
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* then = nullptr;
  Stmt* else_ = nullptr;  // nullptr, IfStmt or BlockStmt
};

enum class RangeKind : std::uint8_t { None, Int, Array, PtrArray, Slice, String, Map };

struct RangeClause : Stmt {
  static constexpr NodeKind kKind = NodeKind::RangeClause;
  RangeClause() : Stmt(kKind) {}
  Expr* lhs = nullptr;  // nullptr: no iteration variables
  bool def = false;     // :=
  Expr* x = nullptr;
  // checker
  RangeKind range_kind = RangeKind::None;
  VarObj* key_var = nullptr;    // := declared variables (nullptr for _ or absent)
  VarObj* value_var = nullptr;
};

struct ForStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::ForStmt;
  ForStmt() : Stmt(kKind) {}
  Stmt* init = nullptr;  // may be a RangeClause
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
  // checker: variables declared by the init statement (or the range clause)
  // get a fresh instance per iteration (Go >= 1.22 loop variable semantics).
  bool per_iteration_vars = false;
};

struct CaseClause : Stmt {
  static constexpr NodeKind kKind = NodeKind::CaseClause;
  CaseClause() : Stmt(kKind) {}
  Expr* cases = nullptr;  // nullptr: default
  std::vector<Stmt*> body;
  Pos colon;
};

struct SwitchStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::SwitchStmt;
  SwitchStmt() : Stmt(kKind) {}
  Stmt* init = nullptr;
  Expr* tag = nullptr;  // nullptr: tagless (switch true); may be a TypeSwitchGuard
  std::vector<CaseClause*> body;
  Pos rbrace;
  const Type* tag_type = nullptr;  // checker: type the case values are compared in
};

struct CommClause : Stmt {
  static constexpr NodeKind kKind = NodeKind::CommClause;
  CommClause() : Stmt(kKind) {}
  Stmt* comm = nullptr;  // nullptr: default
  std::vector<Stmt*> body;
  Pos colon;
};

struct SelectStmt : Stmt {
  static constexpr NodeKind kKind = NodeKind::SelectStmt;
  SelectStmt() : Stmt(kKind) {}
  std::vector<CommClause*> body;
  Pos rbrace;
};

// ---------------------------------------------------------------------------
// Declarations

struct ImportDecl : Decl {
  static constexpr NodeKind kKind = NodeKind::ImportDecl;
  ImportDecl() : Decl(kKind) {}
  Name* local_name = nullptr;  // including "."; nullptr: no rename
  BasicLit* path = nullptr;    // nullptr: missing
};

struct ConstDecl : Decl {
  static constexpr NodeKind kKind = NodeKind::ConstDecl;
  ConstDecl() : Decl(kKind) {}
  std::vector<Name*> names;
  Expr* type = nullptr;    // nullptr: no type
  Expr* values = nullptr;  // nullptr: no values (implicit repetition)
};

struct TypeDecl : Decl {
  static constexpr NodeKind kKind = NodeKind::TypeDecl;
  TypeDecl() : Decl(kKind) {}
  Name* name = nullptr;
  std::vector<Field*> tparams;
  bool alias = false;
  Expr* type = nullptr;
};

struct VarDecl : Decl {
  static constexpr NodeKind kKind = NodeKind::VarDecl;
  VarDecl() : Decl(kKind) {}
  std::vector<Name*> names;
  Expr* type = nullptr;
  Expr* values = nullptr;
};

struct FuncDecl : Decl {
  static constexpr NodeKind kKind = NodeKind::FuncDecl;
  FuncDecl() : Decl(kKind) {}
  Field* recv = nullptr;  // nullptr: function
  Name* name = nullptr;
  std::vector<Field*> tparams;
  FuncType* ftype = nullptr;
  BlockStmt* body = nullptr;  // nullptr: no body
  bool synthesized = false;   // the func main of a snippet
  // checker
  FuncObj* obj = nullptr;
};

struct File : Node {
  static constexpr NodeKind kKind = NodeKind::File;
  File() : Node(NodeKind::File) {}
  Name* pkg_name = nullptr;
  std::vector<Decl*> decls;
  Pos eof;
};

// Owns the nodes of one program.
class AstArena {
 public:
  template <class T>
  T* make(Pos pos = {}) {
    auto p = std::make_unique<T>();
    p->pos = pos;
    T* raw = p.get();
    nodes_.push_back(std::move(p));
    return raw;
  }
  std::size_t size() const { return nodes_.size(); }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
};

// syntax.StartPos: the leftmost position of n (where Go reports errors).
Pos start_pos(const Node* n);
// syntax.String (ShortForm): the expression as printed in error messages.
std::string expr_string(const Node* n);
// syntax.Unparen.
Expr* unparen(Expr* x);
const Expr* unparen(const Expr* x);
// Elements of a ListExpr, or {x} (or {} for nullptr).
std::vector<Expr*> unpack_list(Expr* x);

}  // namespace bucketlab::lang
