#include "core/maps/classic_map.h"

#include <bit>
#include <cstring>
#include <string>

#include "core/common/check.h"
#include "core/runtime/panic.h"
#include "core/runtime/slice.h"

namespace bucketlab::maps::classic {

using runtime::Kind;
using runtime::Runtime;

// The tophash scans read a bucket's 8 tophash bytes as one little-endian word.
static_assert(std::endian::native == std::endian::little);

namespace {
// Keys of one plain 8-byte word (ints, uintptr, pointers): Go's
// mapaccess*_fast64 compare them with one load (memequal64); the model
// does the same instead of copying the key out through KeyAlg.
bool word_key(const Type* t) {
  return t->size == 8 && (t->kind <= Kind::Uintptr || t->kind == Kind::Pointer || t->kind == Kind::UnsafePointer);
}
bool key_eq(const Runtime& rt, const MapType& t, const KeyAlg& alg, const std::uint8_t* key, Addr k) {
  if (word_key(t.key)) {
    std::uint64_t v;
    std::memcpy(&v, key, 8);
    return rt.load_u64(k) == v;
  }
  return alg.equal_host_sim(t.key, key, k);
}
}  // namespace

std::uint8_t hint_to_B(std::int64_t hint) {
  std::uint8_t B = 0;
  while (over_load_factor(hint, B)) ++B;
  return B;
}

MapType make_map_type(runtime::TypeTable& types, const Type* map_type) {
  BUCKETLAB_ASSERT(map_type->kind == Kind::Map, "make_map_type needs a map type");
  MapType t;
  t.map = map_type;
  t.key = map_type->key;
  t.elem = map_type->elem;
  // reflectdata.MapBucketType: keys/elems over 128 bytes are stored as pointers.
  const Type* keytype = t.key;
  const Type* elemtype = t.elem;
  t.indirectkey = keytype->size > kMaxKeySize;
  t.indirectelem = elemtype->size > kMaxElemSize;
  if (t.indirectkey) keytype = types.pointer_to(keytype);
  if (t.indirectelem) elemtype = types.pointer_to(elemtype);
  // No pointers in keys and elems: the overflow field is a uintptr, so the
  // bucket is noscan and overflow buckets are kept alive by hmap.extra.
  const Type* otyp = (!keytype->has_pointers() && !elemtype->has_pointers()) ? types.basic(Kind::Uintptr)
                                                                             : types.basic(Kind::UnsafePointer);
  const std::string bname = "map.bucket[" + t.key->name + "]" + t.elem->name;
  t.bucket = types.struct_of(bname, {{"topbits", types.array_of(types.basic(Kind::Uint8), kBucketCnt)},
                                     {"keys", types.array_of(keytype, kBucketCnt)},
                                     {"elems", types.array_of(elemtype, kBucketCnt)},
                                     {"overflow", otyp}});
  BUCKETLAB_ASSERT(t.bucket->fields[1].offset == kDataOffset, "keys follow tophash");
  BUCKETLAB_ASSERT(t.bucket->fields[3].offset + 8 == t.bucket->size, "overflow is the bucket's last word");
  t.keysize = keytype->size;
  t.elemsize = elemtype->size;
  t.bucketsize = t.bucket->size;
  BUCKETLAB_ASSERT(t.bucket->fields[2].offset == t.elems_offset(), "elems follow the keys without padding");
  t.reflexivekey = KeyAlg::reflexive(t.key);
  t.needkeyupdate = KeyAlg::needs_key_update(t.key);
  t.hmap = types.internal("runtime.hmap", hmap::kSize, 8, {hmap::kBuckets, hmap::kOldbuckets, hmap::kExtra});
  t.mapextra = types.internal("runtime.mapextra", mapextra::kSize, 8,
                              {mapextra::kOverflow, mapextra::kOldoverflow, mapextra::kNextOverflow});
  t.bmap_ptr = types.internal("*runtime.bmap", 8, 8, {0});
  t.overflow_slice = types.slice_of(t.bmap_ptr);
  return t;
}

Roles Roles::register_in(Runtime& rt) {
  Roles r;
  r.hmap = rt.register_alloc_role("map header (hmap)");
  r.buckets = rt.register_alloc_role("map bucket array");
  r.overflow = rt.register_alloc_role("map overflow bucket");
  r.mapextra = rt.register_alloc_role("map extra (mapextra)");
  r.overflow_list = rt.register_alloc_role("map overflow list ([]*bmap)");
  r.key = rt.register_alloc_role("map key (indirect)");
  r.elem = rt.register_alloc_role("map elem (indirect)");
  return r;
}

std::uint64_t ClassicMap::noldbuckets(Addr h) const {
  std::uint8_t oldB = B(h);
  if (!same_size_grow(h)) --oldB;
  return bucket_shift(oldB);
}

std::uint64_t ClassicMap::hash_at(Addr h, Addr k) const {
  if (word_key(t_.key)) {  // one word in a bucket: load it directly
    const std::uint64_t v = rt_.load_u64(k);
    std::uint8_t w[8];
    std::memcpy(w, &v, 8);
    return alg_.hash(t_.key, w, hash0(h));
  }
  std::uint8_t small[64];
  std::vector<std::uint8_t> big;
  std::uint8_t* buf = small;
  if (t_.key->size > sizeof small) {
    big.resize(t_.key->size);
    buf = big.data();
  }
  alg_.read(t_.key, k, buf);
  return alg_.hash(t_.key, buf, hash0(h));
}

void ClassicMap::set_overflow(Addr b, Addr ovf) {
  const Addr slot = b + t_.overflow_offset();
  if (t_.bucket->has_pointers())
    rt_.store_pointer(slot, ovf);
  else
    rt_.store_u64(slot, ovf);  // a uintptr: no write barrier, as in Go
}

void ClassicMap::memclr_has_pointers(Addr a, std::uint64_t n) {
  // memclrHasPointers: the barrier shades the old pointers before they go.
  for (std::uint64_t off = 0; off + 8 <= n; off += 8) rt_.store_pointer(a + off, kNil);
  if (n % 8) rt_.memclr(a + n / 8 * 8, n % 8);
}

// ---- allocation ----------------------------------------------------------

std::pair<Addr, Addr> ClassicMap::make_bucket_array(std::uint8_t b, Addr dirtyalloc) {
  const std::uint64_t base = bucket_shift(b);
  std::uint64_t nbuckets = base;
  // From B = 4 on, preallocate about 1/16 as many overflow buckets, filling
  // out the size class the array rounds up to anyway.
  if (b >= 4) {
    nbuckets += bucket_shift(static_cast<std::uint8_t>(b - 4));
    const std::uint64_t sz = t_.bucketsize * nbuckets;
    const std::uint64_t up = rt_.roundupsize(sz, !t_.bucket->has_pointers());
    if (up != sz) nbuckets = up / t_.bucketsize;
  }
  Addr buckets;
  if (dirtyalloc == kNil) {
    buckets = rt_.newarray(t_.bucket, static_cast<std::int64_t>(nbuckets), roles_.buckets);
  } else {
    buckets = dirtyalloc;
    const std::uint64_t size = t_.bucketsize * nbuckets;
    if (t_.bucket->has_pointers())
      memclr_has_pointers(buckets, size);
    else
      rt_.memclr(buckets, size);
  }
  Addr next_overflow = kNil;
  if (base != nbuckets) {
    // Spare buckets are handed out by bumping a pointer; the last one's
    // overflow field holds a non-nil sentinel (the array itself).
    next_overflow = buckets + base * t_.bucketsize;
    set_overflow(buckets + (nbuckets - 1) * t_.bucketsize, buckets);
  }
  return {buckets, next_overflow};
}

Addr ClassicMap::makemap(std::int64_t hint, std::uint32_t hash0) {
  // makemap: an overflowing or oversized hint counts as 0.
  if (hint < 0 || static_cast<std::uint64_t>(hint) > (std::uint64_t{1} << 48) / t_.bucketsize) hint = 0;
  const Addr h = rt_.newobject(t_.hmap, roles_.hmap);
  Runtime::LocalRoot keep(rt_, h);
  rt_.store_u32(h + hmap::kHash0, hash0);
  const std::uint8_t B = hint_to_B(hint);
  rt_.store_u8(h + hmap::kB, B);
  // B == 0: the bucket is allocated lazily by the first assignment.
  if (B != 0) {
    auto [buckets, next_overflow] = make_bucket_array(B, kNil);
    rt_.store_pointer(h + hmap::kBuckets, buckets);
    if (next_overflow != kNil) {
      const Addr x = rt_.newobject(t_.mapextra, roles_.mapextra);
      rt_.store_pointer(h + hmap::kExtra, x);
      rt_.store_pointer(x + mapextra::kNextOverflow, next_overflow);
    }
  }
  return h;
}

void ClassicMap::incrnoverflow(Addr h) {
  const std::uint8_t b = B(h);
  const std::uint16_t n = noverflow(h);
  if (b < 16) {
    rt_.store_u16(h + hmap::kNoverflow, static_cast<std::uint16_t>(n + 1));
    return;
  }
  // Increment with probability 1/2^(B-15), so that 2^15 approximates 2^B
  // overflow buckets. Go draws fastrand(); the model draws its seeded RNG.
  const std::uint32_t mask = (std::uint32_t{1} << (b - 15)) - 1;
  if ((rt_.rng().next32() & mask) == 0) rt_.store_u16(h + hmap::kNoverflow, static_cast<std::uint16_t>(n + 1));
}

Addr ClassicMap::create_overflow(Addr h) {
  Addr x = extra(h);
  if (x == kNil) {
    x = rt_.newobject(t_.mapextra, roles_.mapextra);
    rt_.store_pointer(h + hmap::kExtra, x);
  }
  if (rt_.load_pointer(x + mapextra::kOverflow) == kNil) {
    const Addr s = rt_.newobject(t_.overflow_slice, roles_.overflow_list);  // new([]*bmap)
    rt_.store_pointer(x + mapextra::kOverflow, s);
  }
  return x;
}

Addr ClassicMap::newoverflow(Addr h, Addr b, std::uint32_t id) {
  Addr ovf = kNil;
  bool spare = false;
  const Addr x0 = extra(h);
  if (x0 != kNil && rt_.load_pointer(x0 + mapextra::kNextOverflow) != kNil) {
    ovf = rt_.load_pointer(x0 + mapextra::kNextOverflow);
    spare = true;
    if (overflow(ovf) == kNil) {
      rt_.store_pointer(x0 + mapextra::kNextOverflow, ovf + t_.bucketsize);
    } else {
      set_overflow(ovf, kNil);  // the last spare: drop the sentinel
      rt_.store_pointer(x0 + mapextra::kNextOverflow, kNil);
    }
  } else {
    ovf = rt_.newobject(t_.bucket, roles_.overflow);
  }
  Runtime::LocalRoot keep(rt_, ovf);  // only a C++ local refers to it until linked
  incrnoverflow(h);
  if (!t_.bucket->has_pointers()) {
    // *h.extra.overflow = append(*h.extra.overflow, ovf)
    const Addr x = create_overflow(h);
    const Addr sp = rt_.load_pointer(x + mapextra::kOverflow);
    runtime::SliceHeader s{rt_.load_pointer(sp), static_cast<std::int64_t>(rt_.load_u64(sp + 8)),
                           static_cast<std::int64_t>(rt_.load_u64(sp + 16))};
    if (s.len + 1 > s.cap) {
      s = runtime::growslice(rt_, t_.bmap_ptr, s, s.len + 1, roles_.overflow_list);
      rt_.store_pointer(sp, s.array);
      rt_.store_u64(sp + 16, static_cast<std::uint64_t>(s.cap));
    }
    rt_.store_pointer(s.array + static_cast<std::uint64_t>(s.len) * 8, ovf);
    rt_.store_u64(sp + 8, static_cast<std::uint64_t>(s.len + 1));
  }
  set_overflow(b, ovf);
  rt_.events().emit(EventKind::MapOverflowAlloc, id, ovf, spare ? 1 : 0);
  return ovf;
}

// ---- lookup --------------------------------------------------------------

std::pair<Addr, Addr> ClassicMap::access_k(Addr h, const std::uint8_t* key) const {
  if (h == kNil || count(h) == 0) return {kNil, kNil};
  if (flags(h) & kHashWriting) throw runtime::GoFatal("concurrent map read and map write");
  const std::uint64_t hash = hash_of(h, key);
  std::uint64_t m = bucket_mask(B(h));
  Addr b = bucket_at(buckets(h), hash & m);
  if (const Addr c = oldbuckets(h); c != kNil) {
    if (!same_size_grow(h)) m >>= 1;  // the old array had half as many buckets
    const Addr oldb = bucket_at(c, hash & m);
    if (!evacuated(oldb)) b = oldb;
  }
  const std::uint8_t tp = tophash(hash);
  for (; b != kNil; b = overflow(b)) {
    const std::uint64_t tops = rt_.load_u64(b);  // the bucket's 8 tophash bytes in one load
    for (int i = 0; i < kBucketCnt; ++i) {
      const auto x = static_cast<std::uint8_t>(tops >> (8 * i));
      if (x != tp) {
        if (x == kEmptyRest) return {kNil, kNil};
        continue;
      }
      const Addr k = key_at(b, i);
      if (key_eq(rt_, t_, alg_, key, k)) return {k, elem_at(b, i)};
    }
  }
  return {kNil, kNil};
}

Addr ClassicMap::access(Addr h, const std::uint8_t* key) const { return access_k(h, key).second; }

// ---- assignment ----------------------------------------------------------

Addr ClassicMap::assign(Addr h, const std::uint8_t* key, std::uint32_t id) {
  if (h == kNil) throw runtime::GoPanic("assignment to entry in nil map");
  if (flags(h) & kHashWriting) throw runtime::GoFatal("concurrent map writes");
  const std::uint64_t hash = hash_of(h, key);
  set_flags(h, flags(h) ^ kHashWriting);
  if (buckets(h) == kNil) rt_.store_pointer(h + hmap::kBuckets, rt_.newobject(t_.bucket, roles_.buckets));

  for (;;) {  // again:
    const std::uint64_t bucket = hash & bucket_mask(B(h));
    if (growing(h)) grow_work(h, bucket, id);
    Addr b = bucket_at(buckets(h), bucket);
    const std::uint8_t tp = tophash(hash);

    Addr insertb = kNil;
    int inserti = 0;
    Addr found_elem = kNil;
    for (;;) {
      bool stop = false;
      const std::uint64_t tops = rt_.load_u64(b);  // tophash[0..7] in one load; the scan stores nothing
      for (int i = 0; i < kBucketCnt; ++i) {
        const auto x = static_cast<std::uint8_t>(tops >> (8 * i));
        if (x != tp) {
          if (is_empty(x) && insertb == kNil) {
            insertb = b;
            inserti = i;
          }
          if (x == kEmptyRest) {
            stop = true;
            break;
          }
          continue;
        }
        const Addr k = key_at(b, i);
        if (!key_eq(rt_, t_, alg_, key, k)) continue;
        // Already present: update the key if equal keys can differ (±0, string data).
        if (t_.needkeyupdate) rt_.typedmemmove_from_host(t_.key, k, key);
        found_elem = elem_slot(b, i);
        stop = true;
        break;
      }
      if (stop) break;
      const Addr ovf = overflow(b);
      if (ovf == kNil) break;
      b = ovf;
    }

    if (found_elem == kNil) {
      // Not found. At the load factor or with too many overflow buckets, and
      // not already growing: start growing and start over.
      if (!growing(h) && (over_load_factor(count(h) + 1, B(h)) || too_many_overflow_buckets(noverflow(h), B(h)))) {
        hash_grow(h, id);
        continue;
      }
      if (insertb == kNil) {
        // Every slot of the chain is full: chain a new overflow bucket.
        insertb = newoverflow(h, b, id);
        inserti = 0;
      }
      Runtime::LocalRoot keep_b(rt_, insertb);
      Addr insertk = key_slot(insertb, inserti);
      found_elem = elem_slot(insertb, inserti);
      if (t_.indirectkey) {
        const Addr kmem = rt_.newobject(t_.key, roles_.key);
        rt_.store_pointer(insertk, kmem);
        insertk = kmem;
      }
      if (t_.indirectelem) {
        const Addr vmem = rt_.newobject(t_.elem, roles_.elem);
        rt_.store_pointer(found_elem, vmem);
      }
      rt_.typedmemmove_from_host(t_.key, insertk, key);
      set_top(insertb, inserti, tp);
      rt_.store_u64(h + hmap::kCount, static_cast<std::uint64_t>(count(h) + 1));
    }
    if (!(flags(h) & kHashWriting)) throw runtime::GoFatal("concurrent map writes");
    set_flags(h, flags(h) & ~kHashWriting);
    return t_.indirectelem ? rt_.load_pointer(found_elem) : found_elem;
  }
}

// ---- deletion ------------------------------------------------------------

void ClassicMap::remove(Addr h, const std::uint8_t* key, std::uint32_t id) {
  if (h == kNil || count(h) == 0) return;
  if (flags(h) & kHashWriting) throw runtime::GoFatal("concurrent map writes");
  const std::uint64_t hash = hash_of(h, key);
  set_flags(h, flags(h) ^ kHashWriting);
  const std::uint64_t bucket = hash & bucket_mask(B(h));
  if (growing(h)) grow_work(h, bucket, id);
  Addr b = bucket_at(buckets(h), bucket);
  const Addr borig = b;
  const std::uint8_t tp = tophash(hash);
  bool done = false;
  for (; b != kNil && !done; b = done ? b : overflow(b)) {
    const std::uint64_t tops = rt_.load_u64(b);  // tophash[0..7]; the scan stores nothing before it stops
    for (int i = 0; i < kBucketCnt; ++i) {
      const auto x = static_cast<std::uint8_t>(tops >> (8 * i));
      if (x != tp) {
        if (x == kEmptyRest) {
          done = true;
          break;
        }
        continue;
      }
      const Addr kslot = key_slot(b, i);
      if (!key_eq(rt_, t_, alg_, key, key_at(b, i))) continue;
      // Clear the key only if it holds pointers; the elem always.
      if (t_.indirectkey)
        rt_.store_pointer(kslot, kNil);
      else if (t_.key->has_pointers())
        memclr_has_pointers(kslot, t_.key->size);
      const Addr e = elem_slot(b, i);
      if (t_.indirectelem)
        rt_.store_pointer(e, kNil);
      else if (t_.elem->has_pointers())
        memclr_has_pointers(e, t_.elem->size);
      else if (t_.elem->size == 8 && (e & 7) == 0) {
        rt_.store_u64(e, 0);  // memclr of one word: the same bytes, page touch and ZeroByte charge
        rt_.charge(runtime::CostKind::ZeroByte, 8);
      } else
        rt_.memclr(e, t_.elem->size);
      set_top(b, i, kEmptyOne);
      // If the chain now ends in emptyOne slots, turn them into emptyRest,
      // walking back (across buckets) to the last full slot.
      bool not_last = false;
      if (i == kBucketCnt - 1) {
        const Addr ovf = overflow(b);
        if (ovf != kNil && top(ovf, 0) != kEmptyRest) not_last = true;
      } else if (top(b, i + 1) != kEmptyRest) {
        not_last = true;
      }
      if (!not_last) {
        Addr cb = b;
        int ci = i;
        for (;;) {
          set_top(cb, ci, kEmptyRest);
          if (ci == 0) {
            if (cb == borig) break;  // beginning of the initial bucket
            const Addr c = cb;
            for (cb = borig; overflow(cb) != c; cb = overflow(cb)) {
            }
            ci = kBucketCnt - 1;
          } else {
            --ci;
          }
          if (top(cb, ci) != kEmptyOne) break;
        }
      }
      rt_.store_u64(h + hmap::kCount, static_cast<std::uint64_t>(count(h) - 1));
      // An empty map gets a new seed (issue 25237).
      if (count(h) == 0) rt_.store_u32(h + hmap::kHash0, rt_.rng().next32());
      done = true;
      break;
    }
  }
  if (!(flags(h) & kHashWriting)) throw runtime::GoFatal("concurrent map writes");
  set_flags(h, flags(h) & ~kHashWriting);
}

// ---- clear ---------------------------------------------------------------

void ClassicMap::clear(Addr h, std::uint32_t id) {
  (void)id;
  if (h == kNil || count(h) == 0) return;
  if (flags(h) & kHashWriting) throw runtime::GoFatal("concurrent map writes");
  set_flags(h, flags(h) ^ kHashWriting);
  set_flags(h, flags(h) & ~kSameSizeGrow);
  const Addr old = oldbuckets(h);
  rt_.store_pointer(h + hmap::kOldbuckets, kNil);
  if (old != kNil) rt_.events().emit(EventKind::MapOldFree, id, old);
  rt_.store_u64(h + hmap::kNevacuate, 0);
  rt_.store_u16(h + hmap::kNoverflow, 0);
  rt_.store_u64(h + hmap::kCount, 0);
  rt_.store_u32(h + hmap::kHash0, rt_.rng().next32());
  // Keep the mapextra allocation but clear it.
  if (const Addr x = extra(h); x != kNil) {
    rt_.store_pointer(x + mapextra::kOverflow, kNil);
    rt_.store_pointer(x + mapextra::kOldoverflow, kNil);
    rt_.store_pointer(x + mapextra::kNextOverflow, kNil);
  }
  // Reuse the bucket array: clear it and regenerate the spare overflow buckets.
  auto next_overflow = make_bucket_array(B(h), buckets(h)).second;
  if (next_overflow != kNil) rt_.store_pointer(extra(h) + mapextra::kNextOverflow, next_overflow);
  if (!(flags(h) & kHashWriting)) throw runtime::GoFatal("concurrent map writes");
  set_flags(h, flags(h) & ~kHashWriting);
}

// ---- growth --------------------------------------------------------------

void ClassicMap::hash_grow(Addr h, std::uint32_t id) {
  // At the load factor: double. Otherwise (too many overflow buckets):
  // same size, to pack the entries densely again.
  std::uint8_t bigger = 1;
  if (!over_load_factor(count(h) + 1, B(h))) {
    bigger = 0;
    set_flags(h, flags(h) | kSameSizeGrow);
  }
  const std::uint8_t oldB = B(h);
  const Addr old = buckets(h);
  auto [newbuckets, next_overflow] = make_bucket_array(static_cast<std::uint8_t>(oldB + bigger), kNil);
  Runtime::LocalRoot keep(rt_, newbuckets);
  std::uint8_t f = flags(h) & ~(kIterator | kOldIterator);
  if (flags(h) & kIterator) f |= kOldIterator;
  rt_.store_u8(h + hmap::kB, static_cast<std::uint8_t>(oldB + bigger));
  set_flags(h, f);
  rt_.store_pointer(h + hmap::kOldbuckets, old);
  rt_.store_pointer(h + hmap::kBuckets, newbuckets);
  rt_.store_u64(h + hmap::kNevacuate, 0);
  rt_.store_u16(h + hmap::kNoverflow, 0);
  if (const Addr x = extra(h); x != kNil && rt_.load_pointer(x + mapextra::kOverflow) != kNil) {
    // Promote the overflow list to the old generation.
    if (rt_.load_pointer(x + mapextra::kOldoverflow) != kNil) throw runtime::GoFatal("oldoverflow is not nil");
    rt_.store_pointer(x + mapextra::kOldoverflow, rt_.load_pointer(x + mapextra::kOverflow));
    rt_.store_pointer(x + mapextra::kOverflow, kNil);
  }
  if (next_overflow != kNil) {
    if (extra(h) == kNil) rt_.store_pointer(h + hmap::kExtra, rt_.newobject(t_.mapextra, roles_.mapextra));
    rt_.store_pointer(extra(h) + mapextra::kNextOverflow, next_overflow);
  }
  rt_.events().emit(EventKind::MapGrowStart, id, oldB, static_cast<std::uint64_t>(oldB + bigger), bigger ? 0 : 1);
}

void ClassicMap::grow_work(Addr h, std::uint64_t bucket, std::uint32_t id) {
  // Evacuate the old bucket the caller is about to use, then one more.
  evacuate(h, bucket & (noldbuckets(h) - 1), id);
  if (growing(h)) evacuate(h, nevacuate(h), id);
}

bool ClassicMap::evacuate_next(Addr h, std::uint32_t id) {
  if (h == kNil || !growing(h)) return false;
  evacuate(h, nevacuate(h), id);
  return true;
}

void ClassicMap::evacuate(Addr h, std::uint64_t oldbucket, std::uint32_t id) {
  const Addr oldarr = oldbuckets(h);
  Addr b = bucket_at(oldarr, oldbucket);
  const std::uint64_t newbit = noldbuckets(h);
  if (!evacuated(b)) {
    struct Dst {
      Addr b = kNil;
      int i = 0;
    } xy[2];
    const Addr nb = buckets(h);
    xy[0].b = bucket_at(nb, oldbucket);
    const bool same = same_size_grow(h);
    if (!same) xy[1].b = bucket_at(nb, oldbucket + newbit);
    std::uint64_t moved[2] = {0, 0};
    std::uint32_t dst_chain[2] = {0, 0}, src_chain = 0;
    if (evac_log_) {
      evac_log_->valid = true;
      evac_log_->h = h;
      evac_log_->new_array = nb;
      evac_log_->oldbucket = oldbucket;
      evac_log_->newbit = newbit;
      evac_log_->same_size = same;
      evac_log_->moves.clear();
    }
    for (; b != kNil; b = overflow(b), ++src_chain) {
      for (int i = 0; i < kBucketCnt; ++i) {
        std::uint8_t tp = top(b, i);
        if (is_empty(tp)) {
          set_top(b, i, kEvacuatedEmpty);
          continue;
        }
        if (tp < kMinTopHash) throw runtime::GoFatal("bad map state");
        const Addr k2 = key_at(b, i);
        std::uint8_t use_y = 0;
        if (!same) {
          // The hash decides between X (same index) and Y (index + newbit).
          const std::uint64_t hash = hash_at(h, k2);
          bool nan_like = false;
          if (!t_.reflexivekey && (flags(h) & kIterator)) {  // the type first: no hmap load per entry
            std::vector<std::uint8_t> kb(t_.key->size);
            alg_.read(t_.key, k2, kb.data());
            nan_like = !alg_.equal_host_host(t_.key, kb.data(), kb.data());
          }
          if (nan_like) {
            // k != k (NaN) with an iterator: the low bit of tophash decides,
            // and the key gets a fresh tophash for the next level.
            use_y = tp & 1;
            tp = tophash(hash);
          } else if (hash & newbit) {
            use_y = 1;
          }
        }
        set_top(b, i, static_cast<std::uint8_t>(kEvacuatedX + use_y));
        Dst& dst = xy[use_y];
        if (dst.i == kBucketCnt) {
          Runtime::LocalRoot keep_old(rt_, oldarr);
          dst.b = newoverflow(h, dst.b, id);
          dst.i = 0;
          ++dst_chain[use_y];
        }
        if (evac_log_)
          evac_log_->moves.push_back({src_chain, dst_chain[use_y], static_cast<std::uint8_t>(i),
                                      static_cast<std::uint8_t>(dst.i), use_y});
        set_top(dst.b, dst.i, tp);
        if (t_.indirectkey)
          rt_.store_pointer(key_slot(dst.b, dst.i), k2);
        else
          rt_.typedmemmove(t_.key, key_slot(dst.b, dst.i), key_slot(b, i));
        if (t_.indirectelem)
          rt_.store_pointer(elem_slot(dst.b, dst.i), rt_.load_pointer(elem_slot(b, i)));
        else
          rt_.typedmemmove(t_.elem, elem_slot(dst.b, dst.i), elem_slot(b, i));
        ++dst.i;
        ++moved[use_y];
      }
    }
    // Unlink the overflow buckets and clear keys/elems to help the GC
    // (tophash stays: it holds the evacuation state).
    if (!(flags(h) & kOldIterator) && t_.bucket->has_pointers()) {
      const Addr ob = bucket_at(oldarr, oldbucket);
      memclr_has_pointers(ob + kDataOffset, t_.bucketsize - kDataOffset);
    }
    rt_.events().emit(EventKind::MapEvacuate, id, oldbucket, moved[0], moved[1]);
  }
  if (oldbucket == nevacuate(h)) advance_evacuation_mark(h, newbit, id);
}

void ClassicMap::advance_evacuation_mark(Addr h, std::uint64_t newbit, std::uint32_t id) {
  std::uint64_t n = nevacuate(h) + 1;
  // Skip buckets already evacuated out of order, at most 1024 at a time.
  const std::uint64_t stop = std::min(n + 1024, newbit);
  const Addr old = oldbuckets(h);
  while (n != stop && evacuated(bucket_at(old, n))) ++n;
  rt_.store_u64(h + hmap::kNevacuate, n);
  if (n == newbit) {
    // Growth done: drop the old array and the old overflow list.
    rt_.store_pointer(h + hmap::kOldbuckets, kNil);
    if (const Addr x = extra(h); x != kNil) rt_.store_pointer(x + mapextra::kOldoverflow, kNil);
    set_flags(h, flags(h) & ~kSameSizeGrow);
    rt_.events().emit(EventKind::MapOldFree, id, old);
    rt_.events().emit(EventKind::MapGrowEnd, id, B(h));
  }
}

// ---- iteration -----------------------------------------------------------

void ClassicMap::iter_init(Addr h, Hiter& it) {
  it = Hiter{};
  if (h == kNil || count(h) == 0) return;
  it.h = h;
  it.B = B(h);
  it.buckets = buckets(h);
  if (!t_.bucket->has_pointers()) {
    // Keep the overflow buckets of both generations alive while iterating.
    const Addr x = create_overflow(h);
    it.overflow = rt_.load_pointer(x + mapextra::kOverflow);
    it.oldoverflow = rt_.load_pointer(x + mapextra::kOldoverflow);
  }
  // Random start bucket and offset (fastrand; fastrand64 for B > 28).
  const std::uint64_t r = it.B > 31 - kBucketCntBits ? rt_.rng().next64() : rt_.rng().next32();
  it.start_bucket = r & bucket_mask(it.B);
  it.offset = static_cast<std::uint8_t>((r >> it.B) & (kBucketCnt - 1));
  it.bucket = it.start_bucket;
  const std::uint8_t f = flags(h);
  if ((f & (kIterator | kOldIterator)) != (kIterator | kOldIterator)) set_flags(h, f | kIterator | kOldIterator);
  iter_next(it);
}

void ClassicMap::iter_next(Hiter& it) const {
  const Addr h = it.h;
  if (h == kNil) {
    it.key = it.elem = kNil;
    return;
  }
  if (flags(h) & kHashWriting) throw runtime::GoFatal("concurrent map iteration and map write");
  std::uint64_t bucket = it.bucket;
  Addr b = it.bptr;
  int i = it.i;
  std::uint64_t check_bucket = it.check_bucket;
  for (;;) {
    if (b == kNil) {
      if (bucket == it.start_bucket && it.wrapped) {
        it.key = it.elem = kNil;
        return;
      }
      if (growing(h) && it.B == B(h)) {
        // Started mid-growth and the old bucket is not evacuated yet:
        // walk it and keep only the entries bound for this new bucket.
        const std::uint64_t oldbucket = bucket & (noldbuckets(h) - 1);
        b = bucket_at(oldbuckets(h), oldbucket);
        if (!evacuated(b)) {
          check_bucket = bucket;
        } else {
          b = bucket_at(it.buckets, bucket);
          check_bucket = kNoCheck;
        }
      } else {
        b = bucket_at(it.buckets, bucket);
        check_bucket = kNoCheck;
      }
      ++bucket;
      if (bucket == bucket_shift(it.B)) {
        bucket = 0;
        it.wrapped = true;
      }
      i = 0;
    }
    for (; i < kBucketCnt; ++i) {
      const int offi = (i + it.offset) & (kBucketCnt - 1);
      const std::uint8_t tp = top(b, offi);
      if (is_empty(tp) || tp == kEvacuatedEmpty) continue;
      const Addr k = key_at(b, offi);
      Addr e = elem_slot(b, offi);
      bool kk = true;  // k == k
      if (!t_.reflexivekey) {
        std::vector<std::uint8_t> kb(t_.key->size);
        alg_.read(t_.key, k, kb.data());
        kk = alg_.equal_host_host(t_.key, kb.data(), kb.data());
      }
      if (check_bucket != kNoCheck && !same_size_grow(h)) {
        if (t_.reflexivekey || kk) {
          if ((hash_at(h, k) & bucket_mask(it.B)) != check_bucket) continue;
        } else if ((check_bucket >> (it.B - 1)) != static_cast<std::uint64_t>(tp & 1)) {
          continue;
        }
      }
      if ((tp != kEvacuatedX && tp != kEvacuatedY) || !(t_.reflexivekey || kk)) {
        it.key = k;
        it.elem = t_.indirectelem ? rt_.load_pointer(e) : e;
      } else {
        // The table grew since: the entry's current home has the truth
        // (deleted, updated, or re-inserted).
        std::vector<std::uint8_t> kb(t_.key->size);
        alg_.read(t_.key, k, kb.data());
        auto [rk, re] = access_k(h, kb.data());
        if (rk == kNil) continue;
        it.key = rk;
        it.elem = re;
      }
      it.bucket = bucket;
      it.bptr = b;
      it.i = static_cast<std::uint8_t>(i + 1);
      it.check_bucket = check_bucket;
      return;
    }
    b = overflow(b);
    i = 0;
  }
}

// ---- invariants ----------------------------------------------------------

void ClassicMap::check_invariants(Addr h) const {
  if (h == kNil) return;
  auto fail = [&](const std::string& what) { throw InvariantError("classic map: " + what); };
  const std::uint8_t f = flags(h);
  if (f & kHashWriting) fail("hashWriting set between operations");
  const Addr nb = buckets(h);
  const std::int64_t cnt = count(h);
  if (nb == kNil) {
    if (cnt != 0 || growing(h) || B(h) != 0) fail("nil buckets with entries, growth or B > 0");
    return;
  }
  const bool grow = growing(h);
  if (!grow && (f & kSameSizeGrow)) fail("sameSizeGrow flag without growth");
  // After a growth nevacuate stays at the old bucket count (hashGrow resets it).
  if (!grow && nevacuate(h) != 0 && nevacuate(h) != bucket_shift(B(h)) && nevacuate(h) != bucket_shift(B(h)) / 2)
    fail("nevacuate " + std::to_string(nevacuate(h)) + " without growth");
  const std::uint64_t nnew = bucket_shift(B(h));
  const std::uint64_t nold = grow ? noldbuckets(h) : 0;
  const std::uint64_t nev = nevacuate(h);
  if (grow && nev >= nold) fail("nevacuate past the old array while growing");
  std::int64_t full = 0;
  std::uint64_t ovf_new = 0;
  std::vector<std::uint8_t> kb(t_.key->size);
  // Walks one chain checking tophash states; returns entries seen.
  auto walk = [&](Addr b0, bool old_gen, std::uint64_t index) {
    std::int64_t n = 0;
    bool rest = false;
    const bool evac = old_gen && evacuated(b0);
    int chain = 0;
    for (Addr b = b0; b != kNil; b = overflow(b)) {
      if (++chain > (1 << 20)) fail("overflow chain cycle");
      if (b != b0 && !old_gen) ++ovf_new;
      for (int i = 0; i < kBucketCnt; ++i) {
        const std::uint8_t tp = top(b, i);
        if (evac) {
          if (!is_evacuated_mark(tp)) fail("evacuated bucket " + std::to_string(index) + " has a live slot");
          continue;
        }
        if (is_evacuated_mark(tp)) fail("evacuation mark in a live bucket " + std::to_string(index));
        if (rest && tp != kEmptyRest) fail("non-emptyRest slot after emptyRest in bucket " + std::to_string(index));
        if (tp == kEmptyRest) rest = true;
        if (tp >= kMinTopHash) {
          ++n;
          const Addr k = key_at(b, i);
          alg_.read(t_.key, k, kb.data());
          const std::uint64_t hash = alg_.hash(t_.key, kb.data(), hash0(h));
          const bool nan_like = !t_.reflexivekey && !alg_.equal_host_host(t_.key, kb.data(), kb.data());
          if (!nan_like) {
            if (tophash(hash) != tp) fail("tophash does not match the key's hash");
            const std::uint64_t home = old_gen ? (hash & (nold - 1)) : (hash & (nnew - 1));
            if (home != index) fail("key stored outside its bucket");
            if (access_k(h, kb.data()).first != k) fail("key not findable");
          }
        }
      }
    }
    return n;
  };
  for (std::uint64_t j = 0; j < nnew; ++j) {
    const Addr b = bucket_at(nb, j);
    const std::int64_t n = walk(b, false, j);
    if (grow && n > 0 && !evacuated(bucket_at(oldbuckets(h), j & (nold - 1))))
      fail("new bucket " + std::to_string(j) + " filled before its old bucket was evacuated");
    full += n;
  }
  if (grow) {
    const Addr ob = oldbuckets(h);
    for (std::uint64_t j = 0; j < nold; ++j) {
      const Addr b = bucket_at(ob, j);
      if (j < nev && !evacuated(b)) fail("old bucket below nevacuate not evacuated");
      if (!evacuated(b)) full += walk(b, true, j);
    }
  }
  if (full != cnt) fail("count " + std::to_string(cnt) + " != occupied slots " + std::to_string(full));
  if (B(h) < 16 && noverflow(h) != ovf_new)
    fail("noverflow " + std::to_string(noverflow(h)) + " != overflow buckets " + std::to_string(ovf_new));
  if (!t_.bucket->has_pointers()) {
    const Addr x = extra(h);
    const Addr sp = x == kNil ? kNil : rt_.load_pointer(x + mapextra::kOverflow);
    const std::uint64_t listed = sp == kNil ? 0 : rt_.load_u64(sp + 8);
    if (listed != ovf_new) fail("extra.overflow lists " + std::to_string(listed) + " buckets, chains hold " + std::to_string(ovf_new));
  }
}

}  // namespace bucketlab::maps::classic
