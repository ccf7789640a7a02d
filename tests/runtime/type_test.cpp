// Go's struct layout rules (cmd/compile/internal/types/size.go) and the
// pointer masks the GC scans with.
#include <catch2/catch.hpp>

#include "core/runtime/type.h"

using namespace bucketlab::runtime;

TEST_CASE("basic types have Go's 64-bit sizes and pointer words", "[runtime][type]") {
  TypeTable tt;
  CHECK(tt.basic(Kind::Int)->size == 8);
  CHECK(tt.basic(Kind::Int32)->size == 4);
  CHECK(tt.basic(Kind::Bool)->size == 1);
  CHECK(tt.basic(Kind::String)->size == 16);
  CHECK(tt.basic(Kind::String)->ptrdata == 8);  // data pointer, then len
  CHECK(tt.slice_of(tt.basic(Kind::Int))->size == 24);
  CHECK(tt.slice_of(tt.basic(Kind::Int))->ptrdata == 8);
  CHECK_FALSE(tt.basic(Kind::Float64)->has_pointers());
}

TEST_CASE("struct fields are aligned and the struct is padded to its alignment", "[runtime][type]") {
  TypeTable tt;
  // struct{ a int8; b int64; c int16 } : a@0, b@8, c@16, size 24
  auto* s = tt.struct_of("", {{"a", tt.basic(Kind::Int8)}, {"b", tt.basic(Kind::Int64)}, {"c", tt.basic(Kind::Int16)}});
  REQUIRE(s->fields.size() == 3);
  CHECK(s->fields[1].offset == 8);
  CHECK(s->fields[2].offset == 16);
  CHECK(s->size == 24);
  CHECK(s->align == 8);
  CHECK_FALSE(s->has_pointers());
  CHECK_FALSE(s->is_plain_memory());  // padding after a and c
}

TEST_CASE("a struct ending in a zero-size field gets one byte of padding", "[runtime][type]") {
  TypeTable tt;
  auto* empty = tt.struct_of("", {});
  CHECK(empty->size == 0);
  auto* s = tt.struct_of("", {{"x", tt.basic(Kind::Int64)}, {"z", empty}});
  CHECK(s->size == 16);  // 8 + 1 padding byte, rounded to 8
}

TEST_CASE("pointer mask marks exactly the pointer words, ptrdata ends at the last one", "[runtime][type]") {
  TypeTable tt;
  // type User struct { ID int64; Name string; Tags []string; Score float64; Next *User-like pointer }
  auto* user = tt.struct_of("main.User", {{"ID", tt.basic(Kind::Int64)},
                                           {"Name", tt.basic(Kind::String)},
                                           {"Tags", tt.slice_of(tt.basic(Kind::String))},
                                           {"Score", tt.basic(Kind::Float64)}});
  CHECK(user->size == 8 + 16 + 24 + 8);
  CHECK_FALSE(user->is_pointer_word(0));
  CHECK(user->is_pointer_word(1));   // Name.data
  CHECK_FALSE(user->is_pointer_word(2));
  CHECK(user->is_pointer_word(3));   // Tags.data
  CHECK(user->ptrdata == 32);
  auto* arr = tt.array_of(user, 3);
  CHECK(arr->size == 3 * 56);
  CHECK(arr->is_pointer_word(7 + 1));
  CHECK(arr->ptrdata == 2 * 56 + 32);
}
