#include "core/runtime/mspan.h"

#include "core/common/check.h"

namespace bucketlab::runtime {

void MSpan::init(Addr base, std::uint64_t npages_, SpanClass spc, std::uint32_t nelems_, std::uint64_t elemsize_) {
  start_addr = base;
  npages = npages_;
  spanclass = spc;
  elemsize = elemsize_;
  nelems = nelems_;
  limit = base + static_cast<std::uint64_t>(nelems_) * elemsize_;
  freeindex = 0;
  alloc_cache = ~std::uint64_t{0};  // all free
  alloc_count = 0;
  alloc_count_before_cache = 0;
  needzero = false;
  large_count = 0;
  const std::size_t words = div_round_up(nelems_, 64);
  alloc_bits.assign(words, 0);
  gcmark_bits.assign(words, 0);
  slots.assign(nelems_, SlotInfo{});
  state = SpanState::InUse;
}

std::uint32_t MSpan::next_free_index() {
  std::uint32_t sfreeindex = freeindex;
  const std::uint32_t snelems = nelems;
  if (sfreeindex == snelems) return sfreeindex;
  std::uint64_t a_cache = alloc_cache;
  int bit_index = a_cache ? __builtin_ctzll(a_cache) : 64;
  while (bit_index == 64) {
    // Move to the start of the next 64 slots and refill the cache.
    sfreeindex = (sfreeindex + 64) & ~std::uint32_t{63};
    if (sfreeindex >= snelems) {
      freeindex = snelems;
      return snelems;
    }
    refill_alloc_cache(sfreeindex / 8);
    a_cache = alloc_cache;
    bit_index = a_cache ? __builtin_ctzll(a_cache) : 64;
  }
  const std::uint32_t result = sfreeindex + static_cast<std::uint32_t>(bit_index);
  if (result >= snelems) {
    freeindex = snelems;
    return snelems;
  }
  alloc_cache = bit_index == 63 ? 0 : alloc_cache >> (bit_index + 1);  // Go: a shift by 64 yields 0
  sfreeindex = result + 1;
  if (sfreeindex % 64 == 0 && sfreeindex != snelems) refill_alloc_cache(sfreeindex / 8);
  freeindex = sfreeindex;
  return result;
}

std::uint32_t MSpan::count_alloc() const {
  std::uint32_t n = 0;
  for (auto w : gcmark_bits) n += static_cast<std::uint32_t>(__builtin_popcountll(w));
  return n;
}

void MSpan::check_invariants(std::uint32_t sg, bool gc_off) const {
  if (state != SpanState::InUse) return;
  BUCKETLAB_INVARIANT(freeindex <= nelems && alloc_count <= nelems, "mspan: freeindex and allocCount within nelems");
  std::uint32_t allocated = freeindex;
  for (std::uint32_t w = freeindex / 64; w < alloc_bits.size(); ++w) {
    std::uint64_t bits = alloc_bits[w];
    if (w == freeindex / 64) bits &= ~std::uint64_t{0} << (freeindex % 64);
    allocated += static_cast<std::uint32_t>(__builtin_popcountll(bits));
  }
  BUCKETLAB_INVARIANT(alloc_count == allocated,
                      "mspan: allocCount == freeindex + popcount(allocBits[freeindex:nelems])");
  const std::size_t words = div_round_up(nelems, 64);
  BUCKETLAB_INVARIANT(alloc_bits.size() == words && gcmark_bits.size() == words && slots.size() == nelems,
                      "mspan: bitmaps sized for nelems");
  if (nelems % 64 != 0 && words > 0) {
    const std::uint64_t beyond = ~std::uint64_t{0} << (nelems % 64);
    BUCKETLAB_INVARIANT((gcmark_bits[words - 1] & beyond) == 0 && (alloc_bits[words - 1] & beyond) == 0,
                        "mspan: no bits beyond nelems");
  }
  BUCKETLAB_INVARIANT(sweepgen == sg - 2 || sweepgen == sg || sweepgen == sg + 1 || sweepgen == sg + 3,
                      "mspan: sweepgen is one of sg-2, sg, sg+1, sg+3");
  if (gc_off && (sweepgen == sg || sweepgen == sg + 3)) {
    for (auto w : gcmark_bits) BUCKETLAB_INVARIANT(w == 0, "mspan: a swept span has mark bits while the GC is off");
  }
  if (sizeclass() != 0) {
    BUCKETLAB_INVARIANT(elemsize == kClassToSize[sizeclass()] && npages == kClassToAllocNPages[sizeclass()],
                        "mspan: elemsize and npages match the size class");
    BUCKETLAB_INVARIANT(limit == start_addr + static_cast<std::uint64_t>(nelems) * elemsize,
                        "mspan: limit == base + nelems·elemsize");
  } else {
    BUCKETLAB_INVARIANT(nelems == 1 && elemsize == span_bytes() && limit > start_addr && limit <= start_addr + elemsize,
                        "mspan: a large span holds one object of its whole pages");
  }
}

}  // namespace bucketlab::runtime
