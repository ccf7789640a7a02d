#include "core/maps/hash.h"

#include <cstring>
#include <vector>

#include "core/runtime/runtime.h"

namespace bucketlab::maps {

using runtime::GoVersion;
using runtime::Kind;

namespace {

// hash64.go (Go 1.19): fixed multipliers. Go 1.23 replaced m1..m4 by the
// random hashkey words, keeping m5.
constexpr std::uint64_t m1 = 0xa0761d6478bd642full, m2 = 0xe7037ed1a0b428dbull, m3 = 0x8ebc6af09c88c6e3ull,
                        m4 = 0x589965cc75374cc3ull, m5 = 0x1d8e4e27c47d124full;
// alg.go c0, c1 for 64-bit hashes.
constexpr std::uint64_t c0 = 33054211828000289ull, c1 = 23344194077549503ull;

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
#if defined(__wasm__)
  // wasm has no 64x64->128 multiply: __int128 becomes a call to compiler-rt's
  // general __multi3; four 32-bit partial products inline are cheaper.
  const std::uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
  const std::uint64_t p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
  const std::uint64_t mid = (p0 >> 32) + (p1 & 0xffffffffu) + (p2 & 0xffffffffu);
  const std::uint64_t lo = (p0 & 0xffffffffu) | (mid << 32);
  const std::uint64_t hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
#else
  std::uint64_t hi, lo;
  mul64(a, b, hi, lo);
#endif
  return hi ^ lo;
}
std::uint64_t r4(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
std::uint64_t r8(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// The three key words of the long-input loop and the final mix.
struct Keys {
  std::uint64_t seed_xor, k1, k2, k3;
};
Keys keys_for(const Hashkey& key, GoVersion v) {
  if (v.hash_keyed_constants()) return {key.k[0], key.k[1], key.k[2], key.k[3]};
  return {key.k[0] ^ m1, m2, m3, m4};
}

// cmd/compile/internal/types.AlgType, before reflectdata's size refinement.
enum class Alg { Mem, String, Float32, Float64, Special, NoEq };

Alg alg_type(const Type* t) {
  switch (t->kind) {
    case Kind::Float32: return Alg::Float32;
    case Kind::Float64: return Alg::Float64;
    case Kind::String: return Alg::String;
    case Kind::Slice:
    case Kind::Map: return Alg::NoEq;
    case Kind::Array: {
      const Alg a = alg_type(t->elem);
      if (a == Alg::Mem || a == Alg::NoEq) return a;
      if (t->len == 0) return Alg::Mem;
      if (t->len == 1) return a;
      return Alg::Special;
    }
    case Kind::Struct: {
      const auto& f = t->fields;
      if (f.size() == 1 && f[0].name != "_") return alg_type(f[0].type);  // one field = that field
      Alg ret = Alg::Mem;
      for (std::size_t i = 0; i < f.size(); ++i) {
        const Alg a = alg_type(f[i].type);
        if (a == Alg::NoEq) return a;
        const std::uint64_t end = i + 1 < f.size() ? f[i + 1].offset : t->size;
        const bool padded = f[i].offset + f[i].type->size != end;
        if (a != Alg::Mem || f[i].name == "_" || padded) ret = Alg::Special;
      }
      return ret;
    }
    default: return Alg::Mem;  // integers, bool, pointers, uintptr, unsafe.Pointer
  }
}

}  // namespace

Hashkey Hashkey::from_rng(Rng& r, GoVersion v) {
  Hashkey h;
  for (auto& x : h.k) x = v.hash_keyed_constants() ? r.next64() : (r.next64() | 1);
  return h;
}

std::uint64_t memhash(const Hashkey& key, GoVersion v, const std::uint8_t* p, std::uint64_t seed, std::uint64_t s) {
  const Keys k = keys_for(key, v);
  std::uint64_t a = 0, b = 0;
  seed ^= k.seed_xor;
  if (s == 0) return seed;
  if (s < 4) {
    a = p[0];
    a |= std::uint64_t{p[s >> 1]} << 8;
    a |= std::uint64_t{p[s - 1]} << 16;
  } else if (s == 4) {
    a = b = r4(p);
  } else if (s < 8) {
    a = r4(p);
    b = r4(p + s - 4);
  } else if (s == 8) {
    a = b = r8(p);
  } else if (s <= 16) {
    a = r8(p);
    b = r8(p + s - 8);
  } else {
    std::uint64_t l = s;
    if (l > 48) {
      std::uint64_t seed1 = seed, seed2 = seed;
      for (; l > 48; l -= 48) {
        seed = mix(r8(p) ^ k.k1, r8(p + 8) ^ seed);
        seed1 = mix(r8(p + 16) ^ k.k2, r8(p + 24) ^ seed1);
        seed2 = mix(r8(p + 32) ^ k.k3, r8(p + 40) ^ seed2);
        p += 48;
      }
      seed ^= seed1 ^ seed2;
    }
    for (; l > 16; l -= 16) {
      seed = mix(r8(p) ^ k.k1, r8(p + 8) ^ seed);
      p += 16;
    }
    a = r8(p + l - 16);
    b = r8(p + l - 8);
  }
  return mix(m5 ^ s, mix(a ^ k.k1, b ^ seed));
}

std::uint64_t memhash32(const Hashkey& key, GoVersion v, const std::uint8_t* p, std::uint64_t seed) {
  const Keys k = keys_for(key, v);
  const std::uint64_t a = r4(p);
  return mix(m5 ^ 4, mix(a ^ k.k1, a ^ seed ^ k.seed_xor));
}

std::uint64_t memhash64(const Hashkey& key, GoVersion v, const std::uint8_t* p, std::uint64_t seed) {
  const Keys k = keys_for(key, v);
  const std::uint64_t a = r8(p);
  return mix(m5 ^ 8, mix(a ^ k.k1, a ^ seed ^ k.seed_xor));
}

std::uint64_t f64hash(const Hashkey& key, GoVersion v, const std::uint8_t* p, std::uint64_t seed, Rng& nan_rng) {
  double f;
  std::memcpy(&f, p, 8);
  if (f == 0) return c1 * (c0 ^ seed);                       // +0, -0
  if (f != f) return c1 * (c0 ^ seed ^ nan_rng.next32());    // any NaN: random
  return memhash(key, v, p, seed, 8);
}

std::uint64_t f32hash(const Hashkey& key, GoVersion v, const std::uint8_t* p, std::uint64_t seed, Rng& nan_rng) {
  float f;
  std::memcpy(&f, p, 4);
  if (f == 0) return c1 * (c0 ^ seed);
  if (f != f) return c1 * (c0 ^ seed ^ nan_rng.next32());
  return memhash(key, v, p, seed, 4);
}

GoKeyAlg::GoKeyAlg(runtime::Runtime& rt, Hashkey key) : KeyAlg(rt), key_(key), v_(rt.version()), rng_(&rt.rng()) {}

std::uint64_t GoKeyAlg::hash(const Type* t, const std::uint8_t* bytes, std::uint64_t seed) const {
  // The common key (one 8-byte integer or pointer) hashed here, without
  // entering typehash's recursive frame: the same memhash64 as typehash's.
  if (t->size == 8 && (t->kind <= Kind::Uintptr || t->kind == Kind::Pointer || t->kind == Kind::UnsafePointer))
    return memhash64(key_, v_, bytes, seed);
  return typehash(t, bytes, seed);
}

std::uint64_t GoKeyAlg::typehash(const Type* t, const std::uint8_t* p, std::uint64_t h) const {
  // The common key: one 8-byte integer or pointer (memhash64), without alg_type's walk.
  if (t->size == 8 && (t->kind <= Kind::Uintptr || t->kind == Kind::Pointer || t->kind == Kind::UnsafePointer))
    return memhash64(key_, v_, p, h);
  switch (alg_type(t)) {
    case Alg::Mem:
      // reflectdata.AlgType: sizes 0/1/2/4/8/16 have their own functions;
      // memhash32/64 equal memhash of 4/8 bytes, memhash0 returns the seed.
      switch (t->size) {
        case 0: return h;  // memhash0
        case 4: return memhash32(key_, v_, p, h);
        case 8: return memhash64(key_, v_, p, h);
        default: return memhash(key_, v_, p, h, t->size);
      }
    case Alg::String: {
      // strhash: memhash over the string's bytes.
      // the bytes copied out of simulated memory; short keys need no host allocation
      Addr data;
      std::uint64_t len;
      std::memcpy(&data, p, 8);
      std::memcpy(&len, p + 8, 8);
      std::uint8_t small[64];
      std::vector<std::uint8_t> big;
      std::uint8_t* buf = small;
      if (len > sizeof small) {
        big.resize(len);
        buf = big.data();
      }
      if (len) rt_.read_bytes(data, buf, len);
      return memhash(key_, v_, buf, h, len);
    }
    case Alg::Float32: return f32hash(key_, v_, p, h, *rng_);
    case Alg::Float64: return f64hash(key_, v_, p, h, *rng_);
    case Alg::NoEq: throw ModelError("hash of non-comparable type " + t->name);
    case Alg::Special: break;
  }
  if (t->kind == Kind::Array) {
    for (std::uint64_t i = 0; i < t->len; ++i) h = typehash(t->elem, p + i * t->elem->size, h);
    return h;
  }
  // Struct: blank fields skipped; maximal runs of plain-memory fields, a run
  // ending after a padded field or before a blank or non-memory field.
  const auto& f = t->fields;
  for (std::size_t i = 0; i < f.size();) {
    if (f[i].name == "_") {
      ++i;
      continue;
    }
    if (alg_type(f[i].type) != Alg::Mem) {
      h = typehash(f[i].type, p + f[i].offset, h);
      ++i;
      continue;
    }
    std::size_t next = i;
    for (;;) {
      ++next;
      if (next == f.size()) break;
      const std::uint64_t end = f[next].offset;
      if (f[next - 1].offset + f[next - 1].type->size != end) break;  // padded field ends the run
      if (f[next].name == "_" || alg_type(f[next].type) != Alg::Mem) break;
    }
    const std::uint64_t size = f[next - 1].offset + f[next - 1].type->size - f[i].offset;
    h = memhash(key_, v_, p + f[i].offset, h, size);
    i = next;
  }
  return h;
}

std::unique_ptr<KeyAlg> make_go_key_alg(runtime::Runtime& rt, Hashkey key) {
  return std::make_unique<GoKeyAlg>(rt, key);
}

}  // namespace bucketlab::maps
