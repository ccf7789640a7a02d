// Checker: types, constants and what the checked program records for the
// compiler/interpreter (resolution, frame slots, escape facts, selector/call/
// range annotations, initialization order, runtime layouts). The error
// messages themselves are covered by the golden files.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "core/lang/front.h"

using namespace bucketlab;
using namespace bucketlab::lang;

namespace {

void walk(Node* n, const std::function<void(Node*)>& f);

void walk_list(const std::vector<Expr*>& l, const std::function<void(Node*)>& f) {
  for (Expr* e : l) walk(e, f);
}
void walk_stmts(const std::vector<Stmt*>& l, const std::function<void(Node*)>& f) {
  for (Stmt* s : l) walk(s, f);
}

void walk(Node* n, const std::function<void(Node*)>& f) {
  if (!n) return;
  f(n);
  switch (n->kind) {
    case NodeKind::CompositeLit: walk(as<CompositeLit>(n)->type_expr, f); walk_list(as<CompositeLit>(n)->elems, f); break;
    case NodeKind::KeyValueExpr: walk(as<KeyValueExpr>(n)->key, f); walk(as<KeyValueExpr>(n)->val, f); break;
    case NodeKind::ParenExpr: walk(as<ParenExpr>(n)->x, f); break;
    case NodeKind::SelectorExpr: walk(as<SelectorExpr>(n)->x, f); break;
    case NodeKind::IndexExpr: walk(as<IndexExpr>(n)->x, f); walk(as<IndexExpr>(n)->index, f); break;
    case NodeKind::SliceExpr:
      walk(as<SliceExpr>(n)->x, f);
      for (Expr* e : as<SliceExpr>(n)->index) walk(e, f);
      break;
    case NodeKind::Operation: walk(as<Operation>(n)->x, f); walk(as<Operation>(n)->y, f); break;
    case NodeKind::CallExpr: walk(as<CallExpr>(n)->fun, f); walk_list(as<CallExpr>(n)->args, f); break;
    case NodeKind::ListExpr: walk_list(as<ListExpr>(n)->elems, f); break;
    case NodeKind::LabeledStmt: walk(as<LabeledStmt>(n)->stmt, f); break;
    case NodeKind::BlockStmt: walk_stmts(as<BlockStmt>(n)->list, f); break;
    case NodeKind::ExprStmt: walk(as<ExprStmt>(n)->x, f); break;
    case NodeKind::DeclStmt:
      for (Decl* d : as<DeclStmt>(n)->decls) walk(d, f);
      break;
    case NodeKind::AssignStmt: walk(as<AssignStmt>(n)->lhs, f); walk(as<AssignStmt>(n)->rhs, f); break;
    case NodeKind::ReturnStmt: walk(as<ReturnStmt>(n)->results, f); break;
    case NodeKind::IfStmt: {
      auto s = as<IfStmt>(n);
      walk(s->init, f); walk(s->cond, f); walk(s->then, f); walk(s->else_, f);
      break;
    }
    case NodeKind::ForStmt: {
      auto s = as<ForStmt>(n);
      walk(s->init, f); walk(s->cond, f); walk(s->post, f); walk(s->body, f);
      break;
    }
    case NodeKind::RangeClause: walk(as<RangeClause>(n)->lhs, f); walk(as<RangeClause>(n)->x, f); break;
    case NodeKind::SwitchStmt: {
      auto s = as<SwitchStmt>(n);
      walk(s->init, f); walk(s->tag, f);
      for (CaseClause* c : s->body) walk(c, f);
      break;
    }
    case NodeKind::CaseClause: walk(as<CaseClause>(n)->cases, f); walk_stmts(as<CaseClause>(n)->body, f); break;
    case NodeKind::VarDecl: walk(as<VarDecl>(n)->values, f); break;
    case NodeKind::ConstDecl: walk(as<ConstDecl>(n)->values, f); break;
    case NodeKind::FuncDecl: walk(as<FuncDecl>(n)->body, f); break;
    case NodeKind::File:
      for (Decl* d : as<File>(n)->decls) walk(d, f);
      break;
    default: break;
  }
}

struct Checked {
  FrontResult res;
  CheckedProgram& p() { return *res.program; }
  // The first expression (in tree order) printed as `text`.
  template <class T = Expr>
  T* find(const std::string& text) {
    T* found = nullptr;
    walk(res.program->file, [&](Node* n) {
      if (found) return;
      if (auto e = dynamic_cast<Expr*>(n); e && expr_string(e) == text && dynamic_cast<T*>(e)) found = dynamic_cast<T*>(e);
    });
    INFO("expression not found: " << text);
    REQUIRE(found);
    return found;
  }
  FuncInfo* func(const std::string& name) {
    for (FuncInfo* f : res.program->funcs)
      if (f->name == name) return f;
    FAIL("no function " << name);
    return nullptr;
  }
  VarObj* local(const std::string& fn, const std::string& name) {
    for (VarObj* v : func(fn)->slots)
      if (v->name == name) return v;
    FAIL("no variable " << name << " in " << fn);
    return nullptr;
  }
};

Checked check(const std::string& src, int minor = 26) {
  Checked c{compile_front(src, runtime::GoVersion{minor})};
  INFO(format_diagnostics(c.res.diagnostics));
  REQUIRE(c.res.ok());
  return c;
}

}  // namespace

TEST_CASE("checker: every expression gets its type; untyped values get Go's default types", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "func main() {\n"
      "\tx := 1\n\ty := 2.5\n\tr := 'a'\n\ts := \"s\"\n\tb := x < 3\n"
      "\tvar f float32 = 1 << 3\n"
      "\tvar u uint8 = 200\n"
      "\t_, _, _, _, _, _, _ = x, y, r, s, b, f, u\n"
      "}\n");
  CHECK(type_string(c.find("x < 3")->type) == "bool");  // untyped bool materialized as bool
  CHECK(type_string(c.local("main", "x")->type) == "int");
  CHECK(type_string(c.local("main", "y")->type) == "float64");
  CHECK(type_string(c.local("main", "r")->type) == "rune");
  CHECK(type_string(c.local("main", "s")->type) == "string");
  CHECK(type_string(c.local("main", "b")->type) == "bool");
  Expr* shift = c.find("1 << 3");
  CHECK(shift->mode == Mode::Constant);
  CHECK(type_string(shift->type) == "float32");
  CHECK(shift->value.float64_val() == 8.0);
  Expr* lit = c.find("200");
  CHECK(type_string(lit->type) == "uint8");
  CHECK(lit->value.bits64() == 200);
}

TEST_CASE("checker: constants are folded with Go's arbitrary-precision rules", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "const big = 1 << 100\n"
      "const (\n\tA = iota * 10\n\tB\n\tC\n)\n"
      "const third = 1.0 / 3\n"
      "func main() {\n"
      "\ta := big >> 98\n"
      "\tb := -7 / 2\n"
      "\tm := -7 % 2\n"
      "\tvar f32 float32 = 0.1\n"
      "\tvar f64 float64 = third * 3\n"
      "\tvar u = ^uint32(0)\n"
      "\tn := len(\"héllo\")\n"
      "\tk := C\n"
      "\t_, _, _, _, _, _, _, _ = a, b, m, f32, f64, u, n, k\n"
      "}\n");
  CHECK(c.find("big >> 98")->value.str() == "4");
  CHECK(c.find("-7 / 2")->value.str() == "-3");   // truncated integer division
  CHECK(c.find("-7 % 2")->value.str() == "-1");
  Expr* f32 = c.find("0.1");
  CHECK(type_string(f32->type) == "float32");
  CHECK(f32->value.float64_val() == static_cast<double>(0.1f));  // rounded to float32
  CHECK(c.find("third * 3")->value.float64_val() == 1.0);        // exact rational arithmetic
  CHECK(c.find("^uint32(0)")->value.str() == "4294967295");
  Expr* n = c.find("len(\"héllo\")");
  CHECK(n->mode == Mode::Constant);
  CHECK(n->value.str() == "6");
  CHECK(c.find("C")->value.str() == "20");
}

TEST_CASE("checker: names resolve to objects; locals get frame slots, globals a global frame", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "var g1, g2 = 1, 2\n"
      "type T struct{ a int }\n"
      "func (t *T) inc(d int) (r int) {\n\tt.a += d\n\tr = t.a\n\treturn\n}\n"
      "func main() {\n"
      "\tx := 1\n"
      "\t{\n\t\tx := 2\n\t\t_ = x\n\t}\n"
      "\tvar t T\n"
      "\t_ = t.inc(x) + g1 + g2\n"
      "}\n");
  FuncInfo* inc = c.func("(*T).inc");
  REQUIRE(inc->recv);
  CHECK(inc->recv->slot == 0);
  REQUIRE(inc->params.size() == 1);
  CHECK(inc->params[0]->slot == 1);
  REQUIRE(inc->results.size() == 1);
  CHECK(inc->results[0]->slot == 2);
  FuncInfo* mainf = c.func("main");
  CHECK(c.p().main == mainf);
  // two distinct x variables, distinct slots
  int xs = 0;
  for (VarObj* v : mainf->slots)
    if (v->name == "x") xs++;
  CHECK(xs == 2);
  for (std::size_t i = 0; i < mainf->slots.size(); ++i) CHECK(mainf->slots[i]->slot == static_cast<int>(i));
  REQUIRE(c.p().globals.size() == 2);
  CHECK(c.p().globals[0]->name == "g1");
  CHECK(c.p().globals[1]->slot == 1);
  auto g2 = c.find<Name>("g2");
  CHECK(g2->obj == c.p().globals[1]);
}

TEST_CASE("checker: escape facts follow the documented rule", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "import \"runtime\"\n"
      "type T struct{ a [4]int }\n"
      "func (t *T) set() { t.a[0] = 1 }\n"
      "func (t T) get() int { return t.a[0] }\n"
      "func main() {\n"
      "\tvar ms runtime.MemStats\n"
      "\truntime.ReadMemStats(&ms)\n"
      "\tvar plain T\n"
      "\t_ = plain.get()\n"
      "\tvar viaMethod T\n"
      "\tviaMethod.set()\n"
      "\tvar arr [8]int\n"
      "\ts := arr[:]\n"
      "\tvar field T\n"
      "\tp := &field.a[2]\n"
      "\tq := &T{}\n"
      "\tpp := &q\n"
      "\t_, _, _ = s, p, pp\n"
      "}\n");
  VarObj* ms = c.local("main", "ms");
  CHECK(ms->addr_taken);
  CHECK_FALSE(ms->escapes);  // ReadMemStats does not retain its argument
  CHECK_FALSE(c.local("main", "plain")->addr_taken);
  CHECK(c.local("main", "viaMethod")->escapes);  // pointer-method call takes &viaMethod
  CHECK(c.local("main", "arr")->escapes);        // slicing an array takes its address
  CHECK(c.local("main", "field")->escapes);      // &field.a[2] points into field
  CHECK_FALSE(c.local("main", "q")->addr_taken == false);
  CHECK(c.local("main", "q")->escapes);          // &q
  CHECK_FALSE(c.local("main", "pp")->escapes);
  for (VarObj* v : c.func("main")->slots) CHECK_FALSE(v->captured);
}

TEST_CASE("checker: selectors record fields, auto-dereference and receiver adjustment", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "type P struct{ x, y int }\n"
      "func (p *P) Move() { p.x++ }\n"
      "func (p P) Sum() int { return p.x + p.y }\n"
      "func main() {\n"
      "\tv := P{1, 2}\n"
      "\tptr := &P{3, 4}\n"
      "\t_ = v.y + ptr.y\n"
      "\tv.Move()\n"
      "\t_ = ptr.Sum()\n"
      "}\n");
  auto vy = c.find<SelectorExpr>("v.y");
  CHECK(vy->sel_kind == SelKind::Field);
  CHECK(vy->field_index == 1);
  CHECK_FALSE(vy->indirect);
  CHECK(vy->mode == Mode::Variable);
  auto py = c.find<SelectorExpr>("ptr.y");
  CHECK(py->indirect);
  auto mv = c.find<SelectorExpr>("v.Move");
  CHECK(mv->sel_kind == SelKind::Method);
  CHECK(mv->recv_addr);
  CHECK(mv->method->name == "Move");
  auto sum = c.find<SelectorExpr>("ptr.Sum");
  CHECK(sum->recv_deref);
  auto call = c.find<CallExpr>("v.Move()");
  CHECK(call->call_kind == CallKind::Method);
  CHECK(call->func == mv->method);
  CHECK(call->mode == Mode::NoValue);
}

TEST_CASE("checker: calls record their kind, library id and variadic packing", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "import (\n\t\"fmt\"\n\t\"strconv\"\n)\n"
      "func sum(base int, xs ...int) int { return base + len(xs) }\n"
      "func main() {\n"
      "\ts := []int{1}\n"
      "\ts = append(s, 2, 3)\n"
      "\tfmt.Println(sum(0, 1, 2), sum(0, s...), strconv.Itoa(1), float64(len(s)))\n"
      "}\n");
  auto println = c.find<CallExpr>("fmt.Println(sum(0, 1, 2), sum(0, s...), strconv.Itoa(1), float64(len(s)))");
  CHECK(println->call_kind == CallKind::Lib);
  CHECK(println->lib == LibId::FmtPrintln);
  CHECK(println->variadic_from == 0);
  CHECK(type_string(println->variadic_type) == "[]any");
  CHECK(type_string(println->type) == "(int, error)");
  auto sum1 = c.find<CallExpr>("sum(0, 1, 2)");
  CHECK(sum1->call_kind == CallKind::Func);
  CHECK(sum1->variadic_from == 1);
  auto sum2 = c.find<CallExpr>("sum(0, s...)");
  CHECK(sum2->variadic_from == -1);
  CHECK(sum2->has_dots);
  auto app = c.find<CallExpr>("append(s, 2, 3)");
  CHECK(app->call_kind == CallKind::Builtin);
  CHECK(app->builtin == BuiltinId::Append);
  CHECK(app->variadic_from == 1);
  auto conv = c.find<CallExpr>("float64(len(s))");
  CHECK(conv->call_kind == CallKind::Conversion);
  CHECK(type_string(conv->type) == "float64");
  CHECK(c.find<CallExpr>("strconv.Itoa(1)")->lib == LibId::StrconvItoa);
  CHECK(std::string(lib_name(LibId::FmtPrintln)) == "fmt.Println");
}

TEST_CASE("checker: indexes, comma-ok, ranges and := record what they are", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "func main() {\n"
      "\tm := map[string]int{\"a\": 1}\n"
      "\tv, ok := m[\"a\"]\n"
      "\tw := m[\"b\"]\n"
      "\tarr := [3]int{}\n"
      "\tpa := &arr\n"
      "\tstr := \"abc\"\n"
      "\t_, _, _, _, _ = v, ok, w, pa[1], str[0]\n"
      "\tfor k, x := range m {\n\t\t_, _ = k, x\n\t}\n"
      "\tfor i := range 3 {\n\t\t_ = i\n\t}\n"
      "\tfor i, r := range str {\n\t\t_, _ = i, r\n\t}\n"
      "\tv, z := 1, 2\n"
      "\t_ = z\n"
      "}\n");
  auto ix = c.find<IndexExpr>("m[\"a\"]");
  CHECK(ix->index_kind == IndexKind::Map);
  CHECK(ix->comma_ok);
  CHECK(ix->mode == Mode::MapIndex);
  CHECK_FALSE(c.find<IndexExpr>("m[\"b\"]")->comma_ok);
  CHECK(c.find<IndexExpr>("pa[1]")->index_kind == IndexKind::PtrArray);
  auto si = c.find<IndexExpr>("str[0]");
  CHECK(si->index_kind == IndexKind::String);
  CHECK(type_string(si->type) == "byte");
  std::vector<RangeKind> kinds;
  std::vector<bool> fresh;
  walk(c.p().file, [&](Node* n) {
    if (auto f = as<ForStmt>(n)) {
      kinds.push_back(as<RangeClause>(f->init)->range_kind);
      fresh.push_back(f->per_iteration_vars);
    }
  });
  CHECK(kinds == std::vector<RangeKind>{RangeKind::Map, RangeKind::Int, RangeKind::String});
  CHECK(fresh == std::vector<bool>{true, true, true});
  AssignStmt* redecl = nullptr;
  walk(c.p().file, [&](Node* n) {
    if (auto a = as<AssignStmt>(n); a && a->op == Op::Def && expr_string(a->lhs) == "v, z") redecl = a;
  });
  REQUIRE(redecl);
  CHECK(redecl->lhs_new == std::vector<bool>{false, true});
  CHECK(redecl->lhs_vars[0] == c.local("main", "v"));
}

TEST_CASE("checker: loop variables are per-iteration from Go 1.22 on", "[lang][checker]") {
  const char* src = "package main\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\t_ = &i\n\t}\n}\n";
  auto modern = check(src, 26);
  auto old = check(src, 19);
  bool m = false, o = true;
  walk(modern.p().file, [&](Node* n) {
    if (auto f = as<ForStmt>(n)) m = f->per_iteration_vars;
  });
  walk(old.p().file, [&](Node* n) {
    if (auto f = as<ForStmt>(n)) o = f->per_iteration_vars;
  });
  CHECK(m);
  CHECK_FALSE(o);
  CHECK(modern.local("main", "i")->escapes);
}

TEST_CASE("checker: package variables are initialized in dependency order", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "var a = b + c\n"
      "var b = f()\n"
      "var c = 1\n"
      "var d, e = two()\n"
      "func f() int { return c * 2 }\n"
      "func two() (int, int) { return 1, 2 }\n"
      "func main() { _, _, _ = a, d, e }\n");
  std::vector<std::string> order;
  for (const GlobalInit& gi : c.p().init_order) {
    std::string s;
    for (VarObj* v : gi.lhs) s += (s.empty() ? "" : ",") + (v ? v->name : "_");
    order.push_back(s);
  }
  CHECK(order == std::vector<std::string>{"c", "b", "a", "d,e"});
}

TEST_CASE("checker: types are laid out through runtime::TypeTable with Go's layout", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "import \"runtime\"\n"
      "type Node struct {\n\tval   byte\n\tnext  *Node\n\tkids  []*Node\n\tflags [3]bool\n}\n"
      "type Small struct{ a byte; b int64; c byte }\n"
      "type ID int32\n"
      "func main() {\n"
      "\tn := &Node{}\n"
      "\tm := map[string]Small{}\n"
      "\tvar id ID\n"
      "\tvar ms runtime.MemStats\n"
      "\t_, _, _ = n, m, id\n"
      "\truntime.ReadMemStats(&ms)\n"
      "}\n");
  TypeStore& ts = *c.p().types;
  const runtime::Type* node = ts.rt(c.local("main", "n")->type->elem);
  REQUIRE(node);
  CHECK(node->name == "main.Node");
  CHECK(node->size == 48);  // val@0, next@8, kids@16 (24 bytes), flags@40, padded to 48
  REQUIRE(node->fields.size() == 4);
  CHECK(node->fields[1].offset == 8);
  CHECK(node->fields[1].type->name == "*main.Node");
  CHECK(node->fields[1].type->elem == node);  // self-reference through the pointer
  CHECK(node->is_pointer_word(1));
  CHECK(node->is_pointer_word(2));
  CHECK_FALSE(node->is_pointer_word(0));
  CHECK(node->ptrdata == 24);
  const runtime::Type* m = ts.rt(c.local("main", "m")->type);
  REQUIRE(m);
  CHECK(m->name == "map[string]main.Small");
  CHECK(m->elem->size == 24);
  CHECK(ts.rt(c.local("main", "id")->type)->name == "int32");
  const runtime::Type* ms = ts.rt(c.local("main", "ms")->type);
  REQUIRE(ms);
  CHECK(ms->name == "runtime.MemStats");
  CHECK(ms->size == 5776);  // unsafe.Sizeof(runtime.MemStats{}) with go1.26.8 on amd64 (go run)
  CHECK_FALSE(ms->has_pointers());
}

TEST_CASE("checker: the caller's TypeTable receives the program's types", "[lang][checker]") {
  auto table = std::make_shared<runtime::TypeTable>();
  auto r = compile_front("type T struct{ p *T; n int }\nx := &T{}\n_ = x\n", runtime::GoVersion{26}, table);
  REQUIRE(r.ok());
  CHECK(r.program->rt_table == table);
  bool found = false;
  for (std::size_t i = 0; i < table->size(); ++i)
    if (table->by_id(static_cast<std::uint32_t>(i))->name == "main.T") found = table->by_id(static_cast<std::uint32_t>(i))->size == 16;
  CHECK(found);
}

TEST_CASE("checker: a TypeTable reused by a second program keeps the first program's layouts", "[lang][checker]") {
  auto table = std::make_shared<runtime::TypeTable>();
  auto a = compile_front("type T struct{ a int }\nx := T{}\n_ = x\n", runtime::GoVersion{26}, table);
  auto b = compile_front("type T struct{ a, b, c int }\nx := T{}\n_ = x\n", runtime::GoVersion{26}, table);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const runtime::Type* ta = a.program->types->rt(a.program->main->slots[0]->type);
  const runtime::Type* tb = b.program->types->rt(b.program->main->slots[0]->type);
  CHECK(ta->name == "main.T");
  CHECK(ta->size == 8);
  CHECK(tb->name == "main.T·2");
  CHECK(tb->size == 24);
}

TEST_CASE("checker: local types get distinct runtime names", "[lang][checker]") {
  auto c = check(
      "package main\n"
      "func a() { type T struct{ x int }; _ = T{} }\n"
      "func b() { type T struct{ y, z int }; _ = T{} }\n"
      "func main() { a(); b() }\n");
  const runtime::Type* ta = c.p().types->rt(c.find("T{}")->type);
  REQUIRE(ta);
  CHECK(ta->name == "main.T·1");
  CHECK(ta->size == 8);
}
