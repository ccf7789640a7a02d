// The size-class table against Go's own generated sizeclasses.go (Go 1.19
// and the modern toolchain), entry by entry, plus the Go 1.22+/1.26 span
// layouts and roundupsize.
#include <catch2/catch.hpp>

#include <cctype>
#include <sstream>
#include <vector>

#include "core/runtime/size_classes.h"
#include "support/go_source.h"

using namespace bucketlab::runtime;
using bucketlab::testing::kGo119Root;
using bucketlab::testing::modern_goroot;
using bucketlab::testing::read_file;

namespace {

// All unsigned integers in `text`, in order.
std::vector<std::uint64_t> numbers(const std::string& text) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i < text.size();) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::uint64_t v = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) v = v * 10 + (text[i++] - '0');
    out.push_back(v);
  }
  return out;
}

// The numbers inside `var name = [...]T{ ... }` of a Go source file.
std::vector<std::uint64_t> go_array(const std::string& src, const std::string& name) {
  auto at = src.find("var " + name + " = [");
  if (at == std::string::npos) return {};
  auto open = src.find('{', at);
  auto close = src.find('}', open);
  return numbers(src.substr(open + 1, close - open - 1));
}

struct CommentRow {
  std::uint64_t cls, size, span_bytes, objects, tail_waste;
};

// The generator's comment table: "//     1          8        8192     1024           0     87.50%          8"
std::vector<CommentRow> comment_table(const std::string& src) {
  std::vector<CommentRow> rows;
  std::istringstream in(src);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("//", 0) != 0 || line.find('%') == std::string::npos) continue;
    auto n = numbers(line);  // class, size, span, objects, tail, waste (2 numbers), align
    if (n.size() != 8) continue;
    rows.push_back({n[0], n[1], n[2], n[3], n[4]});
  }
  return rows;
}

void compare_with_go_file(const std::string& path, const char* to_size, const char* to_npages, const char* to8,
                          const char* to128) {
  std::string src = read_file(path);
  if (src.empty()) {
    WARN("skipped: " << path << " not found (Go toolchain absent)");
    return;
  }
  INFO("file " << path);
  auto sizes = go_array(src, to_size);
  REQUIRE(sizes.size() == kNumSizeClasses);
  for (int c = 0; c < kNumSizeClasses; ++c) {
    INFO("class " << c);
    CHECK(sizes[c] == kClassToSize[c]);
  }
  auto npages = go_array(src, to_npages);
  REQUIRE(npages.size() == kNumSizeClasses);
  for (int c = 0; c < kNumSizeClasses; ++c) {
    INFO("class " << c);
    CHECK(npages[c] == kClassToAllocNPages[c]);
  }
  auto c8 = go_array(src, to8);
  REQUIRE(c8.size() == kSizeToClass8.size());
  for (std::size_t i = 0; i < c8.size(); ++i) {
    INFO("size_to_class8[" << i << "]");
    CHECK(c8[i] == kSizeToClass8[i]);
  }
  auto c128 = go_array(src, to128);
  REQUIRE(c128.size() == kSizeToClass128.size());
  for (std::size_t i = 0; i < c128.size(); ++i) {
    INFO("size_to_class128[" << i << "]");
    CHECK(c128[i] == kSizeToClass128[i]);
  }
  auto rows = comment_table(src);
  REQUIRE(rows.size() == kNumSizeClasses - 1);
  for (const auto& r : rows) {
    INFO("class " << r.cls);
    CHECK(r.size == kClassToSize[r.cls]);
    CHECK(r.span_bytes == kClassToAllocNPages[r.cls] * kPageSize);
    CHECK(r.objects == span_nelems(static_cast<int>(r.cls), true, GoVersion::go1_19()));
    CHECK(r.tail_waste == r.span_bytes - r.objects * r.size);
  }
}

}  // namespace

TEST_CASE("size classes equal Go 1.19's sizeclasses.go entry by entry", "[runtime][size_classes]") {
  compare_with_go_file(std::string(kGo119Root) + "/src/runtime/sizeclasses.go", "class_to_size",
                       "class_to_allocnpages", "size_to_class8", "size_to_class128");
}

TEST_CASE("size classes equal the modern Go's internal/runtime/gc/sizeclasses.go", "[runtime][size_classes]") {
  std::string root = modern_goroot();
  if (root.empty()) {
    WARN("skipped: no modern go on PATH");
    return;
  }
  std::string path = root + "/src/internal/runtime/gc/sizeclasses.go";
  if (read_file(path).empty()) path = root + "/src/runtime/sizeclasses.go";  // Go ≤ 1.24 layout
  if (read_file(path).find("SizeClassToSize") != std::string::npos)
    compare_with_go_file(path, "SizeClassToSize", "SizeClassToNPages", "SizeToSizeClass8", "SizeToSizeClass128");
  else
    compare_with_go_file(path, "class_to_size", "class_to_allocnpages", "size_to_class8", "size_to_class128");
}

TEST_CASE("size_to_class picks the smallest class that fits", "[runtime][size_classes]") {
  for (std::uint64_t s = 1; s <= kMaxSmallSize; ++s) {
    int c = size_to_class(s);
    REQUIRE(kClassToSize[c] >= s);
    REQUIRE(kClassToSize[c - 1] < s);
  }
}

TEST_CASE("Go 1.22+ scan spans of <=512 B objects reserve span/64 bytes for heap bits", "[runtime][size_classes]") {
  // (nbytes - nbytes/64) / size: mheap.go initSpan (Go 1.22+).
  const GoVersion g22{22};
  CHECK(span_nelems(1, false, g22) == 1008);
  CHECK(span_nelems(2, false, g22) == 504);
  CHECK(span_nelems(5, false, g22) == 168);
  CHECK(span_nelems(11, false, g22) == 56);   // 144 B: the reserve fits in the tail waste
  CHECK(span_nelems(26, false, g22) == 15);   // 512 B
  CHECK(span_nelems(27, false, g22) == 14);   // 576 B: header objects, no reserve
  CHECK(span_nelems(1, true, g22) == 1024);   // noscan spans unchanged
  CHECK(span_nelems(2, false, GoVersion::go1_19()) == 512);
}

TEST_CASE("Go 1.26 spans of 16..512 B objects also reserve 128 B of inline mark bits", "[runtime][size_classes]") {
  const GoVersion g26 = GoVersion::go1_26();
  CHECK(span_nelems(1, true, g26) == 1024);          // 8 B: no inline mark bits
  CHECK(span_nelems(2, true, g26) == (8192 - 128) / 16);
  CHECK(span_nelems(2, false, g26) == (8192 - 128 - 128) / 16);
  CHECK(span_nelems(11, true, g26) == (8192 - 128) / 144);
  CHECK(span_nelems(26, false, g26) == (8192 - 128 - 128) / 512);
  CHECK(span_nelems(27, false, g26) == 14);
}

TEST_CASE("roundupsize follows msize.go per version", "[runtime][size_classes]") {
  const GoVersion g19 = GoVersion::go1_19(), g22{22};
  CHECK(roundupsize(0, true, g19) == 0);
  CHECK(roundupsize(1, true, g19) == 8);
  CHECK(roundupsize(2592, false, g19) == 2688);      // map[int]int B=4 array (facts A.6)
  CHECK(roundupsize(32768, true, g19) == 32768);
  CHECK(roundupsize(32769, true, g19) == 40960);
  CHECK(roundupsize(40896, false, g19) == 40960);
  // Go 1.22+: pointerful > 512 B gets an 8-byte header (facts B.4: 1600+8 → 1792).
  CHECK(roundupsize(1600, false, g22) == 1792 - 8);
  CHECK(roundupsize(1600, true, g22) == 1792);
  CHECK(roundupsize(512, false, g22) == 512);        // still heap bits in span
  CHECK(roundupsize(32760, false, g22) == 32760);    // 32768 class minus the header
  CHECK(roundupsize(32761, true, g22) == 32768);     // large from 32761 on: 4 whole pages
  CHECK(roundupsize(32761, true, g19) == 32768);     // class 67
  CHECK(roundupsize(32769, false, g22) == 40960);
  CHECK(max_small_alloc(g22) == 32760);
  CHECK(max_small_alloc(g19) == 32768);
}
