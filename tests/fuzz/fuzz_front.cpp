// libFuzzer target: the front end (lexer, parser, checker, compiler) on
// arbitrary bytes. It must answer with diagnostics that carry a position,
// never crash, hang or read out of bounds (ASan/UBSan build).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/sim/simulation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  bucketlab::sim::SimConfig c;
  c.version = bucketlab::runtime::GoVersion{(data[0] & 1) ? 26 : 19};
  const std::string_view src(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto r = bucketlab::sim::load(src, c);
  if (!r.sim && r.diagnostics.empty()) std::abort();  // refused without saying why
  for (const auto& d : r.diagnostics)
    if (d.line == 0 || d.col == 0 || d.message.empty()) std::abort();
  return 0;
}
