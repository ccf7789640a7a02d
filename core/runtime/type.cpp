#include "core/runtime/type.h"

#include <stdexcept>

namespace bucketlab::runtime {

namespace {

struct BasicInfo {
  Kind kind;
  const char* name;
  std::uint64_t size;
  std::uint8_t align;
  bool pointer;  // the value itself is (or starts with) a pointer word
};

constexpr BasicInfo kBasics[] = {
    {Kind::Bool, "bool", 1, 1, false},        {Kind::Int, "int", 8, 8, false},
    {Kind::Int8, "int8", 1, 1, false},        {Kind::Int16, "int16", 2, 2, false},
    {Kind::Int32, "int32", 4, 4, false},      {Kind::Int64, "int64", 8, 8, false},
    {Kind::Uint, "uint", 8, 8, false},        {Kind::Uint8, "uint8", 1, 1, false},
    {Kind::Uint16, "uint16", 2, 2, false},    {Kind::Uint32, "uint32", 4, 4, false},
    {Kind::Uint64, "uint64", 8, 8, false},    {Kind::Uintptr, "uintptr", 8, 8, false},
    {Kind::Float32, "float32", 4, 4, false},  {Kind::Float64, "float64", 8, 8, false},
    {Kind::String, "string", 16, 8, true},    {Kind::UnsafePointer, "unsafe.Pointer", 8, 8, true},
};

void set_bit(std::vector<std::uint64_t>& mask, std::uint64_t word) {
  if (mask.size() <= word / 64) mask.resize(word / 64 + 1, 0);
  mask[word / 64] |= std::uint64_t{1} << (word % 64);
}

// Copies `src`'s pointer words into `dst` at byte offset `off` (8-aligned
// whenever src has pointers, since pointers are 8-aligned).
void merge_mask(std::vector<std::uint64_t>& dst, const Type* src, std::uint64_t off) {
  for (std::uint64_t w = 0; w * 8 < src->ptrdata; ++w)
    if (src->is_pointer_word(w)) set_bit(dst, off / 8 + w);
}

std::uint64_t last_pointer_end(const std::vector<std::uint64_t>& mask) {
  for (std::size_t i = mask.size(); i-- > 0;)
    if (mask[i]) return (i * 64 + 63 - static_cast<std::uint64_t>(__builtin_clzll(mask[i])) + 1) * 8;
  return 0;
}

}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Pointer: return "ptr";
    case Kind::Slice: return "slice";
    case Kind::Array: return "array";
    case Kind::Struct: return "struct";
    case Kind::Map: return "map";
    default:
      for (const auto& b : kBasics)
        if (b.kind == k) return b.name;
  }
  return "?";
}

bool Type::comparable() const {
  switch (kind) {
    case Kind::Slice:
    case Kind::Map: return false;
    case Kind::Array: return elem->comparable();
    case Kind::Struct:
      for (const auto& f : fields)
        if (!f.type->comparable()) return false;
      return true;
    default: return true;
  }
}

bool Type::is_plain_memory() const {
  switch (kind) {
    case Kind::Float32:
    case Kind::Float64:
    case Kind::String:
    case Kind::Slice:
    case Kind::Map: return false;
    case Kind::Array: return elem->is_plain_memory();
    case Kind::Struct: {
      std::uint64_t end = 0;
      for (const auto& f : fields) {
        if (f.offset != end || !f.type->is_plain_memory() || f.name == "_") return false;
        end = f.offset + f.type->size;
      }
      return end == size;  // trailing padding would make memory equality wrong
    }
    default: return true;
  }
}

TypeTable::TypeTable() {
  for (const auto& b : kBasics) {
    Type t;
    t.kind = b.kind;
    t.name = b.name;
    t.size = b.size;
    t.align = b.align;
    if (b.pointer) {
      t.ptrdata = 8;
      set_bit(t.ptrmask, 0);
    }
    add(std::move(t));
  }
  by_name_["byte"] = by_name_.at("uint8");
}

Type* TypeTable::add(Type t) {
  t.id = static_cast<std::uint32_t>(types_.size());
  storage_.push_back(std::move(t));
  Type* p = &storage_.back();
  types_.push_back(p);
  by_name_.emplace(p->name, p);
  return p;
}

const Type* TypeTable::basic(Kind k) {
  for (const auto& b : kBasics)
    if (b.kind == k) return by_name_.at(b.name);
  throw std::invalid_argument(std::string("not a basic kind: ") + kind_name(k));
}

const Type* TypeTable::pointer_to(const Type* elem) {
  std::string name = "*" + elem->name;
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  Type t;
  t.kind = Kind::Pointer;
  t.name = name;
  t.size = 8;
  t.align = 8;
  t.ptrdata = 8;
  set_bit(t.ptrmask, 0);
  t.elem = elem;
  return add(std::move(t));
}

const Type* TypeTable::slice_of(const Type* elem) {
  std::string name = "[]" + elem->name;
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  Type t;  // {data *T, len int, cap int}
  t.kind = Kind::Slice;
  t.name = name;
  t.size = 24;
  t.align = 8;
  t.ptrdata = 8;
  set_bit(t.ptrmask, 0);
  t.elem = elem;
  return add(std::move(t));
}

const Type* TypeTable::array_of(const Type* elem, std::uint64_t len) {
  std::string name = "[" + std::to_string(len) + "]" + elem->name;
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  Type t;
  t.kind = Kind::Array;
  t.name = name;
  t.size = elem->size * len;
  t.align = elem->align;
  t.elem = elem;
  t.len = len;
  if (elem->has_pointers() && len > 0) {
    for (std::uint64_t i = 0; i < len; ++i) merge_mask(t.ptrmask, elem, i * elem->size);
    t.ptrdata = (len - 1) * elem->size + elem->ptrdata;
  }
  return add(std::move(t));
}

const Type* TypeTable::map_of(const Type* key, const Type* elem) {
  std::string name = "map[" + key->name + "]" + elem->name;
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  Type t;  // a map value is a pointer to the runtime's map header
  t.kind = Kind::Map;
  t.name = name;
  t.size = 8;
  t.align = 8;
  t.ptrdata = 8;
  set_bit(t.ptrmask, 0);
  t.key = key;
  t.elem = elem;
  return add(std::move(t));
}

namespace {

// Lays out a struct as cmd/compile/internal/types/size.go does.
void layout_struct(Type& t, const std::vector<std::pair<std::string, const Type*>>& fields) {
  t.fields.clear();
  t.ptrmask.clear();
  std::uint64_t off = 0;
  std::uint8_t align = 1;
  for (const auto& [fname, ftype] : fields) {
    off = align_up(off, ftype->align);
    t.fields.push_back({fname, ftype, off});
    merge_mask(t.ptrmask, ftype, off);
    off += ftype->size;
    if (ftype->align > align) align = ftype->align;
  }
  // A trailing zero-size field gets a byte of padding (cmd/compile types/size.go).
  if (!fields.empty() && fields.back().second->size == 0 && off > 0) off++;
  t.align = align;
  t.size = align_up(off, align);
  t.ptrdata = last_pointer_end(t.ptrmask);
}

}  // namespace

const Type* TypeTable::struct_of(const std::string& declared,
                                 const std::vector<std::pair<std::string, const Type*>>& fields) {
  std::string name = declared;
  if (name.empty()) {
    name = "struct {";
    for (std::size_t i = 0; i < fields.size(); ++i)
      name += (i ? "; " : " ") + fields[i].first + " " + fields[i].second->name;
    name += fields.empty() ? "}" : " }";
  }
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  Type t;
  t.kind = Kind::Struct;
  t.name = name;
  layout_struct(t, fields);
  return add(std::move(t));
}

const Type* TypeTable::declare_struct(const std::string& name) {
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  Type t;
  t.kind = Kind::Struct;
  t.name = name;
  return add(std::move(t));
}

void TypeTable::define_struct(const Type* declared, const std::vector<std::pair<std::string, const Type*>>& fields) {
  if (declared->id >= types_.size() || types_[declared->id] != declared || declared->kind != Kind::Struct)
    throw std::invalid_argument("define_struct: not a struct of this table: " + declared->name);
  layout_struct(*const_cast<Type*>(declared), fields);
}

const Type* TypeTable::internal(const std::string& name, std::uint64_t size, std::uint8_t align,
                                const std::vector<std::uint64_t>& pointer_offsets) {
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  Type t;
  t.kind = Kind::Struct;
  t.name = name;
  t.size = size;
  t.align = align;
  for (auto off : pointer_offsets) set_bit(t.ptrmask, off / 8);
  t.ptrdata = last_pointer_end(t.ptrmask);
  return add(std::move(t));
}

}  // namespace bucketlab::runtime
