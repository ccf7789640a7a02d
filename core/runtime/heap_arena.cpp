#include "core/runtime/heap_arena.h"

#include <algorithm>
#include <new>

#include "core/common/text_out.h"

namespace bucketlab::runtime {

Addr HeapArena::map(std::uint64_t bytes) {
  BUCKETLAB_ASSERT(bytes % kPallocChunkBytes == 0, "heap grows in whole 4 MiB chunks");
  const Addr old_end = mapped_end();
  mapped_bytes_ += bytes;
  while (reserved_bytes_ < mapped_bytes_) {
    reserved_bytes_ += kHeapArenaBytes;  // sysAlloc reserves whole arenas
    zeroed_base_.push_back(0);
  }
  for (std::uint64_t i = 0; i < bytes / kPallocChunkBytes; ++i) {
    // calloc: fresh OS memory reads as zero, and the host backs its pages
    // when first touched, as the model's cold pages say
    auto* c = static_cast<std::uint8_t*>(std::calloc(kPallocChunkBytes, 1));
    if (c == nullptr) throw std::bad_alloc();
    chunks_.emplace_back(c);
  }
  const std::uint64_t pages = mapped_pages();
  spans_.resize(pages, nullptr);
  page_in_use_.resize(div_round_up(pages, 64), 0);
  page_marks_.resize(div_round_up(pages, 64), 0);
  cold_.resize(div_round_up(mapped_bytes_ >> kPhysShift, 64), 0);
  set_cold(old_end, bytes);  // sysMap'd memory is not backed until touched
  return old_end;
}

void HeapArena::set_cold(Addr a, std::uint64_t n) {
  const std::uint64_t first = (a - kArenaBaseAddr) >> kPhysShift, end = (a + n - kArenaBaseAddr) >> kPhysShift;
  for (std::uint64_t p = first; p < end; ++p) set_bit(cold_, p, true);
}

std::uint64_t HeapArena::touch_range(Addr a, std::uint64_t n) {
  if (n == 0) return 0;
  const std::uint64_t first = (a - kArenaBaseAddr) >> kPhysShift, last = (a + n - 1 - kArenaBaseAddr) >> kPhysShift;
  std::uint64_t k = 0;
  for (std::uint64_t p = first; p <= last; ++p)
    if (bit(cold_, p)) {
      set_bit(cold_, p, false);
      ++k;
    }
  return k;
}

std::uint64_t HeapArena::cold_pages_in(Addr a, std::uint64_t n) const {
  const std::uint64_t first = (a - kArenaBaseAddr) >> kPhysShift, end = (a + n - kArenaBaseAddr) >> kPhysShift;
  std::uint64_t k = 0;
  for (std::uint64_t p = first; p < end; ++p) k += bit(cold_, p) ? 1 : 0;
  return k;
}

std::uint64_t HeapArena::cold_pages() const {
  std::uint64_t k = 0;
  for (std::uint64_t w : cold_) k += static_cast<std::uint64_t>(__builtin_popcountll(w));
  return k;
}

namespace {
// The out-of-line half of check_addr: building the message costs a stack
// frame the in-range case (every ranged access) should not pay.
[[noreturn, gnu::cold, gnu::noinline]] void throw_unmapped(Addr a, std::uint64_t n, Addr end) {
  TextOut os;
  os << "bucketlab: access to unmapped simulated memory [0x" << hex << a << ", 0x" << a + n
     << ") (heap is [0x" << kArenaBaseAddr << ", 0x" << end << "))";
  throw ModelError(os.str());
}
}  // namespace

// check_addr inlined into the ranged operations below.
#define BUCKETLAB_CHECK_ADDR(a, n) \
  do { if (!in_heap(a) || (n) > mapped_end() - (a)) [[unlikely]] throw_unmapped((a), (n), mapped_end()); } while (0)

void HeapArena::check_addr(Addr a, std::uint64_t n) const { BUCKETLAB_CHECK_ADDR(a, n); }

void HeapArena::memclr(Addr a, std::uint64_t n) {
  if (n == 0) return;
  BUCKETLAB_CHECK_ADDR(a, n);
  while (n > 0) {
    std::uint64_t k = std::min(n, contiguous_bytes(a));
    std::memset(ptr(a), 0, k);
    a += k;
    n -= k;
  }
}

void HeapArena::read(Addr a, void* out, std::uint64_t n) const {
  if (n == 0) return;
  BUCKETLAB_CHECK_ADDR(a, n);
  auto* o = static_cast<std::uint8_t*>(out);
  while (n > 0) {
    std::uint64_t k = std::min(n, contiguous_bytes(a));
    std::memcpy(o, ptr(a), k);
    a += k;
    o += k;
    n -= k;
  }
}

void HeapArena::write(Addr a, const void* in, std::uint64_t n) {
  if (n == 0) return;
  BUCKETLAB_CHECK_ADDR(a, n);
  auto* i = static_cast<const std::uint8_t*>(in);
  while (n > 0) {
    std::uint64_t k = std::min(n, contiguous_bytes(a));
    std::memcpy(ptr(a), i, k);
    a += k;
    i += k;
    n -= k;
  }
}

void HeapArena::memmove(Addr dst, Addr src, std::uint64_t n) {
  if (n == 0 || dst == src) return;
  BUCKETLAB_CHECK_ADDR(dst, n);
  BUCKETLAB_CHECK_ADDR(src, n);
  // Copy in pieces that are contiguous on both sides, in the direction that
  // is safe for overlapping ranges.
  if (dst < src || dst >= src + n) {
    while (n > 0) {
      std::uint64_t k = std::min({n, contiguous_bytes(dst), contiguous_bytes(src)});
      std::memmove(ptr(dst), ptr(src), k);
      dst += k;
      src += k;
      n -= k;
    }
  } else {
    Addr de = dst + n, se = src + n;
    while (n > 0) {
      // Bytes available going backwards from the ends.
      std::uint64_t kd = ((de - kArenaBaseAddr - 1) & (kPallocChunkBytes - 1)) + 1;
      std::uint64_t ks = ((se - kArenaBaseAddr - 1) & (kPallocChunkBytes - 1)) + 1;
      std::uint64_t k = std::min({n, kd, ks});
      std::memmove(ptr(de - k), ptr(se - k), k);
      de -= k;
      se -= k;
      n -= k;
    }
  }
}

void HeapArena::set_spans(Addr base, std::uint64_t npages, MSpan* s) {
  const std::uint64_t p = page_index(base);
  for (std::uint64_t i = 0; i < npages; ++i) spans_[p + i] = s;
}

bool HeapArena::alloc_needs_zero(Addr base, std::uint64_t npages) {
  bool need = false;
  while (npages > 0) {
    const std::uint64_t off = base - kArenaBaseAddr;
    const std::uint64_t ai = off / kHeapArenaBytes;
    const std::uint64_t arena_base = off % kHeapArenaBytes;
    std::uint64_t& zeroed = zeroed_base_[ai];
    if (arena_base < zeroed) need = true;  // part of the range was used before
    std::uint64_t arena_limit = std::min(arena_base + npages * kPageSize, kHeapArenaBytes);
    if (arena_limit > zeroed) zeroed = arena_limit;
    base += arena_limit - arena_base;
    npages -= (arena_limit - arena_base) / kPageSize;
  }
  return need;
}

void HeapArena::check_invariants() const {
  BUCKETLAB_INVARIANT(mapped_bytes_ % kPallocChunkBytes == 0, "heap arena: mapped bytes are whole 4 MiB chunks");
  BUCKETLAB_INVARIANT(reserved_bytes_ % kHeapArenaBytes == 0, "heap arena: reserved bytes are whole arenas");
  BUCKETLAB_INVARIANT(mapped_bytes_ <= reserved_bytes_, "heap arena: mapped ≤ reserved");
  BUCKETLAB_INVARIANT(chunks_.size() * kPallocChunkBytes == mapped_bytes_, "heap arena: one backing chunk per 4 MiB");
  BUCKETLAB_INVARIANT(spans_.size() == mapped_pages(), "heap arena: one spans[] entry per page");
}

}  // namespace bucketlab::runtime
