#include "core/maps/swiss_map_type.h"

#include "core/common/check.h"
#include "core/maps/alg.h"
#include "core/maps/swiss_group.h"

namespace bucketlab::maps::swiss {

using runtime::Kind;

const char* assign_fn_name(AssignFn f) {
  switch (f) {
    case AssignFn::Generic: return "mapassign";
    case AssignFn::Fast32: return "mapassign_fast32";
    case AssignFn::Fast64: return "mapassign_fast64";
    case AssignFn::Fast32Ptr: return "mapassign_fast32ptr";
    case AssignFn::Fast64Ptr: return "mapassign_fast64ptr";
    case AssignFn::FastStr: return "mapassign_faststr";
  }
  return "?";
}

namespace {

// types.AlgType == ASTRING: a string, or a struct of one non-blank field /
// an array of one element whose alg is ASTRING (cmd/compile/internal/types/alg.go).
bool string_alg(const Type* t) {
  switch (t->kind) {
    case Kind::String: return true;
    case Kind::Struct: return t->fields.size() == 1 && t->fields[0].name != "_" && string_alg(t->fields[0].type);
    case Kind::Array: return t->len == 1 && string_alg(t->elem);
    default: return false;
  }
}

// walk.go mapfast. AMEM32/AMEM64 are plain-memory keys of 4/8 bytes
// (reflectdata.AlgType refines AMEM by size).
AssignFn mapfast(const Type* key, const Type* elem) {
  if (elem->size > kMaxElemBytes) return AssignFn::Generic;
  if (key->is_plain_memory() && key->size == 4) return key->has_pointers() ? AssignFn::Fast32Ptr : AssignFn::Fast32;
  if (key->is_plain_memory() && key->size == 8) return key->has_pointers() ? AssignFn::Fast64Ptr : AssignFn::Fast64;
  if (string_alg(key)) return AssignFn::FastStr;
  return AssignFn::Generic;
}

}  // namespace

MapType make_map_type(runtime::TypeTable& types, const Type* map_type, runtime::GoVersion v) {
  BUCKETLAB_ASSERT(map_type->kind == Kind::Map, "make_map_type needs a map type");
  MapType t;
  t.map = map_type;
  t.key = map_type->key;
  t.elem = map_type->elem;
  // reflectdata.MapGroupType: keys/elems over 128 bytes are stored as pointers.
  const Type* keytype = t.key;
  const Type* elemtype = t.elem;
  t.indirect_key = keytype->size > kMaxKeyBytes;
  t.indirect_elem = elemtype->size > kMaxElemBytes;
  if (t.indirect_key) keytype = types.pointer_to(keytype);
  if (t.indirect_elem) elemtype = types.pointer_to(elemtype);
  t.slot = types.struct_of("", {{"key", keytype}, {"elem", elemtype}});
  t.group = types.struct_of("map.group[" + t.key->name + "]" + t.elem->name,
                            {{"ctrl", types.basic(Kind::Uint64)}, {"slots", types.array_of(t.slot, kGroupSlots)}});
  BUCKETLAB_ASSERT(t.group->size > 8, "a group reserves space after its control word");
  BUCKETLAB_ASSERT(t.group->fields[1].offset == kGroupSlotsOffset, "slots follow the control word");
  t.group_size = t.group->size;
  t.slot_size = t.slot->size;
  t.elem_off = t.slot->fields[1].offset;
  t.reflexive_key = KeyAlg::reflexive(t.key);
  t.need_key_update = KeyAlg::needs_key_update(t.key);
  t.assign_fn = mapfast(t.key, t.elem);
  t.prunes_tombstones = v.swiss_tombstone_pruning() && (t.assign_fn == AssignFn::Fast32 ||
                                                        t.assign_fn == AssignFn::Fast64 ||
                                                        t.assign_fn == AssignFn::FastStr);
  t.map_header = types.internal("internal/runtime/maps.Map", map_layout::kSize, 8, {map_layout::kDirPtr});
  t.table = types.internal("internal/runtime/maps.table", table_layout::kSize, 8, {table_layout::kGroupsData});
  t.table_ptr = types.pointer_to(t.table);
  return t;
}

Roles Roles::register_in(runtime::Runtime& rt) {
  Roles r;
  r.map = rt.register_alloc_role("map header (maps.Map)");
  r.directory = rt.register_alloc_role("map directory ([]*table)");
  r.table = rt.register_alloc_role("map table (maps.table)");
  r.groups = rt.register_alloc_role("map group array");
  r.small_group = rt.register_alloc_role("map small group");
  r.key = rt.register_alloc_role("map key (indirect)");
  r.elem = rt.register_alloc_role("map elem (indirect)");
  return r;
}

}  // namespace bucketlab::maps::swiss
