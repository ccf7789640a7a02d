// bl_wrap FILE: prints the whole Go program the workload stands for (a
// snippet wrapped by lang::wrap_snippet, a program unchanged), so scripts
// can build the same source with a real Go toolchain.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/lang/front.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bl_wrap FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "bl_wrap: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string src = ss.str();
  // A whole program starts with `package` (front.h); print it unchanged.
  std::size_t i = 0;
  for (;;) {
    while (i < src.size() && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r')) ++i;
    if (src.compare(i, 2, "//") == 0) {
      while (i < src.size() && src[i] != '\n') ++i;
      continue;
    }
    break;
  }
  if (src.compare(i, 7, "package") == 0) {
    std::cout << src;
    return 0;
  }
  std::cout << bucketlab::lang::wrap_snippet(src).text;
  return 0;
}
