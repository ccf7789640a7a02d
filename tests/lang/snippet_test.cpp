// Snippets: the implicit imports, the wrapping into a Go program (shared
// with `vs-go`) and the mapping of positions back to the snippet.
#include <catch2/catch.hpp>

#include "core/lang/front.h"

using namespace bucketlab;
using namespace bucketlab::lang;

TEST_CASE("snippet: implicit imports are the packages used as pkg.Name", "[lang][snippet]") {
  auto imps = implicit_imports(
      "x := strconv.Itoa(1)\n"
      "var t time.Duration\n"
      "fmt.Println(x, t)\n"
      "s.rand.Intn\n"        // a field named rand is not the package
      "debug := 1\n_ = debug\n"  // a variable named like a package is not a use
      "fmt.Println()\n");
  REQUIRE(imps.size() == 3);
  CHECK(imps[0].first == "fmt");
  CHECK(imps[0].second == Pos{3, 1});
  CHECK(imps[1].first == "strconv");
  CHECK(imps[2].first == "time");
  CHECK(imps[2].second == Pos{2, 7});
  CHECK(implicit_imports("rand.Seed(1); x := debug.SetGCPercent(100)\n").size() == 2);
}

TEST_CASE("snippet: wrap_snippet produces the Go program the snippet means", "[lang][snippet]") {
  const char* snippet =
      "// demo\n"
      "type T struct {\n"
      "\tn int\n"
      "}\n"
      "m := map[int]T{}\n"
      "\tm[1] = T{n: helper()}; type U int\n"
      "fmt.Println(len(m))\n"
      "func helper() int { return 2 }\n";
  WrappedSnippet w = wrap_snippet(snippet);
  CHECK(w.text ==
        "package main\n"
        "\n"
        "import (\n"
        "\t\"fmt\"\n"
        ")\n"
        "type T struct {\n"
        "\tn int\n"
        "}\n"
        "                        type U int\n"
        "func helper() int { return 2 }\n"
        "func main() {\n"
        "m := map[int]T{}\n"
        "\tm[1] = T{n: helper()}\n"
        "fmt.Println(len(m))\n"
        "}\n");
  REQUIRE(w.line_map.size() == 15);
  CHECK(w.line_map[5] == 2);   // type T
  CHECK(w.line_map[8] == 6);   // type U, moved to its own line, same column
  CHECK(w.line_map[9] == 8);   // func helper
  CHECK(w.line_map[10] == 0);  // func main() {
  CHECK(w.line_map[11] == 5);
  CHECK(w.to_snippet(Pos{9, 25}) == Pos{6, 25});
  CHECK(w.to_snippet(Pos{11, 1}) == Pos{});
  CHECK(w.imports == std::vector<std::string>{"fmt"});
  // the wrapped program is itself accepted, with the same meaning
  auto direct = compile_front(snippet, runtime::GoVersion{26});
  auto wrapped = compile_front(w.text, runtime::GoVersion{26});
  CHECK(direct.ok());
  CHECK(wrapped.ok());
}

TEST_CASE("snippet: errors are reported at snippet positions", "[lang][snippet]") {
  auto r = compile_front("x := 1\ny := \"a\" + 1\n", runtime::GoVersion{26});
  CHECK(format_diagnostics(r.diagnostics) ==
        "1:1: declared and not used: x\n"
        "2:1: declared and not used: y\n"
        "2:6: invalid operation: \"a\" + 1 (mismatched types untyped string and untyped int)\n");
  // hoisted functions cannot see the snippet's locals (as in the wrapped program)
  auto h = compile_front("n := 1\n_ = n\nfunc f() int { return n }\n", runtime::GoVersion{26});
  CHECK(format_diagnostics(h.diagnostics) == "3:23: undefined: n\n");
  // a snippet is one function body: return is allowed, results are not
  CHECK(compile_front("x := 1\nif x > 0 {\n\treturn\n}\n", runtime::GoVersion{26}).ok());
}
