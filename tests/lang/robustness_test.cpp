// Robustness of the front end: arbitrary bytes never crash or hang it, every
// diagnostic has a position, and the documented limits are enforced with a
// clear message.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "core/lang/front.h"
#include "core/lang/parser.h"

using namespace bucketlab;
using namespace bucketlab::lang;

namespace {

void expect_sane(const std::string& src, int minor = 26) {
  auto r = compile_front(src, runtime::GoVersion{minor});
  CHECK(r.ok() == r.diagnostics.empty());
  CHECK(r.diagnostics.size() <= 11);
  for (const auto& d : r.diagnostics) {
    CHECK(d.line >= 1);
    CHECK(d.col >= 1);
    CHECK_FALSE(d.message.empty());
  }
}

const char* const kSeeds[] = {
    "package main\nimport \"fmt\"\ntype T struct{ a int; b []string }\nfunc (t *T) M(x int) (int, error) { return x, nil }\n"
    "func main() {\n\tm := map[string]*T{}\n\tfor i := 0; i < 10; i++ {\n\t\tm[fmt.Sprint(i)] = &T{a: i}\n\t}\n"
    "\tswitch x := len(m); {\n\tcase x > 3:\n\t\tfmt.Println(\"big\")\n\t}\n}\n",
    "type E struct { k string; v [8]byte }\nm := make(map[string]E, 64)\nfor i := range 100 { m[strconv.Itoa(i)] = E{} }\n"
    "var ms runtime.MemStats\nruntime.ReadMemStats(&ms)\nfmt.Println(ms.HeapAlloc, len(m))\n",
    "package main\nconst c = 1 << 62\nvar x = []int{1, 2, 3}[1:2:3]\nfunc main() { _ = x; _ = c; L: for { break L } }\n",
};

}  // namespace

TEST_CASE("robustness: random bytes and mutated programs never crash the front end", "[lang][robustness]") {
  std::mt19937_64 rng(12345);
  // random byte strings
  for (int i = 0; i < 300; ++i) {
    std::string s(rng() % 200, '\0');
    for (auto& ch : s) ch = static_cast<char>(rng());
    expect_sane(s);
    expect_sane("package main\n" + s);
  }
  // random tokens
  const char* toks[] = {"package", "main", "func", "(", ")", "{", "}", "[", "]", "x", "1", "\"s\"", ":=", "=",
                        "+", "*", "&", "<-", "go", "for", "range", "if", "else", ";", "\n", ",", ".", "...",
                        "type", "struct", "map", "chan", "interface", "var", "const", "return", "switch",
                        "case", "default", ":", "'c'", "1.5", "nil", "true", "make", "append", "fmt", "`raw`"};
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    int n = static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) s += std::string(toks[rng() % (sizeof toks / sizeof toks[0])]) + " ";
    expect_sane(s, rng() % 2 ? 26 : 19);
  }
  // byte-level mutations of valid workloads
  for (const char* seed : kSeeds) {
    std::string base = seed;
    expect_sane(base);
    for (int i = 0; i < 1500; ++i) {
      std::string s = base;
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < edits && !s.empty(); ++k) {
        std::size_t pos = rng() % s.size();
        switch (rng() % 3) {
          case 0: s.erase(pos, 1 + rng() % 3); break;
          case 1: s.insert(pos, 1, static_cast<char>(rng() % 128)); break;
          default: s[pos] = static_cast<char>(rng()); break;
        }
      }
      expect_sane(s, rng() % 2 ? 26 : 19);
    }
  }
}

TEST_CASE("robustness: huge inputs are handled or refused with a message", "[lang][robustness]") {
  // a 1 MB line (a string literal) is fine
  std::string big = "s := \"" + std::string(1 << 20, 'x') + "\"\n_ = len(s)\n";
  auto r = compile_front(big, runtime::GoVersion{26});
  CHECK(r.ok());
  // a 1 MB line of tokens
  std::string line = "x := 0";
  while (line.size() < (1u << 20)) line += "; x++";
  line += "\n_ = x\n";
  CHECK(compile_front(line, runtime::GoVersion{26}).ok());
  // sources over the cap are refused
  auto huge = compile_front(std::string(kMaxSourceBytes + 1, ' '), runtime::GoVersion{26});
  REQUIRE(huge.diagnostics.size() == 1);
  CHECK(huge.diagnostics[0].str().rfind("1:1: source too large", 0) == 0);
  // huge numeric literals and constant arithmetic stay bounded
  auto lit = compile_front("x := 1" + std::string(9000, '0') + "\n_ = x\n", runtime::GoVersion{26});
  REQUIRE_FALSE(lit.ok());
  CHECK(lit.diagnostics[0].str() == "1:6: constant overflow");
  auto e = compile_front("const a = 1e100000\n", runtime::GoVersion{26});
  REQUIRE_FALSE(e.ok());
  CHECK(e.diagnostics[0].message.find("not supported by bucketlab") != std::string::npos);
  auto sq = compile_front("const a = 1e1000\nconst b = a * a * a * a * a\n", runtime::GoVersion{26});
  REQUIRE_FALSE(sq.ok());
  CHECK(sq.diagnostics[0].message.find("constant result is not representable") != std::string::npos);
  // string constants doubling
  std::string dbl = "const s0 = \"xxxxxxxxxxxxxxxx\"\n";
  for (int i = 1; i < 40; ++i) dbl += "const s" + std::to_string(i) + " = s" + std::to_string(i - 1) + " + s" + std::to_string(i - 1) + "\n";
  auto d = compile_front(dbl, runtime::GoVersion{26});
  REQUIRE_FALSE(d.ok());
  CHECK(d.diagnostics[0].message.find("constant result is not representable") != std::string::npos);
}

TEST_CASE("robustness: deep nesting of every construct is refused before the stack is at risk", "[lang][robustness]") {
  auto deep = [](const std::string& open, const std::string& mid, const std::string& close, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += open;
    s += mid;
    for (int i = 0; i < n; ++i) s += close;
    return s;
  };
  const std::string cases[] = {
      "x := " + deep("(", "1", ")", 5000) + "\n_ = x\n",
      "x := " + deep("[]", "int", "", 5000) + "{}\n_ = x\n",
      "x := " + deep("*", "int", "", 5000) + "(nil)\n_ = x\n",
      "x := " + deep("f(", "1", ")", 5000) + "\n",
      deep("{", "", "}", 5000),
      deep("if true {", "", "}", 5000),
      deep("for {", "", "}", 5000),
      "x := [][][]int" + deep("{", "", "}", 5000) + "\n",
      "var x " + deep("struct{ a ", "int", "}", 5000) + "\n",
      "var x " + deep("map[int]", "int", "", 5000) + "\n",
      "x := 1" + deep(" + 1", "", "", 5000) + "\n",
      "x := a" + deep(".b", "", "", 5000) + "\n",
      "x := a" + deep("[0]", "", "", 5000) + "\n",
  };
  for (const auto& src : cases) {
    auto r = compile_front(src, runtime::GoVersion{26});
    REQUIRE_FALSE(r.ok());
    bool found = false;
    for (const auto& d : r.diagnostics) found |= d.message.find("nesting too deep") != std::string::npos;
    INFO(src.substr(0, 60));
    CHECK(found);
  }
  // just under the limit, the checker copes too (no stack exhaustion)
  auto ok = compile_front("x := " + deep("(", "1", ")", kMaxNesting - 20) + "\n_ = x\n", runtime::GoVersion{26});
  CHECK(ok.ok());
  auto blocks = compile_front(deep("{", "x := 1; _ = x\n", "}", kMaxNesting - 20), runtime::GoVersion{26});
  CHECK(blocks.ok());
  auto sum = std::string("x := 0");
  for (int i = 0; i < kMaxNesting - 20; ++i) sum += " + 1";
  CHECK(compile_front(sum + "\n_ = x\n", runtime::GoVersion{26}).ok());
}

TEST_CASE("robustness: errors stop at 10 with Go's \"too many errors\" line", "[lang][robustness]") {
  std::string src;
  for (int i = 0; i < 50; ++i) src += "x" + std::to_string(i) + " := 1\n";
  auto r = compile_front(src, runtime::GoVersion{26});
  REQUIRE(r.diagnostics.size() == 11);
  CHECK(r.diagnostics.back().message == "too many errors");
  CHECK(r.diagnostics.front().str() == "1:1: declared and not used: x0");
  // one syntax error per line
  auto s = compile_front("package main\nfunc main() { x := := := 1 }\n", runtime::GoVersion{26});
  CHECK(s.diagnostics.size() == 1);
}

// Every input a fuzzer once failed on (tests/fuzz/regressions/fuzz_front/,
// byte 0 = the fuzz target's settings) stays handled: in the debug build,
// ASan and UBSan watch these too.
TEST_CASE("robustness: fuzz_front regression inputs", "[lang][robustness]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(BUCKETLAB_SOURCE_DIR) / "tests/fuzz/regressions/fuzz_front";
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream f(e.path(), std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (data.empty()) continue;
    INFO(e.path().filename().string());
    expect_sane(data.substr(1), (data[0] & 1) ? 26 : 19);
    ++n;
  }
  CHECK(n >= 1);
}
