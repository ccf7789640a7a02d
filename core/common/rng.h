// The simulation's one seeded random source. Go's runtime draws from
// fastrand (Go 1.19: wyrand per M) for hash seeds, iteration start points and
// incrnoverflow's sampling; we use the same wyrand step so that a run is a
// pure function of its seed, natively and in wasm. (Matching Go's random
// *values* is neither possible nor needed: the differential tests read the
// real process's seeds and feed them in.)
#pragma once
#include <cstdint>

namespace bucketlab {

// 64x64 -> 128 multiply, returning (hi, lo); portable (no __int128 in the API).
inline void mul64(std::uint64_t a, std::uint64_t b, std::uint64_t& hi, std::uint64_t& lo) {
#if defined(__SIZEOF_INT128__)
  unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  hi = static_cast<std::uint64_t>(p >> 64);
  lo = static_cast<std::uint64_t>(p);
#else
  std::uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
  std::uint64_t p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
  std::uint64_t mid = (p0 >> 32) + (p1 & 0xffffffffu) + (p2 & 0xffffffffu);
  lo = (p0 & 0xffffffffu) | (mid << 32);
  hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
#endif
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) : state_(seed) {}
  // wyrand, as Go 1.19's runtime.fastrand/fastrand64 on 64-bit platforms.
  std::uint64_t next64() {
    state_ += 0xa0761d6478bd642fULL;
    std::uint64_t hi, lo;
    mul64(state_, state_ ^ 0xe7037ed1a0b428dbULL, hi, lo);
    return hi ^ lo;
  }
  std::uint32_t next32() { return static_cast<std::uint32_t>(next64()); }
  // fastrandn: uniform in [0, n) by multiply-shift, as Go does.
  std::uint32_t next_n(std::uint32_t n) { return static_cast<std::uint32_t>((std::uint64_t(next32()) * n) >> 32); }
  std::uint64_t state() const { return state_; }

 private:
  std::uint64_t state_;
};

}  // namespace bucketlab
