// Models Go's type descriptor (runtime._type / internal/abi.Type, 64-bit):
// size, alignment, ptrdata and the pointer mask the GC uses to scan an
// object, plus the structure the map and language layers need.
//
// Layout rules follow the Go compiler (cmd/compile/internal/types/size.go):
// a struct's fields are placed at multiples of their alignment, the struct's
// alignment is its largest field alignment, its size is rounded up to that
// alignment, and a struct ending in a zero-size field gets one byte of
// padding so a pointer to that field cannot point past the object.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "core/common/types.h"

namespace bucketlab::runtime {

enum class Kind : std::uint8_t {
  Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
  Float32, Float64, String, UnsafePointer,
  Pointer, Slice, Array, Struct, Map,
};

const char* kind_name(Kind k);

struct Type;

struct StructField {
  std::string name;
  const Type* type = nullptr;
  std::uint64_t offset = 0;
};

struct Type {
  std::uint32_t id = 0;          // index in its TypeTable; recorded per heap object
  Kind kind = Kind::Int;
  std::string name;              // Go spelling, e.g. "map[string]*main.User"
  std::uint64_t size = 0;
  std::uint8_t align = 1;
  std::uint64_t ptrdata = 0;     // bytes of prefix that can contain pointers (0: noscan)
  std::vector<std::uint64_t> ptrmask;  // bit w set = word w (offset 8w) holds a pointer

  const Type* elem = nullptr;    // Pointer, Slice, Array, Map (elem)
  const Type* key = nullptr;     // Map
  std::uint64_t len = 0;         // Array
  std::vector<StructField> fields;  // Struct

  bool has_pointers() const { return ptrdata != 0; }
  bool is_pointer_word(std::uint64_t word) const {
    return word < ptrmask.size() * 64 && ((ptrmask[word / 64] >> (word % 64)) & 1);
  }
  // Values of this type are comparable with == (and so usable as map keys).
  bool comparable() const;
  // Memory equality is value equality (no strings, floats or padding inside):
  // Go hashes such keys with memhash over `size` bytes.
  bool is_plain_memory() const;
};

// Owns and interns every Type of one simulation. Builders compute Go's
// layout; the same structural type is returned for the same name.
class TypeTable {
 public:
  TypeTable();
  TypeTable(const TypeTable&) = delete;
  TypeTable& operator=(const TypeTable&) = delete;

  const Type* basic(Kind k);
  const Type* pointer_to(const Type* elem);
  const Type* slice_of(const Type* elem);
  const Type* array_of(const Type* elem, std::uint64_t len);
  const Type* map_of(const Type* key, const Type* elem);
  // A struct with Go's layout. `name` is the declared name ("main.User") or
  // empty for a struct literal type, whose name is then spelled out.
  const Type* struct_of(const std::string& name, const std::vector<std::pair<std::string, const Type*>>& fields);
  // Two-phase construction of a named struct that refers to itself through
  // pointers, slices or maps (type Node struct{ next *Node }):
  // declare_struct returns the (still empty) descriptor so that pointer_to,
  // slice_of and map_of can refer to it; define_struct then lays it out like
  // struct_of. Until defined it must not be used by value (array_of,
  // struct_of fields). declare_struct of a name already defined returns it.
  const Type* declare_struct(const std::string& name);
  void define_struct(const Type* declared, const std::vector<std::pair<std::string, const Type*>>& fields);
  // Raw runtime-internal types (e.g. a map bucket) built from explicit parts.
  const Type* internal(const std::string& name, std::uint64_t size, std::uint8_t align,
                       const std::vector<std::uint64_t>& pointer_offsets);

  const Type* by_id(std::uint32_t id) const { return types_.at(id); }
  std::size_t size() const { return types_.size(); }

 private:
  Type* add(Type t);
  std::deque<Type> storage_;     // stable addresses
  std::vector<const Type*> types_;
  std::map<std::string, const Type*> by_name_;
};

}  // namespace bucketlab::runtime
