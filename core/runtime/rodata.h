// The binary's read-only data (Go: the .rodata section): where string
// literals live. A string header built from a literal points here, not into
// the heap, so it costs no allocation and the GC ignores it (like Go, where
// literal data is never a heap object). The bytes are readable through
// Runtime::read_bytes like heap bytes, so hashing and comparing a map's
// string keys works whatever backs them.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/common/check.h"
#include "core/common/types.h"

namespace bucketlab::runtime {

// Below the heap and away from zerobase (0x580000); Go links rodata near 0x4a0000.
inline constexpr Addr kRodataBaseAddr = 0x0000000000600000;
inline constexpr std::uint64_t kRodataMaxBytes = 64ull << 20;

class Rodata {
 public:
  // Address of `bytes` in rodata; equal literals share one copy (as the
  // linker deduplicates them). The empty string has a non-nil address.
  Addr intern(std::string_view bytes) {
    auto it = index_.find(std::string(bytes));
    if (it != index_.end()) return it->second;
    if (data_.size() + bytes.size() + 1 > kRodataMaxBytes) throw ModelError("string literals exceed the rodata limit");
    const Addr a = kRodataBaseAddr + data_.size();
    data_.append(bytes);
    data_.push_back('\0');  // keeps every literal's address distinct
    index_.emplace(std::string(bytes), a);
    return a;
  }
  bool contains(Addr a) const { return a - kRodataBaseAddr < data_.size(); }
  // Copies [a, a+n) out; throws ModelError outside the segment.
  void read(Addr a, void* out, std::uint64_t n) const {
    if (n == 0) return;
    if (!contains(a) || n > data_.size() - (a - kRodataBaseAddr)) throw ModelError("read outside rodata");
    std::memcpy(out, data_.data() + (a - kRodataBaseAddr), n);
  }
  std::uint64_t size() const { return data_.size(); }

 private:
  std::string data_;
  std::unordered_map<std::string, Addr> index_;
};

}  // namespace bucketlab::runtime
