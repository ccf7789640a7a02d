// runtime/alg.go for map keys: how two keys compare (the type's equal
// function) and the hook through which a map hashes a key (the type's
// hasher). Keys arrive as host bytes laid out as the key type (a string
// key is its {data, len} header; its bytes are in simulated memory) or as
// simulated addresses of keys stored in buckets.
#pragma once
#include <cstdint>
#include <vector>

#include "core/common/types.h"
#include "core/runtime/runtime.h"
#include "core/runtime/type.h"

namespace bucketlab::maps {

using runtime::Type;

class KeyAlg {
 public:
  explicit KeyAlg(const runtime::Runtime& rt) : rt_(rt) {}
  virtual ~KeyAlg() = default;

  // t.hasher(key, seed): the key type's hash of the key's value.
  virtual std::uint64_t hash(const Type* key, const std::uint8_t* bytes, std::uint64_t seed) const = 0;

  // t.key.equal: memequal for plain memory, f64equal (+0 == -0, NaN != NaN),
  // strequal (length, then bytes), arrays and structs element by element.
  bool equal_host_host(const Type* t, const std::uint8_t* a, const std::uint8_t* b) const;
  bool equal_host_sim(const Type* t, const std::uint8_t* a, Addr b) const;
  // Copies the t->size bytes of a value stored at simulated address a.
  void read(const Type* t, Addr a, std::uint8_t* out) const { rt_.read_bytes(a, out, t->size); }
  // The bytes of a string whose header is at host address hdr.
  std::vector<std::uint8_t> string_bytes(const std::uint8_t* hdr) const;

  // Key-type properties the map code needs (maptype flags).
  static bool reflexive(const Type* t);       // k == k always (no floats inside)
  static bool needs_key_update(const Type* t);  // equal keys may differ in bytes (floats, strings)

 protected:
  const runtime::Runtime& rt_;
};

}  // namespace bucketlab::maps
