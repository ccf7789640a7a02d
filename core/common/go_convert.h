// Go's float64 → integer conversions as compiled for amd64, which C++ leaves
// undefined out of range (and which wasm and x86 C++ builds answer
// differently): CVTTSD2SQ gives 0x8000000000000000 for NaN and out-of-range
// values; uint64(f) converts f < 2^63 through int64 (so negative values wrap)
// and f ≥ 2^63 by subtracting 2^63 and setting the top bit
// (cmd/compile/internal/ssagen: uint64Tofloat64 / float64ToUint64 on amd64).
// The runtime relies on this too: mgcpacer.go stores uint64(consMark * ...)
// into runway, and Go 1.19's cons/mark controller can go negative.
#pragma once
#include <cstdint>

namespace bucketlab {

inline std::int64_t go_f64_to_i64(double d) {
  const bool in_range = d >= -9223372036854775808.0 && d < 9223372036854775808.0;  // false for NaN
  return in_range ? static_cast<std::int64_t>(d) : INT64_MIN;
}

inline std::uint64_t go_f64_to_u64(double d) {
  if (!(d >= 0)) return static_cast<std::uint64_t>(go_f64_to_i64(d));
  if (d < 9223372036854775808.0) return static_cast<std::uint64_t>(static_cast<std::int64_t>(d));
  if (d < 18446744073709551616.0)
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(d - 9223372036854775808.0)) ^ 0x8000000000000000ull;
  return 0x8000000000000000ull;
}

}  // namespace bucketlab
