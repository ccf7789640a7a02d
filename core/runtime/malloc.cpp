#include "core/runtime/malloc.h"

#include <cstring>
#include <limits>

#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

namespace {

// nextFreeFast: a free slot from the span's allocCache without refilling it;
// UINT32_MAX when the slow path is needed.
inline std::uint32_t next_free_fast(MSpan* s) {
  const std::uint64_t cache = s->alloc_cache;
  if (cache == 0) return std::numeric_limits<std::uint32_t>::max();
  const int bit = __builtin_ctzll(cache);
  const std::uint32_t result = s->freeindex + static_cast<std::uint32_t>(bit);
  if (result >= s->nelems) return std::numeric_limits<std::uint32_t>::max();
  const std::uint32_t freeidx = result + 1;
  if (freeidx % 64 == 0 && freeidx != s->nelems) return std::numeric_limits<std::uint32_t>::max();
  s->alloc_cache = bit == 63 ? 0 : cache >> (bit + 1);  // Go: a shift by 64 yields 0
  s->freeindex = freeidx;
  s->alloc_count++;
  return result;
}

inline std::uint32_t take_slot(RuntimeState& rt, SpanClass spc, MSpan*& span, bool& heavy) {
  span = rt.mcache.alloc[spc];
  std::uint32_t idx = next_free_fast(span);
  if (idx == std::numeric_limits<std::uint32_t>::max()) {
    bool h;
    idx = rt.mcache.next_free(spc, span, h);
    heavy = heavy || h;
  }
  return idx;
}

inline std::uint16_t element_count(std::uint64_t size, const Type* typ) {
  return typ && typ->size ? static_cast<std::uint16_t>(size / typ->size) : 0;
}

}  // namespace

Addr mallocgc(RuntimeState& rt, std::uint64_t size, const Type* typ, bool needzero, std::uint16_t role) {
  BUCKETLAB_ASSERT(rt.gc.phase() != GcPhase::MarkTermination, "mallocgc called with gcphase == _GCmarktermination");
  if (size == 0) return kZeroBaseAddr;

  const GoVersion v = rt.version;
  const bool noscan = typ == nullptr || !typ->has_pointers();
  // Stale bytes would be scanned as pointers (go1.26 throws the same).
  BUCKETLAB_ASSERT(needzero || noscan, "objects with pointers must be zeroed");
  const std::uint64_t data_size = size;
  bool heavy = false;  // shouldhelpgc
  MSpan* span = nullptr;
  std::uint32_t idx = 0;
  Addr x = 0;

  if (size <= max_small_alloc(v)) {
    MCache& c = rt.mcache;
    if (noscan && size < kMaxTinySize) {
      // Tiny allocator: combine pointer-free allocations into 16-byte blocks.
      std::uint64_t off = c.tinyoffset;
      if ((size & 7) == 0)
        off = align_up(off, 8);
      else if ((size & 3) == 0)
        off = align_up(off, 4);
      else if ((size & 1) == 0)
        off = align_up(off, 2);
      if (off + size <= kMaxTinySize && c.tiny != 0) {
        // It fits into the existing block: no new heap object.
        x = c.tiny + off;
        c.tinyoffset = off + size;
        c.tiny_allocs++;
        rt.clock.charge(CostKind::MallocTiny);
        return x;
      }
      idx = take_slot(rt, kTinySpanClass, span, heavy);
      x = span->base() + static_cast<std::uint64_t>(idx) * kMaxTinySize;
      std::memset(rt.arena.ptr(x), 0, kMaxTinySize);  // always zeroed
      rt.clock.charge(CostKind::PageFault, rt.arena.touch(x, kMaxTinySize));
      rt.clock.charge(CostKind::MallocSmall);
      rt.clock.charge(CostKind::ZeroByte, kMaxTinySize);
      // Keep whichever block leaves more room.
      if (size < c.tinyoffset || c.tiny == 0) {
        c.tiny = x;
        c.tinyoffset = size;
      }
      span->slots[idx] = SlotInfo{typ ? typ->id : kNoType, role, element_count(size, typ)};
      size = kMaxTinySize;
    } else {
      const bool header = has_malloc_header(size, noscan, v);
      const std::uint64_t req = header ? size + kMallocHeaderSize : size;
      const int sizeclass = size_to_class(req);
      size = kClassToSize[sizeclass];
      idx = take_slot(rt, make_span_class(sizeclass, noscan), span, heavy);
      x = span->base() + static_cast<std::uint64_t>(idx) * size;
      rt.clock.charge(CostKind::MallocSmall);
      if (needzero && span->needzero) {
        rt.arena.memclr(x, size);
        rt.clock.charge(CostKind::ZeroByte, size);
        rt.clock.charge(CostKind::PageFault, rt.arena.touch(x, size));
      }
      span->slots[idx] = SlotInfo{typ ? typ->id : kNoType, role, element_count(data_size, typ)};
      if (header) {
        rt.clock.charge(CostKind::PageFault, rt.arena.touch(x, kMallocHeaderSize));
        // Go 1.22+: the object starts with its type pointer.
        const Addr type_word = kTypeDescBase + static_cast<Addr>(typ->id) * kPtrSize;
        std::memcpy(rt.arena.ptr(x), &type_word, sizeof type_word);
        x += kMallocHeaderSize;
      }
    }
  } else {
    heavy = true;
    span = rt.mcache.alloc_large(size, noscan);
    span->freeindex = 1;
    span->alloc_count = 1;
    size = span->elemsize;
    x = span->base();
    idx = 0;
    if (needzero && span->needzero) {
      rt.arena.memclr(x, size);
      rt.clock.charge(CostKind::ZeroByte, size);
      rt.clock.charge(CostKind::PageFault, rt.arena.touch(x, size));
    }
    span->slots[0] = SlotInfo{typ ? typ->id : kNoType, role, 0};
    span->large_count = typ && typ->size ? data_size / typ->size : 0;
  }

  std::uint64_t scan_size = 0;
  if (!noscan) {
    scan_size = data_size > typ->size ? data_size - typ->size + typ->ptrdata : typ->ptrdata;
    rt.mcache.scan_alloc += scan_size;
  }

  // A map's memory is written through raw pointers: its pages fault in now.
  if (role != 0 && rt.role_written[role])
    rt.clock.charge(CostKind::PageFault, rt.arena.touch(span->base() + static_cast<std::uint64_t>(idx) * size, size));

  // Allocate black during GC: all slots hold nil, so no scanning is needed.
  if (rt.gc.phase() != GcPhase::Off) rt.gc.mark_new_object(span, idx, size, scan_size);

  if (heavy && rt.gc.trigger_test(GcTriggerKind::Heap)) {
    // The new object is live in the caller's frame while the GC runs.
    struct Inflight {
      Gc& gc;
      ~Inflight() { gc.set_inflight(0); }
    } guard{rt.gc};
    rt.gc.set_inflight(x);
    rt.gc.start(GcTriggerKind::Heap);
  }
  return x;
}

Addr newobject(RuntimeState& rt, const Type* typ, std::uint16_t role) { return mallocgc(rt, typ->size, typ, true, role); }

Addr newarray(RuntimeState& rt, const Type* typ, std::int64_t n, std::uint16_t role) {
  if (n == 1) return mallocgc(rt, typ->size, typ, true, role);
  // maxAlloc on 64-bit Linux is 1 << 48 (heapAddrBits).
  constexpr std::uint64_t kMaxAlloc = std::uint64_t{1} << 48;
  if (n < 0 || (typ->size != 0 && static_cast<std::uint64_t>(n) > kMaxAlloc / typ->size))
    throw std::length_error("panic: runtime error: allocation size out of range");
  return mallocgc(rt, typ->size * static_cast<std::uint64_t>(n), typ, true, role);
}

}  // namespace bucketlab::runtime
