// The Maps façade (map_api.h): one object per simulation that owns the
// map types, the key algorithms and the registry of maps in creation order,
// and dispatches each Go map operation to the implementation the Go
// version selects.
#include <algorithm>
#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <map>
#include <unordered_map>

#include "core/maps/classic_map.h"
#include "core/maps/hash.h"
#include "core/maps/map_api.h"
#include "core/maps/swiss_map.h"
#include "core/runtime/panic.h"

namespace bucketlab::maps {

using classic::ClassicMap;
using classic::Hiter;
using classic::MapType;
using runtime::Kind;

namespace {

std::string format_value(const runtime::Runtime& rt, const KeyAlg& alg, const Type* t, const std::uint8_t* p, int depth = 0);

std::string format_value(const runtime::Runtime& rt, const KeyAlg& alg, const Type* t, const std::uint8_t* p, int depth) {
  char buf[64];
  auto u64 = [&](int n) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, static_cast<std::size_t>(n));
    return v;
  };
  auto s64 = [&](int n) {
    std::uint64_t v = u64(n);
    const int shift = 64 - 8 * n;
    return static_cast<std::int64_t>(v << shift) >> shift;
  };
  switch (t->kind) {
    case Kind::Bool: return p[0] ? "true" : "false";
    // to_chars, not snprintf: inspection formats every key and elem of the map
    case Kind::Int8: case Kind::Int16: case Kind::Int32: case Kind::Int64: case Kind::Int:
      return std::string(buf, std::to_chars(buf, buf + sizeof buf, s64(static_cast<int>(t->size))).ptr);
    case Kind::Uint8: case Kind::Uint16: case Kind::Uint32: case Kind::Uint64: case Kind::Uint: case Kind::Uintptr:
      return std::string(buf, std::to_chars(buf, buf + sizeof buf, u64(static_cast<int>(t->size))).ptr);
    case Kind::Float32: {
      float f;
      std::memcpy(&f, p, 4);
      std::snprintf(buf, sizeof buf, "%g", static_cast<double>(f));
      return buf;
    }
    case Kind::Float64: {
      double f;
      std::memcpy(&f, p, 8);
      std::snprintf(buf, sizeof buf, "%g", f);
      return buf;
    }
    case Kind::String: {
      auto bytes = alg.string_bytes(p);
      std::string s = "\"";
      const std::size_t n = std::min<std::size_t>(bytes.size(), 40);
      for (std::size_t i = 0; i < n; ++i) {
        const char c = static_cast<char>(bytes[i]);
        if (c == '"' || c == '\\') s += '\\';
        s += (bytes[i] < 0x20 || bytes[i] >= 0x7f) ? '.' : c;
      }
      if (bytes.size() > n) s += "...";
      return s + "\"";
    }
    case Kind::Pointer: case Kind::UnsafePointer: case Kind::Map:
      if (u64(8) == 0) return "nil";
      buf[0] = '0';
      buf[1] = 'x';
      return std::string(buf, std::to_chars(buf + 2, buf + sizeof buf, u64(8), 16).ptr);
    case Kind::Slice:
      std::snprintf(buf, sizeof buf, "[]len=%" PRIu64, [&] { std::uint64_t v; std::memcpy(&v, p + 8, 8); return v; }());
      return buf;
    case Kind::Array: {
      if (depth > 2) return "[...]";
      std::string s = "[";
      for (std::uint64_t i = 0; i < t->len && i < 4; ++i) {
        if (i) s += " ";
        s += format_value(rt, alg, t->elem, p + i * t->elem->size, depth + 1);
      }
      if (t->len > 4) s += " ...";
      return s + "]";
    }
    case Kind::Struct: {
      if (depth > 2) return "{...}";
      std::string s = "{";
      for (std::size_t i = 0; i < t->fields.size() && i < 4; ++i) {
        if (i) s += " ";
        s += format_value(rt, alg, t->fields[i].type, p + t->fields[i].offset, depth + 1);
      }
      if (t->fields.size() > 4) s += " ...";
      return s + "}";
    }
  }
  return "?";
}

// One live iteration (Go: a hiter / maps.Iter on the goroutine's stack): a
// GC root while alive. Ops is ClassicMap or swiss::SwissMap, It its
// iterator state, Scan reports the pointers It holds.
template <class Ops, class It, void (*Scan)(const It&, runtime::RootVisitor&)>
class IterOf final : public MapIter {
 public:
  IterOf(Ops ops, runtime::Runtime& rt) : ops_(ops), rt_(rt) { rt_.add_root_source(&roots_); }
  ~IterOf() override { rt_.remove_root_source(&roots_); }
  It& state() { return roots_.it; }
  Addr key() const override { return roots_.it.key; }
  Addr elem() const override { return roots_.it.elem; }
  void next() override {
    if (roots_.it.key != kNil) ops_.iter_next(roots_.it);
  }
  void scan_roots(runtime::RootVisitor& v) const override { Scan(roots_.it, v); }

 private:
  struct Roots : runtime::RootSource {
    It it;
    void scan_roots(runtime::RootVisitor& v) override { Scan(it, v); }
  };
  Ops ops_;
  runtime::Runtime& rt_;
  Roots roots_;
};

void scan_hiter(const Hiter& it, runtime::RootVisitor& v) {
  for (Addr a : {it.key, it.elem, it.h, it.buckets, it.bptr, it.overflow, it.oldoverflow}) v.pointer(a);
  v.stack_bytes(96);  // sizeof(hiter): 12 words
}
void scan_swiss_iter(const swiss::Iter& it, runtime::RootVisitor& v) {
  // it.tab keeps a replaced table (and its groups) alive while walked.
  for (Addr a : {it.key, it.elem, it.m, it.tab, it.group}) v.pointer(a);
  v.stack_bytes(swiss::kIterSize);
}
using ClassicIter = IterOf<ClassicMap, Hiter, scan_hiter>;
using SwissIter = IterOf<swiss::SwissMap, swiss::Iter, scan_swiss_iter>;

SwissGroupView group_view(const runtime::Runtime& rt, const KeyAlg& alg, const swiss::SwissMap& ops, Addr map, Addr g,
                          bool slots) {
  SwissGroupView v;
  v.addr = g;
  const swiss::MapType& t = ops.type();
  std::vector<std::uint8_t> kb(t.key->size), eb(t.elem->size);
  for (std::uint64_t i = 0; i < swiss::kGroupSlots; ++i) {
    const std::uint8_t c = rt.load_u8(g + i);
    v.ctrl[i] = c;
    if (!slots || (c & swiss::kCtrlEmpty) != 0) continue;
    const Addr k = ops.key_at(g, i), e = ops.elem_at(g, i);
    if (k != kNil) {
      v.hash[i] = ops.hash_at(map, k);
      alg.read(t.key, k, kb.data());
      v.keys[i] = format_value(rt, alg, t.key, kb.data());
    }
    if (e != kNil) {
      alg.read(t.elem, e, eb.data());
      v.elems[i] = format_value(rt, alg, t.elem, eb.data());
    }
  }
  return v;
}

}  // namespace

struct Maps::Impl {
  runtime::Runtime& rt;
  HashSeeds seeds;
  std::unique_ptr<KeyAlg> alg;
  Hashkey hashkey;
  bool swiss = false;  // the Go version's swiss_maps()
  classic::Roles roles;
  swiss::Roles swiss_roles;
  std::map<const Type*, std::unique_ptr<MapType>> types;  // ordered by pointer only for lookup; never iterated for output
  std::map<const Type*, std::unique_ptr<swiss::MapType>> swiss_types;
  struct Record {
    Addr h = kNil;
    const MapType* t = nullptr;          // classic
    const swiss::MapType* st = nullptr;  // swiss
    bool dead = false;
    // The header's slot metadata when made: a dead map's slot that a sweep
    // freed and an object of another type took is allocated again, but not
    // to this map (reading it as a map would read that object).
    runtime::SlotInfo slot{};
  };
  std::vector<Record> maps;
  std::unordered_map<Addr, std::uint32_t> by_addr;

  Impl(runtime::Runtime& r, HashSeeds s) : rt(r), seeds(std::move(s)) {
    Hashkey key;
    if (seeds.has_hashkey)
      for (int i = 0; i < 4; ++i) key.k[i] = seeds.hashkey[i];
    else
      key = Hashkey::from_rng(rt.rng(), rt.version());
    alg = make_go_key_alg(rt, key);
    hashkey = key;
    swiss = rt.version().swiss_maps();
    if (swiss)
      swiss_roles = swiss::Roles::register_in(rt);
    else
      roles = classic::Roles::register_in(rt);
  }
  const swiss::MapType& swiss_type_of(const Type* map_type) {
    auto it = swiss_types.find(map_type);
    if (it != swiss_types.end()) return *it->second;
    if (map_type == nullptr || map_type->kind != Kind::Map) throw ModelError("not a map type");
    auto mt = std::make_unique<swiss::MapType>(swiss::make_map_type(rt.types(), map_type, rt.version()));
    const swiss::MapType& ref = *mt;
    swiss_types.emplace(map_type, std::move(mt));
    return ref;
  }
  swiss::SwissMap sops(const swiss::MapType& t, std::uint32_t id = 0) {
    return swiss::SwissMap(rt, t, *alg, swiss_roles, id);
  }
  // The id of map h for events; maps not made here (tests) report 0.
  std::uint32_t event_id(Addr h) const {
    const std::int64_t id = id_of(h);
    return id < 0 ? 0 : static_cast<std::uint32_t>(id);
  }
  // One-entry caches for the lookups every map operation makes (a loop
  // works on one map of one type): the type's maptype, the header's id.
  const Type* last_type = nullptr;
  const MapType* last_mt = nullptr;
  mutable Addr last_h = kNil;
  mutable std::uint32_t last_id = 0;
  const MapType& type_of(const Type* map_type) {
    if (map_type == last_type && last_mt != nullptr) return *last_mt;
    return type_of_slow(map_type);
  }
  // Kept out of line so that the cache hit above inlines into every map operation.
  [[gnu::noinline]] const MapType& type_of_slow(const Type* map_type) {
    auto it = types.find(map_type);
    if (it != types.end()) {
      last_type = map_type;
      last_mt = it->second.get();
      return *it->second;
    }
    if (map_type == nullptr || map_type->kind != Kind::Map) throw ModelError("not a map type");
    if (swiss) throw ModelError("classic map type requested in a Swiss-map (Go >= 1.24) run");
    auto mt = std::make_unique<MapType>(classic::make_map_type(rt.types(), map_type));
    const MapType& ref = *mt;
    types.emplace(map_type, std::move(mt));
    return ref;
  }
  classic::EvacRecord last_evac;  // the last evacuate() of any classic map (map view)
  ClassicMap ops(const MapType& t) { return ClassicMap(rt, t, *alg, roles, &last_evac); }
  // After the map drew a new hash0 (it still draws, so the RNG stream stays
  // Go's), a pinned reseed value replaces it.
  void pinned_reseed(std::uint32_t id) {
    auto it = seeds.map_reseeds.find(id);
    if (it == seeds.map_reseeds.end()) return;
    if (swiss)
      sops(*maps[id].st, id).set_seed(maps[id].h, it->second);
    else
      ops(*maps[id].t).set_hash0(maps[id].h, static_cast<std::uint32_t>(it->second));
  }
  // The id of a live map header; -1 for foreign addresses.
  std::int64_t id_of(Addr h) const {
    if (h == last_h && h != kNil) return last_id;
    auto it = by_addr.find(h);
    if (it == by_addr.end()) return -1;
    last_h = h;
    last_id = it->second;
    return static_cast<std::int64_t>(it->second);
  }
  std::uint32_t id_or_throw(Addr h) const {
    const std::int64_t id = id_of(h);
    if (id < 0) throw ModelError("not a map made by this simulation");
    return static_cast<std::uint32_t>(id);
  }
  // A registered header is dead once its object was freed (its slot may
  // since hold a new map, which then owns the address).
  bool alive(std::size_t id) const {
    const Record& r = maps.at(id);
    if (r.dead) return false;
    // Alive while its slot is still allocated (reuse by a new map marks the
    // old record dead in make()).
    const runtime::MSpan* s = rt.state().arena.span_of(r.h);
    if (s == nullptr || s->state != runtime::SpanState::InUse || r.h < s->base() || r.h >= s->limit) return false;
    const std::uint32_t i = s->obj_index(r.h);
    if (s->is_free(i)) return false;
    const runtime::SlotInfo& now = s->slots.at(i);
    return now.type == r.slot.type && now.role == r.slot.role;
  }
  runtime::SlotInfo slot_of(Addr h) const {
    const runtime::MSpan* s = rt.state().arena.span_of(h);
    if (s == nullptr || h < s->base() || h >= s->limit) throw ModelError("a new map's header is not a heap object");
    return s->slots.at(s->obj_index(h));
  }
};

Maps::Maps(runtime::Runtime& rt, HashSeeds seeds) : impl_(std::make_unique<Impl>(rt, std::move(seeds))) {}
Maps::~Maps() = default;

Addr Maps::make(const Type* map_type, std::int64_t hint) {
  Impl& m = *impl_;
  const std::size_t n = m.maps.size();
  if (m.swiss) {
    const swiss::MapType& st = m.swiss_type_of(map_type);
    // seed: pinned (from a real process) or rand() (NewMap: m.seed = uintptr(rand())).
    const std::uint64_t seed = n < m.seeds.map_seeds.size() ? m.seeds.map_seeds[n] : m.rt.rng().next64();
    const Addr h = m.sops(st, static_cast<std::uint32_t>(n)).make(hint, seed);
    if (auto it = m.by_addr.find(h); it != m.by_addr.end()) m.maps[it->second].dead = true;  // slot reused
    m.by_addr[h] = static_cast<std::uint32_t>(n);
    m.last_h = kNil;  // the id cache may hold h's previous owner
    m.maps.push_back({h, nullptr, &st, false, m.slot_of(h)});
    return h;
  }
  const MapType& t = m.type_of(map_type);
  // hash0: pinned by the caller (from a real process) or fastrand().
  const std::uint32_t hash0 =
      n < m.seeds.map_seeds.size() ? static_cast<std::uint32_t>(m.seeds.map_seeds[n]) : m.rt.rng().next32();
  const Addr h = m.ops(t).makemap(hint, hash0);
  if (auto it = m.by_addr.find(h); it != m.by_addr.end()) m.maps[it->second].dead = true;  // slot reused
  m.by_addr[h] = static_cast<std::uint32_t>(n);
  m.last_h = kNil;  // the id cache may hold h's previous owner
  m.maps.push_back({h, &t, nullptr, false, m.slot_of(h)});
  return h;
}

Addr Maps::access(const Type* map_type, Addr m, const void* key) {
  if (impl_->swiss) return impl_->sops(impl_->swiss_type_of(map_type)).access(m, static_cast<const std::uint8_t*>(key));
  const MapType& t = impl_->type_of(map_type);
  return impl_->ops(t).access(m, static_cast<const std::uint8_t*>(key));
}

Addr Maps::assign(const Type* map_type, Addr m, const void* key) {
  if (m == kNil) throw runtime::GoPanic("assignment to entry in nil map");
  if (impl_->swiss) {
    const swiss::MapType& st = impl_->swiss_type_of(map_type);
    return impl_->sops(st, impl_->id_or_throw(m)).assign(m, static_cast<const std::uint8_t*>(key));
  }
  const MapType& t = impl_->type_of(map_type);
  return impl_->ops(t).assign(m, static_cast<const std::uint8_t*>(key), impl_->id_or_throw(m));
}

void Maps::remove(const Type* map_type, Addr m, const void* key) {
  if (m == kNil) return;
  const std::uint32_t id = impl_->id_or_throw(m);
  const bool had = len(m) > 0;
  if (impl_->swiss)
    impl_->sops(impl_->swiss_type_of(map_type), id).remove(m, static_cast<const std::uint8_t*>(key));
  else
    impl_->ops(impl_->type_of(map_type)).remove(m, static_cast<const std::uint8_t*>(key), id);
  if (had && len(m) == 0) impl_->pinned_reseed(id);  // mapdelete: h.hash0 = fastrand() when count reaches 0
}

void Maps::clear(const Type* map_type, Addr m) {
  if (m == kNil) return;
  const std::uint32_t id = impl_->id_or_throw(m);
  if (impl_->swiss) {
    // Map.Clear: runs (and reseeds) if the map has entries or may hold tombstones.
    if (impl_->sops(impl_->swiss_type_of(map_type), id).clear(m)) impl_->pinned_reseed(id);
    return;
  }
  const MapType& t = impl_->type_of(map_type);
  const bool had = len(m) > 0;
  impl_->ops(t).clear(m, id);
  if (had) impl_->pinned_reseed(id);  // mapclear: h.hash0 = fastrand() (an empty map returns early)
}

std::int64_t Maps::len(Addr m) const {
  return m == kNil ? 0 : static_cast<std::int64_t>(impl_->rt.load_u64(m + classic::hmap::kCount));
}

std::unique_ptr<MapIter> Maps::iterate(const Type* map_type, Addr m) {
  if (impl_->swiss) {
    const swiss::SwissMap ops = impl_->sops(impl_->swiss_type_of(map_type), impl_->event_id(m));
    auto it = std::make_unique<SwissIter>(ops, impl_->rt);
    // Iter.Init draws entryOffset, then dirOffset, with rand() — only for a non-empty map.
    std::uint64_t entry_offset = 0, dir_offset = 0;
    if (m != kNil && ops.used(m) != 0) {
      entry_offset = impl_->rt.rng().next64();
      dir_offset = impl_->rt.rng().next64();
    }
    ops.iter_init(m, it->state(), entry_offset, dir_offset);
    return it;
  }
  const MapType& t = impl_->type_of(map_type);
  auto it = std::make_unique<ClassicIter>(impl_->ops(t), impl_->rt);
  impl_->ops(t).iter_init(m, it->state());
  return it;
}

std::size_t Maps::count() const { return impl_->maps.size(); }
Addr Maps::map_at(std::size_t id) const { return impl_->maps.at(id).h; }
std::int64_t Maps::id_of(Addr m) const { return impl_->id_of(m); }
bool Maps::alive(std::size_t id) const { return impl_->alive(id); }

bool Maps::swiss() const { return impl_->swiss; }

bool Maps::is_grow_step_event(EventKind k, bool swiss) {
  if (swiss) return k == EventKind::SwissTableGrow || k == EventKind::SwissTableSplit;
  return k == EventKind::MapEvacuate;
}

bool Maps::evacuate_step(std::size_t id) {
  if (impl_->swiss || !alive(id)) return false;
  const auto& r = impl_->maps.at(id);
  return impl_->ops(*r.t).evacuate_next(r.h, static_cast<std::uint32_t>(id));
}

std::uint64_t Maps::hashkey(int i) const { return impl_->hashkey.k[i]; }

void Maps::set_hash0(std::size_t id, std::uint64_t seed) {
  const auto& r = impl_->maps.at(id);
  if (impl_->swiss) {
    impl_->sops(*r.st, static_cast<std::uint32_t>(id)).set_seed(r.h, seed);
    return;
  }
  impl_->ops(*r.t).set_hash0(r.h, static_cast<std::uint32_t>(seed));
}

ClassicMapSnapshot Maps::inspect_classic(std::size_t id, std::uint64_t first_bucket, std::uint64_t max_buckets) const {
  Impl& m = *impl_;
  const auto& r = m.maps.at(id);
  if (!alive(id)) throw ModelError("map " + std::to_string(id) + " has been garbage collected");
  if (m.swiss) throw ModelError("map " + std::to_string(id) + " is a Swiss map: use inspect_swiss");
  const MapType& t = *r.t;
  ClassicMap ops = m.ops(t);
  const Addr h = r.h;
  ClassicMapSnapshot s;
  s.hmap = h;
  s.first_bucket = first_bucket;
  s.count = ops.count(h);
  s.flags = ops.flags(h);
  s.B = ops.B(h);
  s.noverflow = ops.noverflow(h);
  s.hash0 = ops.hash0(h);
  s.buckets = ops.buckets(h);
  s.oldbuckets = ops.oldbuckets(h);
  s.extra = ops.extra(h);
  s.nevacuate = ops.nevacuate(h);
  s.growing = ops.growing(h);
  s.same_size_grow = ops.same_size_grow(h);
  s.nbuckets = s.buckets == kNil ? 0 : classic::bucket_shift(s.B);
  s.noldbuckets = s.growing ? ops.noldbuckets(h) : 0;
  s.key_type = t.key->name;
  s.elem_type = t.elem->name;
  s.keysize = t.keysize;
  s.elemsize = t.elemsize;
  s.bucketsize = t.bucketsize;
  s.indirectkey = t.indirectkey;
  s.indirectelem = t.indirectelem;
  s.bucket_noscan = !t.bucket->has_pointers();
  if (s.extra != kNil) s.next_overflow = m.rt.load_pointer(s.extra + classic::mapextra::kNextOverflow);
  // The array's length comes from its heap object (newarray's count).
  auto array_len = [&](Addr a) -> std::uint64_t {
    if (a == kNil) return 0;
    runtime::MSpan* sp = nullptr;
    std::uint32_t idx = 0;
    if (!m.rt.state().heap.find_object(a, sp, idx)) return 0;
    // newarray records its element count per object (large objects on the span).
    return sp->sizeclass() == 0 ? sp->large_count : sp->slots.at(idx).count;
  };
  s.allocated_buckets = std::max<std::uint64_t>(array_len(s.buckets), s.nbuckets);
  if (s.next_overflow != kNil && s.buckets != kNil) {
    const std::uint64_t used = (s.next_overflow - s.buckets) / t.bucketsize;
    s.spare_overflow_left = s.allocated_buckets > used ? s.allocated_buckets - used : 0;
  }
  std::vector<std::uint8_t> kb(t.key->size), eb(t.elem->size);
  auto view = [&](Addr array, std::uint64_t nb, bool old) {
    std::vector<ChainView> out;
    for (std::uint64_t j = first_bucket; j < nb && j < first_bucket + max_buckets; ++j) {
      ChainView cv;
      cv.index = j;
      const Addr b0 = ops.bucket_at(array, j);
      cv.evacuated = old && ops.evacuated(b0);
      int guard = 0;
      for (Addr b = b0; b != kNil && guard < 4096; b = ops.overflow(b), ++guard) {
        BucketView bv;
        bv.addr = b;
        bv.spare = b >= s.buckets + s.nbuckets * t.bucketsize && b < s.buckets + s.allocated_buckets * t.bucketsize;
        for (int i = 0; i < classic::kBucketCnt; ++i) {
          bv.tophash[static_cast<std::size_t>(i)] = ops.top(b, i);
          if (ops.top(b, i) >= classic::kMinTopHash) {
            const Addr k = ops.key_at(b, i), e = ops.elem_at(b, i);
            if (k != kNil) {
              bv.hash[static_cast<std::size_t>(i)] = ops.hash_at(h, k);
              m.alg->read(t.key, k, kb.data());
              bv.keys[static_cast<std::size_t>(i)] = format_value(m.rt, *m.alg, t.key, kb.data());
            }
            if (e != kNil) {
              m.alg->read(t.elem, e, eb.data());
              bv.elems[static_cast<std::size_t>(i)] = format_value(m.rt, *m.alg, t.elem, eb.data());
            }
          }
        }
        cv.chain.push_back(std::move(bv));
      }
      out.push_back(std::move(cv));
    }
    return out;
  };
  if (s.buckets != kNil) s.new_chains = view(s.buckets, s.nbuckets, false);
  if (s.growing) s.old_chains = view(s.oldbuckets, s.noldbuckets, true);
  return s;
}

SwissMapSnapshot Maps::inspect_swiss(std::size_t id, std::uint64_t first_table, std::uint64_t max_tables,
                                     bool groups) const {
  Impl& m = *impl_;
  const auto& r = m.maps.at(id);
  if (!alive(id)) throw ModelError("map " + std::to_string(id) + " has been garbage collected");
  if (!m.swiss) throw ModelError("map " + std::to_string(id) + " is a classic map: use inspect_classic");
  const swiss::MapType& t = *r.st;
  const swiss::SwissMap ops = m.sops(t, static_cast<std::uint32_t>(id));
  const Addr h = r.h;
  SwissMapSnapshot s;
  s.map = h;
  s.used = ops.used(h);
  s.seed = ops.seed(h);
  s.dir_ptr = ops.dir_ptr(h);
  s.dir_len = ops.dir_len(h);
  s.global_depth = ops.global_depth(h);
  s.global_shift = ops.global_shift(h);
  s.writing = ops.writing(h);
  s.tombstone_possible = ops.tombstone_possible(h);
  s.clear_seq = ops.clear_seq(h);
  s.key_type = t.key->name;
  s.elem_type = t.elem->name;
  s.assign_fn = swiss::assign_fn_name(t.assign_fn);
  s.slot_size = t.slot_size;
  s.elem_off = t.elem_off;
  s.group_size = t.group_size;
  s.indirect_key = t.indirect_key;
  s.indirect_elem = t.indirect_elem;
  s.group_noscan = !t.group->has_pointers();
  s.prunes_tombstones = t.prunes_tombstones;
  s.first_table = first_table;
  if (s.dir_ptr == kNil) return s;
  if (s.dir_len == 0) {
    s.small = true;
    s.capacity = swiss::kGroupSlots;
    s.small_group = group_view(m.rt, *m.alg, ops, h, s.dir_ptr, groups);
    return s;
  }
  Addr last = kNil;
  for (std::int64_t i = 0; i < s.dir_len; ++i) {
    const Addr ta = ops.directory_at(h, static_cast<std::uint64_t>(i));
    if (ta != last) {
      const swiss::Table tab(ops, ta);
      s.capacity += tab.capacity();
      s.tombstones += tab.tombstones();
      if (s.table_count >= first_table && s.table_count < first_table + max_tables) {
        SwissTableView v;
        v.addr = ta;
        v.groups_addr = tab.groups_data();
        v.index = tab.index();
        v.local_depth = tab.local_depth();
        v.capacity = tab.capacity();
        v.used = tab.used();
        v.growth_left = tab.growth_left();
        v.tombstones = tab.tombstones();
        v.dir_entries = std::uint64_t{1} << (s.global_depth - v.local_depth);
        if (groups)
          for (std::uint64_t g = 0; g <= tab.length_mask(); ++g) v.groups.push_back(group_view(m.rt, *m.alg, ops, h, tab.group(g), true));
        s.tables.push_back(std::move(v));
      }
      ++s.table_count;
      last = ta;
    }
    s.directory.push_back(static_cast<std::uint32_t>(s.table_count - 1));
  }
  return s;
}

namespace {
using F = FlatMapSnapshot;
void put64(std::vector<std::uint32_t>& w, std::size_t at, std::uint64_t v) {
  w[at] = static_cast<std::uint32_t>(v);
  w[at + 1] = static_cast<std::uint32_t>(v >> 32);
}
// A new row (zeroed) at the end of the rows; returns its first word.
std::size_t add_row(std::vector<std::uint32_t>& w, Addr addr) {
  const std::size_t at = w.size();
  w.resize(at + F::kRowStride, 0);
  put64(w, at, addr);
  return at;
}
void set_slot(std::vector<std::uint32_t>& w, std::size_t row, int i, std::uint8_t byte, std::uint64_t hash) {
  w[row + F::kRowBytes + i / 4] |= std::uint32_t{byte} << (8 * (i % 4));
  put64(w, row + F::kRowHash + 2 * static_cast<std::size_t>(i), hash);
}
}  // namespace

// The walk is inspect_classic's / inspect_swiss's minus format_value (text
// is inspect_slot's); flat_test.cpp checks the two agree field by field.
void Maps::inspect_flat(std::size_t id, std::uint64_t first, std::uint64_t max, FlatMapSnapshot& out, bool hashes) const {
  Impl& m = *impl_;
  const auto& r = m.maps.at(id);
  if (!alive(id)) throw ModelError("map " + std::to_string(id) + " has been garbage collected");
  auto& w = out.words;
  w.assign(F::kHeaderWords, 0);
  w[F::kHeaderLen] = F::kHeaderWords;
  w[F::kRowStrideAt] = F::kRowStride;
  const Addr h = r.h;
  if (m.swiss) {
    const swiss::MapType& t = *r.st;
    const swiss::SwissMap ops = m.sops(t, static_cast<std::uint32_t>(id));
    w[F::kKind] = 1;
    w[F::kGroupStrideAt] = F::kTableStride;
    put64(w, F::kUsed, ops.used(h));
    put64(w, F::kSeed, ops.seed(h));
    put64(w, F::kClearSeq, ops.clear_seq(h));
    const std::int64_t dir_len = ops.dir_len(h);
    put64(w, F::kSwissDirLen, static_cast<std::uint64_t>(dir_len));
    w[F::kGlobalDepth] = ops.global_depth(h);
    w[F::kGlobalShift] = ops.global_shift(h);
    w[F::kWriting] = ops.writing(h);
    const Addr dir = ops.dir_ptr(h);
    const bool small = dir != kNil && dir_len == 0;
    w[F::kSwissBits] = (ops.tombstone_possible(h) ? F::kTombstonePossible : 0) | (small ? F::kSmall : 0) |
                       (t.indirect_key ? F::kIndirectKey : 0) | (t.indirect_elem ? F::kIndirectElem : 0) |
                       (!t.group->has_pointers() ? F::kNoscan : 0) | (t.prunes_tombstones ? F::kPrunesTombstones : 0);
    w[F::kSlotSize] = static_cast<std::uint32_t>(t.slot_size);
    w[F::kElemOff] = static_cast<std::uint32_t>(t.elem_off);
    w[F::kGroupSize] = static_cast<std::uint32_t>(t.group_size);
    put64(w, F::kFirstTable, first);
    put64(w, F::kMap, h);
    put64(w, F::kDirPtr, dir);
    auto group_row = [&](Addr g) {
      const std::size_t row = add_row(w, g);
      for (int i = 0; i < static_cast<int>(swiss::kGroupSlots); ++i) {
        const std::uint8_t c = m.rt.load_u8(g + static_cast<std::uint64_t>(i));
        std::uint64_t hash = 0;
        if (hashes && (c & swiss::kCtrlEmpty) == 0)
          if (const Addr k = ops.key_at(g, static_cast<std::uint64_t>(i)); k != kNil) hash = ops.hash_at(h, k);
        set_slot(w, row, i, c, hash);
      }
    };
    if (dir == kNil) {
      w[F::kGroupOff] = w[F::kDirOff] = w[F::kRowOff] = F::kHeaderWords;
      BUCKETLAB_DEBUG_CHECK(out);
      return;
    }
    if (small) {
      put64(w, F::kCapacity, swiss::kGroupSlots);
      w[F::kGroupOff] = w[F::kDirOff] = w[F::kRowOff] = F::kHeaderWords;
      group_row(dir);
      w[F::kRowCount] = 1;
      BUCKETLAB_DEBUG_CHECK(out);
      return;
    }
    // First pass: the distinct tables (directory order), their records for
    // the page and the directory's ordinals; rows follow.
    std::uint64_t capacity = 0, tombstones = 0, ntables = 0, page_groups = 0;
    std::vector<Addr> page;
    Addr last = kNil;
    w[F::kGroupOff] = F::kHeaderWords;
    for (std::int64_t i = 0; i < dir_len; ++i) {
      const Addr ta = ops.directory_at(h, static_cast<std::uint64_t>(i));
      if (ta == last) continue;
      last = ta;
      const swiss::Table tab(ops, ta);
      capacity += tab.capacity();
      tombstones += tab.tombstones();
      if (ntables >= first && ntables - first < max) {
        page.push_back(ta);
        page_groups += tab.length_mask() + 1;
      }
      ++ntables;
    }
    put64(w, F::kCapacity, capacity);
    put64(w, F::kTombstones, tombstones);
    put64(w, F::kTableCount, ntables);
    w[F::kGroupCount] = static_cast<std::uint32_t>(page.size());
    w.resize(w.size() + page.size() * F::kTableStride, 0);
    w[F::kDirOff] = static_cast<std::uint32_t>(w.size());
    w[F::kDirLen] = static_cast<std::uint32_t>(dir_len);
    last = kNil;
    std::uint32_t ord = 0;
    for (std::int64_t i = 0; i < dir_len; ++i) {
      const Addr ta = ops.directory_at(h, static_cast<std::uint64_t>(i));
      if (i > 0 && ta != last) ++ord;
      last = ta;
      w.push_back(ord);
    }
    w[F::kRowOff] = static_cast<std::uint32_t>(w.size());
    w.reserve(w.size() + page_groups * F::kRowStride);
    std::uint32_t rows = 0;
    for (std::size_t k = 0; k < page.size(); ++k) {
      const swiss::Table tab(ops, page[k]);
      const std::size_t rec = F::kHeaderWords + k * F::kTableStride;
      const std::uint64_t ngroups = tab.length_mask() + 1;
      put64(w, rec, page[k]);
      put64(w, rec + 2, tab.groups_data());
      put64(w, rec + 4, static_cast<std::uint64_t>(tab.index()));
      w[rec + 6] = tab.local_depth();
      w[rec + 7] = tab.capacity();
      w[rec + 8] = tab.used();
      w[rec + 9] = tab.growth_left();
      w[rec + 10] = tab.tombstones();
      put64(w, rec + 11, std::uint64_t{1} << (w[F::kGlobalDepth] - tab.local_depth()));
      w[rec + 13] = rows;
      w[rec + 14] = static_cast<std::uint32_t>(ngroups);
      for (std::uint64_t g = 0; g < ngroups; ++g) group_row(tab.group(g));
      rows += static_cast<std::uint32_t>(ngroups);
    }
    w[F::kRowCount] = rows;
    BUCKETLAB_DEBUG_CHECK(out);
    return;
  }
  const MapType& t = *r.t;
  ClassicMap ops = m.ops(t);
  put64(w, F::kCount, static_cast<std::uint64_t>(ops.count(h)));
  w[F::kFlags] = ops.flags(h);
  w[F::kB] = ops.B(h);
  w[F::kNoverflow] = ops.noverflow(h);
  w[F::kHash0] = ops.hash0(h);
  const Addr buckets = ops.buckets(h), oldbuckets = ops.oldbuckets(h), extra = ops.extra(h);
  const bool growing = ops.growing(h);
  put64(w, F::kNevacuate, ops.nevacuate(h));
  w[F::kBits] = (growing ? F::kGrowing : 0) | (ops.same_size_grow(h) ? F::kSameSizeGrow : 0) |
                (t.indirectkey ? F::kIndirectKey : 0) | (t.indirectelem ? F::kIndirectElem : 0) |
                (!t.bucket->has_pointers() ? F::kNoscan : 0);
  const std::uint64_t nbuckets = buckets == kNil ? 0 : classic::bucket_shift(ops.B(h));
  const std::uint64_t noldbuckets = growing ? ops.noldbuckets(h) : 0;
  put64(w, F::kNbuckets, nbuckets);
  put64(w, F::kNoldbuckets, noldbuckets);
  w[F::kKeysize] = static_cast<std::uint32_t>(t.keysize);
  w[F::kElemsize] = static_cast<std::uint32_t>(t.elemsize);
  w[F::kBucketsize] = static_cast<std::uint32_t>(t.bucketsize);
  put64(w, F::kHmap, h);
  put64(w, F::kBuckets, buckets);
  put64(w, F::kOldbuckets, oldbuckets);
  put64(w, F::kExtra, extra);
  const Addr next_overflow = extra != kNil ? m.rt.load_pointer(extra + classic::mapextra::kNextOverflow) : kNil;
  put64(w, F::kNextOverflow, next_overflow);
  // The array's length from its heap object (newarray's count), as inspect_classic.
  std::uint64_t allocated = nbuckets;
  if (buckets != kNil) {
    runtime::MSpan* sp = nullptr;
    std::uint32_t idx = 0;
    if (m.rt.state().heap.find_object(buckets, sp, idx))
      allocated = std::max<std::uint64_t>(sp->sizeclass() == 0 ? sp->large_count : sp->slots.at(idx).count, nbuckets);
  }
  put64(w, F::kAllocatedBuckets, allocated);
  if (next_overflow != kNil && buckets != kNil) {
    const std::uint64_t used = (next_overflow - buckets) / t.bucketsize;
    put64(w, F::kSpareOverflowLeft, allocated > used ? allocated - used : 0);
  }
  put64(w, F::kFirstBucket, first);
  const Addr spare_begin = buckets + nbuckets * t.bucketsize, spare_end = buckets + allocated * t.bucketsize;
  auto count = [&](std::uint64_t nb) { return nb > first ? std::min(nb - first, max) : 0; };
  const std::uint64_t nnew = buckets == kNil ? 0 : count(nbuckets), nold = growing ? count(noldbuckets) : 0;
  w[F::kGroupStrideAt] = F::kChainStride;
  w[F::kGroupOff] = F::kHeaderWords;
  w[F::kGroupCount] = static_cast<std::uint32_t>(nnew + nold);
  w[F::kNewChains] = static_cast<std::uint32_t>(nnew);
  w.resize(w.size() + (nnew + nold) * F::kChainStride, 0);
  w[F::kDirOff] = static_cast<std::uint32_t>(w.size());
  w[F::kRowOff] = static_cast<std::uint32_t>(w.size());
  w.reserve(w.size() + (nnew + nold) * F::kRowStride * 5 / 4);
  std::uint32_t rows = 0;
  std::size_t rec = F::kHeaderWords;
  auto chains = [&](Addr array, std::uint64_t n, bool old) {
    for (std::uint64_t j = first; j < first + n; ++j, rec += F::kChainStride) {
      const Addr b0 = ops.bucket_at(array, j);
      put64(w, rec, j);
      w[rec + 2] = rows;
      w[rec + 4] = old && ops.evacuated(b0);
      std::uint32_t len = 0;
      for (Addr b = b0; b != kNil && len < 4096; b = ops.overflow(b), ++len) {
        const std::size_t row = add_row(w, b);
        if (b >= spare_begin && b < spare_end) w[row + F::kRowFlags] = F::kRowSpare;
        const std::uint64_t tops = m.rt.load_u64(b);  // the 8 tophash bytes in one load
        for (int i = 0; i < classic::kBucketCnt; ++i) {
          const auto top = static_cast<std::uint8_t>(tops >> (8 * i));
          std::uint64_t hash = 0;
          if (hashes && top >= classic::kMinTopHash)
            if (const Addr k = ops.key_at(b, i); k != kNil) hash = ops.hash_at(h, k);
          set_slot(w, row, i, top, hash);
        }
      }
      w[rec + 3] = len;
      rows += len;
    }
  };
  chains(buckets, nnew, false);
  chains(oldbuckets, nold, true);
  w[F::kRowCount] = rows;
  BUCKETLAB_DEBUG_CHECK(out);
}

SlotView Maps::inspect_slot(std::size_t id, int array, std::uint64_t index, std::uint64_t chain, int slot) const {
  Impl& m = *impl_;
  SlotView v;
  if (id >= m.maps.size() || !alive(id) || slot < 0 || slot >= 8) return v;
  const auto& r = m.maps[id];
  const Addr h = r.h;
  if (m.swiss) {
    if (array != 2) return v;
    const swiss::SwissMap ops = m.sops(*r.st, static_cast<std::uint32_t>(id));
    const Addr dir = ops.dir_ptr(h);
    if (dir == kNil) return v;
    Addr g = kNil;
    if (ops.dir_len(h) == 0) {
      if (index == 0 && chain == 0) g = dir;
    } else {
      Addr last = kNil;
      std::uint64_t ord = 0;
      for (std::int64_t i = 0; i < ops.dir_len(h) && g == kNil; ++i) {
        const Addr ta = ops.directory_at(h, static_cast<std::uint64_t>(i));
        if (ta == last) continue;
        last = ta;
        if (ord++ != index) continue;
        const swiss::Table tab(ops, ta);
        if (chain > tab.length_mask()) return v;
        g = tab.group(chain);
      }
    }
    if (g == kNil) return v;
    const SwissGroupView gv = group_view(m.rt, *m.alg, ops, h, g, true);
    const auto s = static_cast<std::size_t>(slot);
    v.valid = true;
    v.byte = gv.ctrl[s];
    v.hash = gv.hash[s];
    v.key = gv.keys[s];
    v.elem = gv.elems[s];
    return v;
  }
  if (array != 0 && array != 1) return v;
  const MapType& t = *r.t;
  ClassicMap ops = m.ops(t);
  const bool old = array == 1;
  if (old && !ops.growing(h)) return v;
  const Addr a = old ? ops.oldbuckets(h) : ops.buckets(h);
  const std::uint64_t n = old ? ops.noldbuckets(h) : (a == kNil ? 0 : classic::bucket_shift(ops.B(h)));
  if (a == kNil || index >= n) return v;
  Addr b = ops.bucket_at(a, index);
  for (std::uint64_t c = 0; c < chain && b != kNil; ++c) b = ops.overflow(b);
  if (b == kNil) return v;
  v.valid = true;
  v.byte = ops.top(b, slot);
  if (v.byte < classic::kMinTopHash) return v;
  const Addr k = ops.key_at(b, slot), e = ops.elem_at(b, slot);
  if (k != kNil) {
    std::vector<std::uint8_t> kb(t.key->size);
    v.hash = ops.hash_at(h, k);
    m.alg->read(t.key, k, kb.data());
    v.key = format_value(m.rt, *m.alg, t.key, kb.data());
  }
  if (e != kNil) {
    std::vector<std::uint8_t> eb(t.elem->size);
    m.alg->read(t.elem, e, eb.data());
    v.elem = format_value(m.rt, *m.alg, t.elem, eb.data());
  }
  return v;
}

void FlatMapSnapshot::check_invariants() const {
  BUCKETLAB_INVARIANT(words.size() >= kHeaderWords && words[kHeaderLen] == kHeaderWords, "a whole header");
  BUCKETLAB_INVARIANT(words[kKind] <= 1 && words[kRowStrideAt] == kRowStride, "kind and row stride");
  const bool sw = swiss();
  const std::uint32_t gstride = sw ? kTableStride : kChainStride;
  const std::size_t ngroups = words[kGroupCount], nrows = words[kRowCount];
  BUCKETLAB_INVARIANT(words[kGroupOff] == kHeaderWords && words[kGroupStrideAt] == gstride, "records follow the header");
  BUCKETLAB_INVARIANT(words[kDirOff] == kHeaderWords + ngroups * gstride, "the directory follows the records");
  BUCKETLAB_INVARIANT(words[kRowOff] == words[kDirOff] + words[kDirLen], "rows follow the directory");
  BUCKETLAB_INVARIANT(words.size() == words[kRowOff] + nrows * kRowStride, "rows end the words");
  auto bits_ok = [&](const std::uint32_t* rw, bool swiss_row) {
    for (int i = 0; i < 8; ++i) {
      const std::uint8_t b = byte(rw, i);
      const bool occupied = swiss_row ? (b & swiss::kCtrlEmpty) == 0 : b >= classic::kMinTopHash;
      if (!occupied && hash(rw, i) != 0) return false;
    }
    return true;
  };
  std::uint32_t next_row = 0;
  if (sw) {
    BUCKETLAB_INVARIANT(u64(kUsed) <= u64(kCapacity), "used within capacity");
    if (words[kSwissBits] & kSmall) {
      BUCKETLAB_INVARIANT(ngroups == 0 && words[kDirLen] == 0 && nrows == 1, "a small map is one group");
    } else {
      std::uint32_t prev = 0;
      for (std::size_t i = 0; i < words[kDirLen]; ++i) {
        const std::uint32_t ord = words[words[kDirOff] + i];
        BUCKETLAB_INVARIANT(ord >= prev && ord < u64(kTableCount), "directory ordinals in order");
        prev = ord;
      }
      for (std::size_t k = 0; k < ngroups; ++k) {
        const std::uint32_t* t = &words[kHeaderWords + k * kTableStride];
        BUCKETLAB_INVARIANT(t[13] == next_row && t[14] >= 1 && (t[14] & (t[14] - 1)) == 0, "a table's groups, in order");
        BUCKETLAB_INVARIANT(t[8] <= t[7] && t[7] == 8 * t[14], "a table's counts");
        next_row += t[14];
      }
      BUCKETLAB_INVARIANT(next_row == nrows, "every group row belongs to a table");
    }
    for (std::size_t r = 0; r < nrows; ++r) BUCKETLAB_INVARIANT(bits_ok(row(r), true), "hashes only in full slots");
    return;
  }
  BUCKETLAB_INVARIANT(words[kDirLen] == 0 && words[kNewChains] <= ngroups, "classic: no directory");
  BUCKETLAB_INVARIANT(u64(kNevacuate) <= u64(kNoldbuckets) || !(words[kBits] & kGrowing), "nevacuate within the old array");
  BUCKETLAB_INVARIANT(u64(kNbuckets) == 0 || u64(kNbuckets) == std::uint64_t{1} << words[kB], "2^B buckets");
  for (std::size_t c = 0; c < ngroups; ++c) {
    const std::uint32_t* ch = &words[kHeaderWords + c * kChainStride];
    const bool old = c >= words[kNewChains];
    const std::uint64_t index = ch[0] | (std::uint64_t{ch[1]} << 32);
    BUCKETLAB_INVARIANT(index == u64(kFirstBucket) + (old ? c - words[kNewChains] : c), "chain indexes consecutive");
    BUCKETLAB_INVARIANT(ch[2] == next_row && ch[3] >= 1, "a chain's rows, in order");
    BUCKETLAB_INVARIANT(ch[4] <= 1 && (old || ch[4] == 0), "only old buckets are evacuated");
    BUCKETLAB_INVARIANT((row(ch[2])[kRowFlags] & kRowSpare) == 0, "a main bucket is not a spare");
    next_row += ch[3];
  }
  BUCKETLAB_INVARIANT(next_row == nrows, "every bucket row belongs to a chain");
  for (std::size_t r = 0; r < nrows; ++r) BUCKETLAB_INVARIANT(bits_ok(row(r), false), "hashes only in occupied slots");
}

void MapHeat::check_invariants() const {
  BUCKETLAB_INVARIANT(rows.size() % kHeatStride == 0, "heat rows are whole");
  if (swiss) {
    BUCKETLAB_INVARIANT(nbuckets == 0 && noldbuckets == 0, "swiss heat has no buckets");
    BUCKETLAB_INVARIANT(row_count() == ngroups, "one row per group");
    std::uint32_t prev = 0;
    for (std::size_t r = 0; r < row_count(); ++r) {
      const std::uint32_t* row = &rows[r * kHeatStride];
      BUCKETLAB_INVARIANT(row[0] + row[1] <= swiss::kGroupSlots, "a group has 8 slots");
      BUCKETLAB_INVARIANT(row[2] >= prev && (ntables == 0 ? row[2] == 0 : row[2] < ntables), "table ordinals in order");
      prev = row[2];
    }
    return;
  }
  BUCKETLAB_INVARIANT(ngroups == 0 && ntables == 0, "classic heat has no groups");
  BUCKETLAB_INVARIANT(row_count() == nbuckets + noldbuckets, "one row per bucket of each array");
  BUCKETLAB_INVARIANT(nevacuate <= noldbuckets, "nevacuate within the old array");
  for (std::size_t r = 0; r < row_count(); ++r) {
    const std::uint32_t* row = &rows[r * kHeatStride];
    BUCKETLAB_INVARIANT(row[1] >= 1 && row[0] <= row[1] * classic::kBucketCnt, "occupancy fits the chain");
    BUCKETLAB_INVARIANT(r >= nbuckets || (row[2] & kEvacuated) == 0, "new buckets are never evacuated");
    BUCKETLAB_INVARIANT(r < nbuckets + nevacuate ? r < nbuckets || (row[2] & kEvacuated) : true,
                        "old buckets below nevacuate are evacuated");
  }
}

void EvacuationView::check_invariants() const {
  if (!valid) {
    BUCKETLAB_INVARIANT(moves.empty(), "no moves without an evacuation");
    return;
  }
  BUCKETLAB_INVARIANT(oldbucket < newbit, "the old bucket is in the old array");
  BUCKETLAB_INVARIANT(x_bucket == oldbucket && y_bucket == (same_size ? oldbucket : oldbucket + newbit), "X/Y indexes");
  std::uint64_t next[2] = {0, 0};
  for (const auto& mv : moves) {
    BUCKETLAB_INVARIANT(!(same_size && mv.y), "a same-size grow has no Y");
    const std::uint64_t at = std::uint64_t{mv.dst_chain} * classic::kBucketCnt + mv.dst_slot;
    BUCKETLAB_INVARIANT(at == next[mv.y], "destinations are filled in order");
    ++next[mv.y];
    BUCKETLAB_INVARIANT(mv.src_slot < classic::kBucketCnt && mv.dst_slot < classic::kBucketCnt, "slots in range");
    // (a NaN key's hash differs at each call: only keys of this bucket are checked)
    if (current && !mv.key.empty() && !same_size && (mv.hash & (newbit - 1)) == oldbucket)
      BUCKETLAB_INVARIANT(((mv.hash & newbit) != 0) == mv.y, "the hash's newbit picks X or Y");
  }
}

std::uint64_t Maps::key_hash(const Type* map_type, Addr m, const void* key) {
  const auto* k = static_cast<const std::uint8_t*>(key);
  if (impl_->swiss) return impl_->sops(impl_->swiss_type_of(map_type), impl_->event_id(m)).hash(m, k);
  return impl_->ops(impl_->type_of(map_type)).hash_of(m, k);
}

MapHeat Maps::heat(std::size_t id) const {
  Impl& m = *impl_;
  const auto& r = m.maps.at(id);
  if (!alive(id)) throw ModelError("map " + std::to_string(id) + " has been garbage collected");
  MapHeat out;
  const Addr h = r.h;
  if (m.swiss) {
    out.swiss = true;
    const swiss::SwissMap ops = m.sops(*r.st, static_cast<std::uint32_t>(id));
    auto group_row = [&](Addr g, std::uint32_t table) {
      std::uint32_t full = 0, deleted = 0;
      for (std::uint64_t i = 0; i < swiss::kGroupSlots; ++i) {
        const std::uint8_t c = m.rt.load_u8(g + i);
        if (c == swiss::kCtrlDeleted) ++deleted;
        else if ((c & swiss::kCtrlEmpty) == 0) ++full;
      }
      out.rows.insert(out.rows.end(), {full, deleted, table});
      ++out.ngroups;
    };
    const Addr dir = ops.dir_ptr(h);
    if (dir == kNil) return out;
    if (ops.dir_len(h) == 0) {  // small map: its one group
      out.ntables = 0;
      group_row(dir, 0);
      return out;
    }
    Addr last = kNil;
    for (std::int64_t i = 0; i < ops.dir_len(h); ++i) {
      const Addr ta = ops.directory_at(h, static_cast<std::uint64_t>(i));
      if (ta == last) continue;
      last = ta;
      const swiss::Table tab(ops, ta);
      for (std::uint64_t g = 0; g <= tab.length_mask(); ++g) group_row(tab.group(g), static_cast<std::uint32_t>(out.ntables));
      ++out.ntables;
    }
    return out;
  }
  const MapType& t = *r.t;
  ClassicMap ops = m.ops(t);
  const Addr buckets = ops.buckets(h);
  if (buckets == kNil) return out;
  out.nbuckets = classic::bucket_shift(ops.B(h));
  out.noldbuckets = ops.growing(h) ? ops.noldbuckets(h) : 0;
  out.nevacuate = ops.growing(h) ? ops.nevacuate(h) : 0;
  // The preallocated overflow buckets sit past the 2^B main buckets in the
  // same array (makeBucketArray); the array's end is the heap object's.
  Addr spare_end = buckets + out.nbuckets * t.bucketsize;
  {
    runtime::MSpan* sp = nullptr;
    std::uint32_t idx = 0;
    if (m.rt.state().heap.find_object(buckets, sp, idx)) {
      const std::uint64_t len = sp->sizeclass() == 0 ? sp->large_count : sp->slots.at(idx).count;
      spare_end = buckets + std::max<std::uint64_t>(len, out.nbuckets) * t.bucketsize;
    }
  }
  const Addr spare_begin = buckets + out.nbuckets * t.bucketsize;
  auto rows = [&](Addr array, std::uint64_t n, bool old) {
    out.rows.reserve(out.rows.size() + MapHeat::kHeatStride * n);
    for (std::uint64_t j = 0; j < n; ++j) {
      const Addr b0 = ops.bucket_at(array, j);
      std::uint32_t occupied = 0, chain = 0, flags = 0;
      if (old && ops.evacuated(b0)) flags |= MapHeat::kEvacuated;
      for (Addr b = b0; b != kNil && chain < (1u << 20); b = ops.overflow(b)) {
        ++chain;
        if (b >= spare_begin && b < spare_end) flags |= MapHeat::kUsesSpare;
        // The 8 tophash bytes in one load; a byte is a full slot iff it is
        // >= kMinTopHash: its high bit is set, or (byte | 0x80) - kMinTopHash
        // keeps the high bit (no borrow crosses bytes: each is >= 0x80).
        const std::uint64_t tops = m.rt.load_u64(b);
        constexpr std::uint64_t kHigh = 0x8080808080808080ull, kLow = 0x0101010101010101ull;
        const std::uint64_t full = (tops | ((tops | kHigh) - kLow * classic::kMinTopHash)) & kHigh;
        occupied += static_cast<std::uint32_t>(((full >> 7) * kLow) >> 56);  // bytes set, summed into the top byte (no popcnt call)
      }
      out.rows.insert(out.rows.end(), {occupied, chain, flags});
    }
  };
  rows(buckets, out.nbuckets, false);
  if (out.noldbuckets) rows(ops.oldbuckets(h), out.noldbuckets, true);
  BUCKETLAB_DEBUG_CHECK(out);
  return out;
}

EvacuationView Maps::last_evacuation(std::size_t id) const {
  Impl& m = *impl_;
  const auto& r = m.maps.at(id);
  EvacuationView v;
  const classic::EvacRecord& rec = m.last_evac;
  if (m.swiss || !alive(id) || !rec.valid || rec.h != r.h) return v;
  const MapType& t = *r.t;
  ClassicMap ops = m.ops(t);
  v.valid = true;
  v.oldbucket = rec.oldbucket;
  v.newbit = rec.newbit;
  v.same_size = rec.same_size;
  v.x_bucket = rec.oldbucket;
  v.y_bucket = rec.same_size ? rec.oldbucket : rec.oldbucket + rec.newbit;
  v.current = ops.buckets(r.h) == rec.new_array;
  std::vector<std::uint8_t> kb(t.key->size);
  for (const auto& mv : rec.moves) {
    EvacuationMove e;
    e.src_chain = mv.src_chain;
    e.dst_chain = mv.dst_chain;
    e.src_slot = mv.src_slot;
    e.dst_slot = mv.dst_slot;
    e.y = mv.y != 0;
    if (v.current) {
      Addr b = ops.bucket_at(rec.new_array, e.y ? v.y_bucket : v.x_bucket);
      for (std::uint32_t c = 0; c < e.dst_chain && b != kNil; ++c) b = ops.overflow(b);
      if (b != kNil && ops.top(b, e.dst_slot) >= classic::kMinTopHash) {
        if (const Addr k = ops.key_at(b, e.dst_slot); k != kNil) {
          e.hash = ops.hash_at(r.h, k);
          m.alg->read(t.key, k, kb.data());
          e.key = format_value(m.rt, *m.alg, t.key, kb.data());
        }
      }
    }
    v.moves.push_back(std::move(e));
  }
  BUCKETLAB_DEBUG_CHECK(v);
  return v;
}

void Maps::check_invariants() const {
  for (std::size_t id = 0; id < impl_->maps.size(); ++id) {
    if (!alive(id)) continue;
    const auto& r = impl_->maps[id];
    if (impl_->swiss)
      impl_->sops(*r.st, static_cast<std::uint32_t>(id)).check_invariants(r.h);
    else
      impl_->ops(*r.t).check_invariants(r.h);
  }
}

}  // namespace bucketlab::maps
