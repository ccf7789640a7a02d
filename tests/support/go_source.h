// Locating and reading the Go toolchains' sources, so conformance tests can
// compare the model with the real runtime's tables. Tests that need a file
// skip with a WARN when it is absent (a machine without Go).
#pragma once
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace bucketlab::testing {

inline constexpr const char* kGo119Root = "/usr/lib/go-1.19";

// GOROOT of the `go` on PATH (the modern toolchain), or "" if none.
inline std::string modern_goroot() {
  std::string out;
  if (FILE* f = popen("go env GOROOT 2>/dev/null", "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, f)) out += buf;
    pclose(f);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// Whole file, or "" if it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace bucketlab::testing
