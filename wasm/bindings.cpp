// Embind registrations only: no simulation logic lives here.
#include <emscripten/bind.h>

#include <string>

#include "core/runtime/type.h"

namespace {
std::string core_info() { return R"({"name":"bucketlab","core":"wasm"})"; }
}  // namespace

EMSCRIPTEN_BINDINGS(bucketlab) {
  emscripten::function("coreInfo", &core_info);
}
