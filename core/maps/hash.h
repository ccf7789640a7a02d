// Go's portable hash functions (runtime/hash64.go, alg.go): the memhash
// family used when AES hashing is unavailable or disabled
// (GODEBUG=cpu.aes=off, and always on wasm), keyed by runtime.hashkey and a
// per-map seed, and the key-type hashers the compiler generates for map
// keys (cmd/compile/internal/reflectdata/alg.go genhash). With the seeds of
// a real process the results are bit-identical to that process's.
#pragma once
#include <cstdint>
#include <memory>

#include "core/common/rng.h"
#include "core/maps/alg.h"
#include "core/runtime/go_version.h"

namespace bucketlab::maps {

// runtime.hashkey. Go 1.19 forces each word odd (alginit: hashkey[i] |= 1);
// Go >= 1.23 uses the random words as they are.
struct Hashkey {
  std::uint64_t k[4] = {0, 0, 0, 0};
  static Hashkey from_rng(Rng& r, runtime::GoVersion v);
};

// memhashFallback / memhash32Fallback / memhash64Fallback / strhashFallback.
std::uint64_t memhash(const Hashkey& key, runtime::GoVersion v, const std::uint8_t* p, std::uint64_t seed,
                      std::uint64_t size);
std::uint64_t memhash32(const Hashkey& key, runtime::GoVersion v, const std::uint8_t* p, std::uint64_t seed);
std::uint64_t memhash64(const Hashkey& key, runtime::GoVersion v, const std::uint8_t* p, std::uint64_t seed);
// f64hash/f32hash: ±0 share c1·(c0 ^ seed); NaN mixes in a random word
// (Go's fastrand; here the caller's seeded source); others memhash.
std::uint64_t f64hash(const Hashkey& key, runtime::GoVersion v, const std::uint8_t* p, std::uint64_t seed, Rng& nan_rng);
std::uint64_t f32hash(const Hashkey& key, runtime::GoVersion v, const std::uint8_t* p, std::uint64_t seed, Rng& nan_rng);

// The map hasher of each key type: memhash0/8/16/32/64/128 and
// memhash_varlen for plain memory, strhash, f32hash/f64hash, and for other
// arrays and structs the generated function (element by element; struct
// fields in maximal runs of plain memory, blank fields skipped).
class GoKeyAlg final : public KeyAlg {
 public:
  GoKeyAlg(runtime::Runtime& rt, Hashkey key);
  std::uint64_t hash(const Type* t, const std::uint8_t* bytes, std::uint64_t seed) const override;
  const Hashkey& hashkey() const { return key_; }

 private:
  std::uint64_t typehash(const Type* t, const std::uint8_t* p, std::uint64_t h) const;
  Hashkey key_;
  runtime::GoVersion v_;
  Rng* rng_;
};

std::unique_ptr<KeyAlg> make_go_key_alg(runtime::Runtime& rt, Hashkey key);

}  // namespace bucketlab::maps
