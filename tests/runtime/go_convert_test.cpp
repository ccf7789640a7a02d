// Go's amd64 float64 → integer conversions (core/common/go_convert.h).
// Expected values: a Go 1.19 amd64 program printing uint64(f) and int64(f)
// through //go:noinline functions (so the compiler emits the conversion).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/common/go_convert.h"

using bucketlab::go_f64_to_i64;
using bucketlab::go_f64_to_u64;

TEST_CASE("float64 to uint64/int64 convert as Go on amd64", "[runtime][go_convert]") {
  struct Row { double f; std::uint64_t u; std::int64_t i; };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const Row rows[] = {
      {-2382.7, 18446744073709549234ull, -2382},  // negative: wraps through int64 (the pacer's runway)
      {-1, 18446744073709551615ull, -1},
      {0.5, 0, 0},
      {9.3e18, 9300000000000000000ull, INT64_MIN},
      {1.5e19, 15000000000000000000ull, INT64_MIN},
      {2e19, 9223372036854775808ull, INT64_MIN},
      {nan, 9223372036854775808ull, INT64_MIN},
      {inf, 9223372036854775808ull, INT64_MIN},
      {-inf, 9223372036854775808ull, INT64_MIN},
      {-9.3e18, 9223372036854775808ull, INT64_MIN},
  };
  for (const Row& r : rows) {
    INFO("f = " << r.f);
    CHECK(go_f64_to_u64(r.f) == r.u);
    CHECK(go_f64_to_i64(r.f) == r.i);
  }
}
