// The goroutine stack, as far as the heap model needs it: the 32-byte
// tmpBuf buffers (runtime/string.go) where Go puts a non-escaping string
// built by concatenation or conversion (e.g. the key of m["k"+s] or of a
// delete), so that no heap allocation happens. The bytes must stay
// readable through Runtime::read_bytes (map code hashes and compares key
// bytes wherever they live), so they get a simulated stack address. The
// buffers are short-lived — used by the one operation that needs the
// string — so a ring of them suffices; the GC ignores stack addresses.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/common/check.h"
#include "core/common/types.h"

namespace bucketlab::runtime {

// A typical linux/amd64 goroutine stack address, far from heap and rodata.
inline constexpr Addr kStackTmpBaseAddr = 0x000000c000000000ull - (1ull << 30);
inline constexpr std::uint64_t kTmpStringBufSize = 32;  // runtime.tmpStringBufSize

class StackTmp {
 public:
  static constexpr std::uint64_t kSlots = 64;
  StackTmp() : data_(kSlots * kTmpStringBufSize) {}
  // Copies at most kTmpStringBufSize bytes into the next buffer of the ring.
  Addr put(std::string_view bytes) {
    BUCKETLAB_ASSERT(bytes.size() <= kTmpStringBufSize, "tmpBuf overflow");
    const std::uint64_t off = (next_++ % kSlots) * kTmpStringBufSize;
    std::memcpy(data_.data() + off, bytes.data(), bytes.size());
    return kStackTmpBaseAddr + off;
  }
  bool contains(Addr a) const { return a - kStackTmpBaseAddr < data_.size(); }
  void read(Addr a, void* out, std::uint64_t n) const {
    if (n == 0) return;
    if (!contains(a) || n > data_.size() - (a - kStackTmpBaseAddr)) throw ModelError("read outside the stack buffers");
    std::memcpy(out, data_.data() + (a - kStackTmpBaseAddr), n);
  }

 private:
  std::vector<std::uint8_t> data_;
  std::uint64_t next_ = 0;
};

}  // namespace bucketlab::runtime
