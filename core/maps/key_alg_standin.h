// STAND-IN until core/maps/hash.h (Go's portable memhash/strhash, written on
// the `hash` branch) is merged: a deterministic hash of a key's *value*
// (string contents, +0 == -0) so maps work, but NOT Go's hash, so bucket
// placement differs from a real process. Delete at merge.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>

#include "core/common/rng.h"
#include "core/maps/alg.h"

namespace bucketlab::maps {

struct Hashkey {
  std::uint64_t k[4] = {0, 0, 0, 0};
  static Hashkey from_rng(Rng& r) {
    Hashkey h;
    for (auto& x : h.k) x = r.next64() | 1;  // alg.go: hashkey[i] |= 1
    return h;
  }
};

class StandinKeyAlg final : public KeyAlg {
 public:
  StandinKeyAlg(const runtime::Runtime& rt, Hashkey key) : KeyAlg(rt), key_(key) {}
  std::uint64_t hash(const Type* t, const std::uint8_t* p, std::uint64_t seed) const override {
    std::uint64_t h = seed ^ key_.k[0];
    mix(t, p, h);
    return fin(h);
  }

 private:
  static std::uint64_t fin(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    return x ^ (x >> 33);
  }
  void mix(const Type* t, const std::uint8_t* p, std::uint64_t& h) const {
    using runtime::Kind;
    switch (t->kind) {
      case Kind::String:
        for (std::uint8_t c : string_bytes(p)) h = fin(h ^ c);
        h = fin(h ^ 0x5f);
        return;
      case Kind::Float64: {
        double d;
        std::memcpy(&d, p, 8);
        if (d == 0) d = 0;  // +0 and -0 hash alike
        std::uint64_t v;
        std::memcpy(&v, &d, 8);
        h = fin(h ^ v);
        return;
      }
      case Kind::Array:
        for (std::uint64_t i = 0; i < t->len; ++i) mix(t->elem, p + i * t->elem->size, h);
        return;
      case Kind::Struct:
        for (const auto& f : t->fields)
          if (f.name != "_") mix(f.type, p + f.offset, h);
        return;
      default:
        for (std::uint64_t i = 0; i < t->size; ++i) h = fin(h ^ p[i]);
        return;
    }
  }
  Hashkey key_;
};

inline std::unique_ptr<KeyAlg> make_go_key_alg(const runtime::Runtime& rt, Hashkey key) {
  return std::make_unique<StandinKeyAlg>(rt, key);
}

}  // namespace bucketlab::maps
