// examples/*.go (the playground's presets) are valid workloads: the front
// end accepts each for both modelled Go versions, and each, wrapped as
// bucketlab wraps snippets, builds and runs under the real toolchains.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/lang/front.h"
#include "tests/support/test_files.h"

using namespace bucketlab;
namespace fs = std::filesystem;

namespace {
using testing::run_shell;
using testing::slurp;
std::vector<fs::path> examples() { return testing::go_files(fs::path(BUCKETLAB_SOURCE_DIR) / "examples"); }
}  // namespace

TEST_CASE("examples: at least ten, each stating what to look for, each accepted", "[lang][examples]") {
  const auto ex = examples();
  CHECK(ex.size() >= 10);
  for (const auto& p : ex) {
    INFO(p.filename().string());
    const std::string src = slurp(p);
    CHECK(src.find("What to look for") != std::string::npos);
    for (int minor : {19, 26}) {
      const auto r = lang::compile_front(src, runtime::GoVersion{minor});
      CHECK(lang::format_diagnostics(r.diagnostics) == "");
      CHECK(r.ok());
    }
  }
}

TEST_CASE("examples: each runs under real Go 1.19 and modern Go", "[lang][examples][oracle-go]") {
  const char* bd = std::getenv("BUCKETLAB_BUILD_DIR");
  const fs::path dir = (bd ? fs::path(bd) : fs::temp_directory_path()) / "go-oracles" / "examples";
  fs::create_directories(dir);
  std::ofstream(dir / "go.mod") << "module examples\n\ngo 1.19\n";
  for (const auto& p : examples()) {
    const lang::WrappedSnippet w = lang::wrap_snippet(slurp(p));
    const fs::path prog = dir / p.filename();
    std::ofstream(prog) << w.text;
    for (const std::string go : {std::string(BUCKETLAB_GO119), std::string("go")}) {
      if (go != "go" && !fs::exists(go)) {
        WARN("no " << go);
        continue;
      }
      std::string out;
      const std::string cmd = "cd '" + dir.string() + "' && GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GOCACHE='" +
                              (dir / "gocache").string() + "' GOMAXPROCS=1 " + go + " run '" +
                              prog.filename().string() + "' 2>&1";
      const int st = run_shell(cmd, out);
      INFO(p.filename().string() << " with " << go << ":\n" << out);
      CHECK(st == 0);
    }
  }
}
