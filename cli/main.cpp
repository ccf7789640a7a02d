// bucketlab: the command line over the core (cli/ holds no simulation logic).
//
//   bucketlab check FILE [--go 1.19|1.26] [--impl classic|swiss]
//
// Exit codes: 0 success, 1 workload error (messages FILE:line:col on
// stderr), 2 usage error. FILE "-" reads standard input.
// `run` and `vs-go` arrive with the interpreter (issue 4); until then they
// are refused as usage errors rather than pretending to work.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/lang/front.h"

namespace {

using bucketlab::runtime::GoVersion;

int usage(const std::string& why) {
  if (!why.empty()) std::cerr << "bucketlab: " << why << "\n";
  std::cerr << "usage: bucketlab check FILE [--go 1.19|1.26] [--impl classic|swiss]\n"
               "  check   parse and type-check a workload (a Go program or snippet); '-' reads stdin\n"
               "exit codes: 0 ok, 1 workload error, 2 usage error\n";
  return 2;
}

bool read_all(const std::string& path, std::string& out) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    ss << in.rdbuf();
  }
  out = ss.str();
  return true;
}

struct Options {
  std::string file;
  GoVersion version = GoVersion::go1_19();
};

// Parses FILE and flags; returns an error message or "".
std::string parse_args(const std::vector<std::string>& args, Options& o) {
  bool version_set = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& v) -> bool {
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    std::string v;
    if (a == "--go") {
      if (!value(v)) return "--go needs a version";
      if (v == "1.19")
        o.version = GoVersion::go1_19();
      else if (v == "1.26")
        o.version = GoVersion::go1_26();
      else
        return "--go: unsupported version " + v + " (modelled: 1.19, 1.26)";
      version_set = true;
    } else if (a == "--impl") {
      if (!value(v)) return "--impl needs classic or swiss";
      if (v != "classic" && v != "swiss") return "--impl: expected classic or swiss, got " + v;
      const GoVersion want = v == "classic" ? GoVersion::go1_19() : GoVersion::go1_26();
      if (version_set && o.version.swiss_maps() != want.swiss_maps()) return "--impl " + v + " contradicts --go";
      o.version = want;
    } else if (a.size() > 1 && a[0] == '-') {
      return "unknown flag " + a;
    } else if (o.file.empty()) {
      o.file = a;
    } else {
      return "more than one FILE";
    }
  }
  if (o.file.empty()) return "missing FILE";
  return "";
}

int cmd_check(const std::vector<std::string>& args) {
  Options o;
  if (std::string err = parse_args(args, o); !err.empty()) return usage("check: " + err);
  std::string src;
  if (!read_all(o.file, src)) {
    std::cerr << "bucketlab: cannot read " << o.file << "\n";
    return 2;
  }
  const auto r = bucketlab::lang::compile_front(src, o.version);
  const std::string name = o.file == "-" ? "<stdin>" : o.file;
  for (const auto& d : r.diagnostics) std::cerr << name << ":" << d.str() << "\n";
  return r.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage("");
  const std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "check") return cmd_check(args);
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    usage("");
    return 0;
  }
  if (cmd == "run" || cmd == "vs-go") return usage(cmd + ": not available yet (the interpreter is not built)");
  return usage("unknown command " + cmd);
}
