// Parser: precedence, Go's resolution of syntactic ambiguities, snippets,
// and the robustness limits. (Syntax error messages are covered by the
// golden files tests/lang/errors/syntax_*.go, checked against go build.)
#include <catch2/catch.hpp>

#include <string>

#include "core/lang/parser.h"

using namespace bucketlab::lang;

namespace {

// Fully parenthesized form of an expression tree.
std::string tree(const Expr* e) {
  if (!e) return "_";
  if (auto o = as<Operation>(e)) {
    if (!o->y) return std::string("(") + op_string(o->op) + tree(o->x) + ")";
    return "(" + tree(o->x) + " " + op_string(o->op) + " " + tree(o->y) + ")";
  }
  if (auto p = as<ParenExpr>(e)) return tree(p->x);
  if (auto c = as<CallExpr>(e)) {
    std::string s = tree(c->fun) + "(";
    for (std::size_t i = 0; i < c->args.size(); ++i) s += (i ? ", " : "") + tree(c->args[i]);
    return s + ")";
  }
  if (auto s = as<SelectorExpr>(e)) return tree(s->x) + "." + s->sel->value;
  if (auto i = as<IndexExpr>(e)) return tree(i->x) + "[" + tree(i->index) + "]";
  if (auto c = as<CompositeLit>(e)) return "lit{" + (c->type_expr ? expr_string(c->type_expr) : std::string()) + "}";
  return expr_string(e);
}

struct Parsed {
  AstArena arena;
  DiagnosticSink sink;
  File* file = nullptr;
  std::string errors() const { return format_diagnostics(sink.finish()); }
};

std::unique_ptr<Parsed> parse(const std::string& src) {
  auto p = std::make_unique<Parsed>();
  p->file = parse_file(src, p->arena, p->sink);
  return p;
}

// The body statements of func main in `package main; func main() { <body> }`.
std::vector<Stmt*> body(Parsed& p) {
  for (Decl* d : p.file->decls)
    if (auto f = as<FuncDecl>(d); f && f->name->value == "main") return f->body->list;
  return {};
}

std::string expr_tree(const std::string& expr) {
  auto p = parse("package main\nfunc main() {\n_ = " + expr + "\n}\n");
  REQUIRE(p->errors() == "");
  auto stmts = body(*p);
  REQUIRE(stmts.size() == 1);
  auto a = as<AssignStmt>(stmts[0]);
  REQUIRE(a);
  return tree(a->rhs);
}

}  // namespace

TEST_CASE("parser: binary operator precedence and associativity are Go's", "[lang][parser]") {
  CHECK(expr_tree("a + b * c") == "(a + (b * c))");
  CHECK(expr_tree("a * b + c") == "((a * b) + c)");
  CHECK(expr_tree("a - b - c") == "((a - b) - c)");
  CHECK(expr_tree("a || b && c") == "(a || (b && c))");
  CHECK(expr_tree("a == b || c < d && e != f") == "((a == b) || ((c < d) && (e != f)))");
  CHECK(expr_tree("a << 2 + b") == "((a << 2) + b)");     // << binds like *
  CHECK(expr_tree("a & b | c ^ d") == "(((a & b) | c) ^ d)");
  CHECK(expr_tree("a &^ b * c % d") == "(((a &^ b) * c) % d)");
  CHECK(expr_tree("-a * -b") == "((-a) * (-b))");
  CHECK(expr_tree("!a == b") == "((!a) == b)");
  CHECK(expr_tree("*p.x") == "(*p.x)");                   // selectors bind tighter than unary *
  CHECK(expr_tree("&a[i].f") == "(&a[i].f)");
  CHECK(expr_tree("f(a)(b)[c].d") == "f(a)(b)[c].d");
  CHECK(expr_tree("(a + b) * c") == "((a + b) * c)");
  CHECK(expr_tree("^x + 1") == "((^x) + 1)");
}

TEST_CASE("parser: composite literals in if/for/switch headers are resolved as Go does", "[lang][parser]") {
  // T{...} directly in a header is parsed as the block: Go reports an error
  auto p = parse("package main\ntype T struct{ a int }\nfunc main() {\n\tif x := T{1}; x.a == 1 {\n\t}\n}\n");
  CHECK(p->errors() != "");
  // parenthesized, it is a composite literal
  p = parse("package main\ntype T struct{ a int }\nfunc main() {\n\tif x := (T{1}); x.a == 1 {\n\t}\n}\n");
  CHECK(p->errors() == "");
  // inside a call's parentheses or an index, the literal is fine too
  p = parse("package main\ntype T struct{ a int }\nfunc f(T) bool { return true }\nfunc main() {\n\tif f(T{1}) {\n\t}\n\tfor _, v := range []T{{1}} {\n\t\t_ = v\n\t}\n}\n");
  CHECK(p->errors() == "");
  // []T{...} and map[K]V{...} are unambiguous literal types even in headers
  p = parse("package main\nfunc main() {\n\tfor _, x := range []int{1, 2} {\n\t\t_ = x\n\t}\n\tswitch len(map[int]int{1: 2}) {\n\t}\n}\n");
  CHECK(p->errors() == "");
}

TEST_CASE("parser: statements, labels and declarations have Go's shapes", "[lang][parser]") {
  auto p = parse(
      "package main\n"
      "func main() {\n"
      "L:\n"
      "\tfor i := 0; i < 3; i++ {\n"
      "\t\tcontinue L\n"
      "\t}\n"
      "\tswitch x := 1; {\n"
      "\tcase x > 0:\n"
      "\t\tfallthrough\n"
      "\tdefault:\n"
      "\t}\n"
      "\tvar (\n\t\ta = 1\n\t\tb, c int\n\t)\n"
      "\tconst k, l = 1, 2\n"
      "\ta, b = b, a\n"
      "\tc += k + l\n"
      "}\n");
  REQUIRE(p->errors() == "");
  auto stmts = body(*p);
  REQUIRE(stmts.size() == 6);
  auto l = as<LabeledStmt>(stmts[0]);
  REQUIRE(l);
  auto f = as<ForStmt>(l->stmt);
  REQUIRE(f);
  CHECK(as<AssignStmt>(f->init));
  CHECK(as<AssignStmt>(f->post)->op == Op::Add);  // i++
  auto br = as<BranchStmt>(f->body->list[0]);
  REQUIRE(br);
  CHECK(br->target == f);  // the branch checker resolves labeled continue
  auto sw = as<SwitchStmt>(stmts[1]);
  REQUIRE(sw);
  CHECK(sw->tag == nullptr);
  CHECK(sw->body.size() == 2);
  auto vd = as<DeclStmt>(stmts[2]);
  REQUIRE(vd);
  CHECK(vd->decls.size() == 2);
  CHECK(vd->decls[0]->group != 0);
  CHECK(vd->decls[0]->group == vd->decls[1]->group);
  auto asg = as<AssignStmt>(stmts[4]);
  REQUIRE(asg);
  CHECK(as<ListExpr>(asg->lhs));
  CHECK(as<AssignStmt>(stmts[5])->op == Op::Add);
}

TEST_CASE("parser: a snippet hoists type and func declarations and wraps the rest in main", "[lang][parser]") {
  AstArena arena;
  DiagnosticSink sink;
  std::vector<SnippetItem> items;
  File* f = parse_snippet(
      "type T struct{ a int }\n"
      "x := T{1}\n"
      "func helper(t T) int { return t.a }\n"
      "fmt.Println(helper(x)); type U int\n"
      "var u U\n",
      arena, sink, &items);
  REQUIRE(f);
  CHECK(format_diagnostics(sink.finish()) == "");
  REQUIRE(f->decls.size() == 4);  // T, helper, U, main
  CHECK(as<TypeDecl>(f->decls[0])->name->value == "T");
  CHECK(as<FuncDecl>(f->decls[1])->name->value == "helper");
  CHECK(as<TypeDecl>(f->decls[2])->name->value == "U");
  auto main = as<FuncDecl>(f->decls[3]);
  REQUIRE(main);
  CHECK(main->synthesized);
  CHECK(main->body->list.size() == 3);
  REQUIRE(items.size() == 6);
  CHECK(items[0].kind == SnippetItem::TypeDecl);
  CHECK(items[3].kind == SnippetItem::Statement);
  CHECK(items[4].kind == SnippetItem::TypeDecl);
  CHECK(items[4].pos == Pos{4, 25});
  // a function literal statement is not a declaration
  DiagnosticSink sink2;
  AstArena arena2;
  File* g = parse_snippet("func() {}()\nfunc (t T) M() {}\ntype T int\n", arena2, sink2);
  REQUIRE(g);
  CHECK(format_diagnostics(sink2.finish()) == "");
  REQUIRE(g->decls.size() == 3);
  CHECK(as<FuncDecl>(g->decls[0])->recv != nullptr);
  CHECK(as<FuncDecl>(g->decls[2])->body->list.size() == 1);
}

TEST_CASE("parser: whole programs are recognized by their package clause", "[lang][parser]") {
  CHECK(is_whole_program("package main\n"));
  CHECK(is_whole_program("// comment\n/* c */ package main"));
  CHECK_FALSE(is_whole_program("x := 1\n"));
  CHECK_FALSE(is_whole_program(""));
}

TEST_CASE("parser: deep nesting stops with a clear error instead of exhausting the stack", "[lang][parser]") {
  for (const char* open_close : {"()", "[]", "{}"}) {
    std::string src = "package main\nfunc main() {\n\tx := ";
    int depth = 100000;
    if (open_close[0] == '(') src += std::string(depth, '(') + "1" + std::string(depth, ')');
    if (open_close[0] == '[') src += std::string(depth, '[') + std::string(depth, ']') + "int{}";
    if (open_close[0] == '{') src = "package main\nfunc main() " + std::string(depth, '{') + std::string(depth, '}');
    src += "\n}\n";
    auto p = parse(src);
    std::string errs = p->errors();
    INFO(open_close);
    CHECK(errs.find("nesting too deep") != std::string::npos);
  }
  // long flat chains are fine up to the limit, then refused
  std::string chain = "package main\nfunc main() {\n\tx := 0";
  for (int i = 0; i < 400; ++i) chain += " + 1";
  chain += "\n\t_ = x\n}\n";
  CHECK(parse(chain)->errors() == "");
  std::string longer = "package main\nfunc main() {\n\tx := 0";
  for (int i = 0; i < 5000; ++i) longer += " + 1";
  longer += "\n}\n";
  CHECK(parse(longer)->errors().find("nesting too deep") != std::string::npos);
  // unary chains
  CHECK(parse("package main\nfunc main() { x := " + std::string(100000, '^') + "1 }\n")->errors().find("nesting too deep") !=
        std::string::npos);
}
