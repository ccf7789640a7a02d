// Small file and process helpers shared by tests that read the source tree
// or run real toolchains.
#pragma once
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bucketlab::testing {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs a shell command, appending its stdout to `out`; returns the exit status (-1 if abnormal).
inline int run_shell(const std::string& cmd, std::string& out) {
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// The *.go files of a directory of the source tree, sorted.
inline std::vector<std::filesystem::path> go_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> v;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".go") v.push_back(e.path());
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace bucketlab::testing
