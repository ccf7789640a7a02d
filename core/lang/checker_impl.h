// Internal: the Checker, a port of the parts of Go's types2
// (cmd/compile/internal/types2) that the workload subset needs. Method
// names follow types2 so that a reader can compare each with its source.
#pragma once
#include <functional>
#include <set>
#include <unordered_map>

#include "core/lang/checker.h"

namespace bucketlab::lang {

struct CheckAbort {};  // the error limit was reached

struct Operand {
  Mode mode = Mode::Invalid;
  Expr* expr = nullptr;
  const Type* type = nullptr;
  Constant val;
  BuiltinId id = BuiltinId::None;
};

enum class ExprKind { Conversion, Expression, Statement };

// Declaration info of a package-level object (types2 declInfo).
struct DeclInfo {
  Object* obj = nullptr;
  // Var: all lhs variables of a `var a, b = f()` spec, type and init expressions
  std::vector<VarObj*> lhs;
  Expr* vtype = nullptr;
  Expr* init = nullptr;
  // Type / Func
  TypeDecl* tdecl = nullptr;
  FuncDecl* fdecl = nullptr;
  // package-level objects this declaration depends on (for init order)
  std::set<Object*> deps;
  std::vector<Object*> deps_ordered;
};

class Checker {
 public:
  Checker(CheckedProgram& prog, const CheckOptions& opts, DiagnosticSink& sink);
  void check_files();

  // ---- errors (checker_errors / check_decl.cpp)
  void error_at(Pos pos, const std::string& msg);
  void soft_error_at(Pos pos, const std::string& msg) { error_at(pos, msg); }
  void error_x(const Operand& x, const std::string& msg) { error_at(at(x), msg); }
  void error_n(const Node* n, const std::string& msg) { error_at(start_pos(n), msg); }
  void unsupported(Pos pos, const std::string& what);  // "<what> not supported by bucketlab"
  void fmt_method_operands(CallExpr* call, const std::vector<Operand>& args);
  Pos at(const Operand& x) const { return x.expr ? start_pos(x.expr) : Pos{}; }
  std::string operand_string(const Operand& x) const;
  std::string ts(const Type* t) const { return type_string(t); }
  std::string es(const Node* n) const { return expr_string(n); }

  // ---- declarations (check_decl.cpp)
  void collect_objects();
  void package_objects();
  void obj_decl(Object* obj);
  bool valid_cycle(Object* obj);
  void cycle_error(const std::vector<Object*>& cycle, std::size_t start);
  void const_decl(ConstObj* obj, Expr* typ, Expr* init, bool inherited);
  void var_decl(VarObj* obj, const std::vector<VarObj*>& lhs, Expr* typ, Expr* init);
  void type_decl(TypeNameObj* obj, TypeDecl* tdecl, bool local);
  void collect_methods(TypeNameObj* obj);
  void func_decl(FuncObj* obj, DeclInfo* d);
  void decl_stmt(const std::vector<Decl*>& list);
  void declare(Scope* scope, Name* id, Object* obj);
  void arity(Pos pos, const std::vector<Name*>& names, const std::vector<Expr*>& inits, bool const_decl,
             bool inherited);
  void func_body(FuncInfo* info, const Type* sig, BlockStmt* body);
  void usage(Scope* scope);
  void init_order();
  void unused_imports();
  void finalize_types();
  VarObj* new_var(VarKind kind, Name* id, const std::string& name, Pos pos, const Type* type);
  void add_dep(Object* obj);

  // ---- types (check_decl.cpp)
  const Type* typ(Expr* e) { return declared_type(e, nullptr); }
  const Type* var_type(Expr* e) { return declared_type(e, nullptr); }
  const Type* declared_type(Expr* e, TypeNameObj* def);
  const Type* typ_internal(Expr* e, TypeNameObj* def);
  std::int64_t array_length(Expr* e);
  const Type* struct_type(StructType* e);
  const Type* func_type(FuncType* e, Field* recv, FuncInfo* info, std::vector<VarObj*>* params,
                        std::vector<VarObj*>* results, VarObj** recv_var);
  bool refuse_type(const Type* t, Expr* e);

  // ---- expressions (check_expr.cpp)
  ExprKind raw_expr(Operand& x, Expr* e, const Type* hint, bool allow_generic);
  ExprKind expr_internal(Operand& x, Expr* e, const Type* hint);
  void expr(Operand& x, Expr* e);
  void expr_with_hint(Operand& x, Expr* e, const Type* hint);
  void expr_or_type(Operand& x, Expr* e, bool allow_generic);
  std::vector<Operand> multi_expr(Expr* e, bool allow_comma_ok, bool* comma_ok);
  std::vector<Operand> expr_list(const std::vector<Expr*>& elist);
  void exclude(Operand& x, unsigned modeset);
  void single_value(Operand& x);
  void record(Operand& x);
  void record_node(Expr* e, Mode mode, const Type* type, const Constant& val);
  void remember_untyped(Expr* e, bool is_lhs, Mode mode, const Type* type, const Constant& val);
  void update_expr_type(Expr* x, const Type* typ, bool final);
  void update_expr_val(Expr* x, const Constant& val);
  bool implicit_type_and_value(Operand& x, const Type* target, const Type** new_type, Constant* val, int* code);
  void convert_untyped(Operand& x, const Type* target);
  bool representable_const(const Constant& x, const Type* typ, Constant* rounded);
  void representable(Operand& x, const Type* typ);
  int representation(Operand& x, const Type* typ, Constant* v);
  void invalid_conversion(int code, Operand& x, const Type* target);
  void overflow(Operand& x, Pos op_pos);
  void unary(Operand& x, Operation* e);
  void binary(Operand& x, Expr* e, Expr* lhs, Expr* rhs, Op op);
  void shift(Operand& x, Operand& y, Expr* e, Op op);
  void comparison(Operand& x, Operand& y, Op op, bool switch_case);
  void match_types(Operand& x, Operand& y);
  void ident(Operand& x, Name* e, bool want_type);
  void basic_lit(Operand& x, BasicLit* e);
  void composite_lit(Operand& x, CompositeLit* e, const Type* hint);
  std::int64_t indexed_elts(CompositeLit* lit, const std::vector<Expr*>& elts, const Type* typ, std::int64_t length);
  bool index_expr(Operand& x, IndexExpr* e);
  void slice_expr(Operand& x, SliceExpr* e);
  Expr* single_index(IndexExpr* e);
  std::pair<const Type*, std::int64_t> index(Expr* index, std::int64_t max);
  bool is_valid_index(Operand& x, const std::string& what, bool allow_negative);
  void mark_addr_taken(Expr* e, bool escapes);
  bool use(const std::vector<Expr*>& args);
  bool use_lhs(const std::vector<Expr*>& args);
  bool use1(Expr* e, bool lhs);

  // ---- calls, selectors, conversions, builtins (check_call.cpp)
  ExprKind call_expr(Operand& x, CallExpr* call);
  void arguments(CallExpr* call, const Type* sig, std::vector<Operand>& args);
  void selector(Operand& x, SelectorExpr* e, bool want_type);
  bool builtin(Operand& x, CallExpr* call, BuiltinId id);
  void conversion(Operand& x, const Type* T);
  bool convertible_to(Operand& x, const Type* T, std::string* cause);
  bool assignable_to(Operand& x, const Type* T, std::string* cause);
  std::string lookup_error(const Type* typ, const std::string& sel, const std::string* alt, bool alt_is_method,
                           bool struct_lit);

  // ---- assignments (check_stmt.cpp)
  void assignment(Operand& x, const Type* T, const std::string& context);
  void init_const(ConstObj* lhs, Operand& x);
  void init_var(VarObj* lhs, Operand& x, const std::string& context);
  const Type* lhs_var(Expr* lhs);
  void assign_var(Expr* lhs, Expr* rhs, Operand* x, const std::string& context);
  void init_vars(const std::vector<VarObj*>& lhs, const std::vector<Expr*>& rhs, ReturnStmt* ret);
  void assign_vars(const std::vector<Expr*>& lhs, const std::vector<Expr*>& rhs);
  void short_var_decl(AssignStmt* s, const std::vector<Expr*>& lhs, const std::vector<Expr*>& rhs);
  void assign_error(const std::vector<Expr*>& rhs, std::size_t l, std::size_t r);
  void return_error(Node* at, const std::vector<const Type*>& lhs, const std::vector<Operand>& rhs);
  std::string types_summary(const std::vector<const Type*>& list, bool variadic, bool has_dots);

  // ---- statements (check_stmt.cpp)
  void stmt_list(unsigned ctxt, const std::vector<Stmt*>& list);
  void stmt(unsigned ctxt, Stmt* s);
  void simple_stmt(Stmt* s) {
    if (s) stmt(0, s);
  }
  void switch_stmt(unsigned inner, SwitchStmt* s);
  void case_values(Operand& x, const std::vector<Expr*>& values, std::vector<std::pair<Operand, Pos>>& seen);
  void range_stmt(unsigned inner, ForStmt* s, RangeClause* rc);
  void open_scope();
  void close_scope();
  bool is_terminating(Stmt* s, const std::string& label);
  bool is_terminating_list(const std::vector<Stmt*>& list, const std::string& label);
  bool is_terminating_switch(SwitchStmt* s, const std::string& label);
  Object* lookup(const std::string& name) const;

  // ---- state
  CheckedProgram& prog_;
  CheckOptions opts_;
  DiagnosticSink& sink_;
  TypeStore& ts_;
  int minor_ = 26;
  bool legacy_ = false;  // Go 1.19's wording (types2 CompilerErrorMessages mode)

  Scope* pkg_scope_ = nullptr;
  Scope* file_scope_ = nullptr;
  Scope* scope_ = nullptr;        // current scope
  FuncInfo* func_ = nullptr;      // current function
  const Type* sig_ = nullptr;     // current function signature
  bool has_iota_ = false;
  Constant iota_;
  Pos errpos_{};
  bool has_call_or_recv_ = false;
  DeclInfo* decl_ = nullptr;      // current package-level declaration (dependencies)
  bool first_err_ = false;
  int local_type_seq_ = 0;
  std::set<CallExpr*> is_panic_;
  Expr* nonescaping_addr_ = nullptr;  // &x passed directly to a library function that does not retain it

  struct UntypedInfo {
    bool is_lhs = false;
    Mode mode = Mode::Invalid;
    const Type* type = nullptr;
    Constant val;
  };
  std::unordered_map<Expr*, UntypedInfo> untyped_;
  std::unordered_map<Expr*, Expr*> shift_parent_;  // lhs operand of a delayed shift -> shift expression
  std::vector<Expr*> untyped_order_;

  std::vector<Object*> pkg_objs_;  // package-level objects in source order
  std::unordered_map<Object*, std::unique_ptr<DeclInfo>> objmap_;
  std::unordered_map<TypeNameObj*, std::vector<FuncObj*>> methods_;  // methods by receiver base type name
  std::vector<FuncObj*> all_methods_;
  std::vector<Object*> obj_path_;
  std::unordered_map<Object*, std::size_t> obj_path_idx_;
  std::vector<std::function<void()>> delayed_;
  std::vector<PkgNameObj*> imports_;
  std::vector<std::pair<const Type*, Pos>> array_types_;  // for size checks
  bool dot_import_refused_ = false;  // suppress "undefined" follow-on errors
  Pos decl_name_pos_{};  // name of the declaration being checked (where cmd/compile reports type sizes)
};

// stmt contexts (types2 stmtContext)
inline constexpr unsigned kBreakOk = 1, kContinueOk = 2, kFallthroughOk = 4, kFinalSwitchCase = 8, kInTypeSwitch = 16;

// error codes of implicit_type_and_value / representation
inline constexpr int kCodeOk = 0, kTruncatedFloat = 1, kNumericOverflow = 2, kInvalidConstVal = 3,
                     kInvalidUntypedConversion = 4;

}  // namespace bucketlab::lang
