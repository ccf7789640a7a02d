#include "core/maps/alg.h"

#include <algorithm>
#include <cstring>

namespace bucketlab::maps {

using runtime::Kind;

namespace {
std::uint64_t load64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
}  // namespace

std::vector<std::uint8_t> KeyAlg::string_bytes(const std::uint8_t* hdr) const {
  const Addr data = load64(hdr);
  const std::uint64_t len = load64(hdr + 8);
  std::vector<std::uint8_t> out(len);
  if (len) rt_.read_bytes(data, out.data(), len);
  return out;
}

bool KeyAlg::equal_host_host(const Type* t, const std::uint8_t* a, const std::uint8_t* b) const {
  switch (t->kind) {
    case Kind::Float32: {
      float x, y;
      std::memcpy(&x, a, 4);
      std::memcpy(&y, b, 4);
      return x == y;
    }
    case Kind::Float64: {
      double x, y;
      std::memcpy(&x, a, 8);
      std::memcpy(&y, b, 8);
      return x == y;
    }
    case Kind::String: {
      // strequal: equal lengths, then the same data pointer or equal bytes.
      if (load64(a + 8) != load64(b + 8)) return false;
      if (load64(a) == load64(b)) return true;
      // compare the bytes in pieces: no host allocation per comparison
      const std::uint64_t len = load64(a + 8);
      Addr pa = load64(a), pb = load64(b);
      std::uint8_t x[64], y[64];
      for (std::uint64_t done = 0; done < len;) {
        const std::uint64_t k = std::min<std::uint64_t>(len - done, sizeof x);
        rt_.read_bytes(pa + done, x, k);
        rt_.read_bytes(pb + done, y, k);
        if (std::memcmp(x, y, k) != 0) return false;
        done += k;
      }
      return true;
    }
    case Kind::Array:
      for (std::uint64_t i = 0; i < t->len; ++i)
        if (!equal_host_host(t->elem, a + i * t->elem->size, b + i * t->elem->size)) return false;
      return true;
    case Kind::Struct:
      for (const auto& f : t->fields) {
        if (f.name == "_") continue;  // blank fields are not compared
        if (!equal_host_host(f.type, a + f.offset, b + f.offset)) return false;
      }
      return true;
    case Kind::Slice:
    case Kind::Map: throw ModelError("map key type is not comparable: " + t->name);
    default: return std::memcmp(a, b, t->size) == 0;  // memequal
  }
}

bool KeyAlg::equal_host_sim(const Type* t, const std::uint8_t* a, Addr b) const {
  std::uint8_t small[64];
  std::vector<std::uint8_t> big;
  std::uint8_t* buf = small;
  if (t->size > sizeof small) {
    big.resize(t->size);
    buf = big.data();
  }
  read(t, b, buf);
  return equal_host_host(t, a, buf);
}

bool KeyAlg::reflexive(const Type* t) {
  switch (t->kind) {
    case Kind::Float32:
    case Kind::Float64: return false;
    case Kind::Array: return reflexive(t->elem);
    case Kind::Struct:
      for (const auto& f : t->fields)
        if (!reflexive(f.type)) return false;
      return true;
    default: return true;
  }
}

bool KeyAlg::needs_key_update(const Type* t) {
  // reflect.needKeyUpdate: floats (+0 vs -0) and strings (new data pointer).
  switch (t->kind) {
    case Kind::Float32:
    case Kind::Float64:
    case Kind::String: return true;
    case Kind::Array: return needs_key_update(t->elem);
    case Kind::Struct:
      for (const auto& f : t->fields)
        if (needs_key_update(f.type)) return true;
      return false;
    default: return false;
  }
}

}  // namespace bucketlab::maps
