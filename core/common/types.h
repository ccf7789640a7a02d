// Strong-ish types for simulated quantities. Host pointers never stand for
// simulated memory: a simulated address is an Addr, a page a PageId.
#pragma once
#include <cstdint>

namespace bucketlab {

// A simulated virtual address in the modelled Go process (64-bit target:
// amd64 layout, 8-byte pointers). 0 is nil.
using Addr = std::uint64_t;
inline constexpr Addr kNil = 0;

// Index of an 8 KiB runtime page counted from the simulated heap base.
using PageId = std::uint64_t;

inline constexpr std::uint64_t kPtrSize = 8;  // goarch.PtrSize on 64-bit targets

constexpr std::uint64_t align_up(std::uint64_t x, std::uint64_t a) { return (x + a - 1) & ~(a - 1); }
constexpr std::uint64_t align_down(std::uint64_t x, std::uint64_t a) { return x & ~(a - 1); }
constexpr std::uint64_t div_round_up(std::uint64_t n, std::uint64_t a) { return (n + a - 1) / a; }

}  // namespace bucketlab
