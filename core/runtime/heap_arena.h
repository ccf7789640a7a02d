// Models the heap address space of go/src/runtime/malloc.go and mheap.go
// (go1.19; heapArena, sysAlloc/sysMap, arena hints): the simulated bytes of
// the heap and the per-page metadata Go keeps per 64 MiB arena.
//
// Terminology
//   arena        64 MiB of reserved address space (heapArenaBytes on
//                linux/amd64). Go reserves arenas at hint addresses starting
//                at 0x00c000000000 and, in practice, contiguously upward.
//   mapped       the prefix of the reserved space the heap has grown into
//                (mheap.grow, in multiples of 4 MiB = pallocChunkBytes). Only
//                mapped addresses have backing bytes; HeapSys = mapped bytes.
//   chunk        4 MiB of backing storage; allocated (zero-filled) when the
//                heap grows into it, never freed.
//   spans[]      page → owning span (heapArena.spans). As in Go, freeing a
//                span does not clear the entries; a page whose entry names a
//                dead span is simply not in use.
//   pageInUse    one bit per page, set on the FIRST page of each in-use span
//                (heapArena.pageInUse); used by the reclaimer.
//   pageMarks    one bit per page, set on the first page of a span when the
//                current mark phase marked any object in it (heapArena.pageMarks).
//   zeroedBase   per arena: everything at or above it has never been used
//                and is known to be zero (heapArena.zeroedBase).
//
// Algorithm: addr → byte is chunks_[off >> 22][off & (4 MiB − 1)], off =
// addr − 0x00c000000000. A 4 MiB-aligned chunk never splits an aligned word,
// so typed loads/stores of ≤ 8 bytes always see one chunk; byte ranges may
// cross chunks and go through the ranged helpers.
//
// Invariants
//   mapped_bytes % 4 MiB == 0;  mapped_bytes ≤ reserved_bytes;
//   reserved_bytes % 64 MiB == 0;  chunks_.size() · 4 MiB == mapped_bytes
//
// Deviations from Go
//   - Arenas are always contiguous from 0x00c000000000 (Go's hint order on
//     linux/amd64 when nothing else occupies the range). Go 1.26 randomises
//     the heap base and pads the first chunk with a random number of
//     allocated+released pages (GOEXPERIMENT randomizedheapbase64); the
//     model keeps the fixed, readable base for every version.
//   - Address space outside the heap (stacks, globals, runtime metadata) is
//     not modelled; such addresses are never dereferenced by the model.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "core/common/check.h"
#include "core/common/types.h"
#include "core/runtime/size_classes.h"

namespace bucketlab::runtime {

struct MSpan;

inline constexpr Addr kArenaBaseAddr = 0x00c000000000;      // first arena hint, linux/amd64
inline constexpr std::uint64_t kHeapArenaBytes = 64ull << 20;  // heapArenaBytes (64-bit Linux)
inline constexpr std::uint64_t kPagesPerArena = kHeapArenaBytes / kPageSize;
inline constexpr std::uint64_t kPallocChunkPages = 512;     // pallocChunkPages (mpagealloc.go)
inline constexpr std::uint64_t kPallocChunkBytes = kPallocChunkPages * kPageSize;
inline constexpr std::uint64_t kLogPallocChunkBytes = 22;
// A simulated bss address standing for runtime.zerobase: what mallocgc
// returns for zero-size allocations. Never in the heap.
inline constexpr Addr kZeroBaseAddr = 0x0000000000580000;
static_assert(kPallocChunkBytes == (std::uint64_t{1} << kLogPallocChunkBytes), "4 MiB chunks");
static_assert(kArenaBaseAddr % kHeapArenaBytes == 0, "arena hints are arena-aligned");

class HeapArena {
 public:
  HeapArena() = default;
  HeapArena(const HeapArena&) = delete;
  HeapArena& operator=(const HeapArena&) = delete;

  Addr base() const { return kArenaBaseAddr; }
  Addr mapped_end() const { return kArenaBaseAddr + mapped_bytes_; }
  std::uint64_t mapped_bytes() const { return mapped_bytes_; }
  std::uint64_t reserved_bytes() const { return reserved_bytes_; }
  std::uint64_t mapped_pages() const { return mapped_bytes_ / kPageSize; }

  // sysAlloc + sysMap: extend the mapped range by `bytes` (a multiple of
  // 4 MiB), reserving whole arenas as needed. Returns the old end.
  Addr map(std::uint64_t bytes);

  // True when `a` is a mapped heap address.
  bool in_heap(Addr a) const { return a - kArenaBaseAddr < mapped_bytes_; }

  // Host address of simulated byte `a`; valid for contiguous_bytes(a) bytes.
  std::uint8_t* ptr(Addr a) {
    if constexpr (kBucketlabCheckInvariants) check_addr(a, 1);
    const std::uint64_t off = a - kArenaBaseAddr;
    return chunks_[off >> kLogPallocChunkBytes].get() + (off & (kPallocChunkBytes - 1));
  }
  const std::uint8_t* ptr(Addr a) const { return const_cast<HeapArena*>(this)->ptr(a); }
  // Bytes from `a` to the end of its backing chunk.
  static std::uint64_t contiguous_bytes(Addr a) { return kPallocChunkBytes - ((a - kArenaBaseAddr) & (kPallocChunkBytes - 1)); }

  // Ranged operations that cross chunk boundaries correctly.
  void memclr(Addr a, std::uint64_t n);
  void memmove(Addr dst, Addr src, std::uint64_t n);
  void read(Addr a, void* out, std::uint64_t n) const;
  void write(Addr a, const void* in, std::uint64_t n);
  // Throws ModelError unless [a, a+n) is mapped heap memory.
  void check_addr(Addr a, std::uint64_t n) const;

  // Page metadata. Page index p = (addr − base) / 8 KiB.
  static std::uint64_t page_index(Addr a) { return (a - kArenaBaseAddr) >> kPageShift; }
  static Addr page_addr(std::uint64_t p) { return kArenaBaseAddr + (p << kPageShift); }
  MSpan* span_of_page(std::uint64_t p) const { return p < spans_.size() ? spans_[p] : nullptr; }
  // spanOf: the span whose pages contain `a` (possibly dead), or nullptr.
  MSpan* span_of(Addr a) const { return in_heap(a) ? spans_[page_index(a)] : nullptr; }
  void set_spans(Addr base, std::uint64_t npages, MSpan* s);

  bool page_in_use(std::uint64_t p) const { return bit(page_in_use_, p); }
  void set_page_in_use(std::uint64_t p, bool v) { set_bit(page_in_use_, p, v); }
  bool page_marked(std::uint64_t p) const { return bit(page_marks_, p); }
  void set_page_marked(std::uint64_t p) { set_bit(page_marks_, p, true); }
  void clear_page_marks() { std::fill(page_marks_.begin(), page_marks_.end(), 0); }
  // Word w of the pageInUse / pageMarks bitmaps (64 pages), for the reclaimer.
  std::uint64_t page_in_use_word(std::uint64_t w) const { return w < page_in_use_.size() ? page_in_use_[w] : 0; }
  std::uint64_t page_marks_word(std::uint64_t w) const { return w < page_marks_.size() ? page_marks_[w] : 0; }

  // Cold physical (4 KiB) pages: mapped but not backed by the OS yet
  // (fresh from sysMap, or released by the scavenger). The first write to
  // one faults it in (the cost model's PageFault).
  void set_cold(Addr a, std::uint64_t n);
  // Marks the physical pages of [a, a+n) backed; returns how many were cold.
  std::uint64_t touch(Addr a, std::uint64_t n) {
    const std::uint64_t first = (a - kArenaBaseAddr) >> kPhysShift;
    if (n <= 8 && first == (a + n - 1 - kArenaBaseAddr) >> kPhysShift) {  // the common one-word store
      // a is mapped (the caller wrote through ptr(a)), so its page has a bit
      if (!((cold_[first / 64] >> (first % 64)) & 1)) return 0;
      set_bit(cold_, first, false);
      return 1;
    }
    return touch_range(a, n);
  }
  std::uint64_t cold_pages() const;
  std::uint64_t cold_pages_in(Addr a, std::uint64_t n) const;  // whole 4 KiB pages of [a, a+n)

  // mheap.allocNeedsZero: whether [base, base+npages·8 KiB) may hold old
  // data, advancing each arena's zeroedBase past it.
  bool alloc_needs_zero(Addr base, std::uint64_t npages);

  void check_invariants() const;

 private:
  static bool bit(const std::vector<std::uint64_t>& v, std::uint64_t i) {
    return i / 64 < v.size() && ((v[i / 64] >> (i % 64)) & 1);
  }
  static void set_bit(std::vector<std::uint64_t>& v, std::uint64_t i, bool on) {
    if (on)
      v[i / 64] |= std::uint64_t{1} << (i % 64);
    else
      v[i / 64] &= ~(std::uint64_t{1} << (i % 64));
  }

  std::uint64_t mapped_bytes_ = 0;    // = chunks_.size() · 4 MiB
  std::uint64_t reserved_bytes_ = 0;  // whole arenas
  // calloc'd: a fresh chunk reads as zero without a memset of its 4 MiB
  // (the host maps zero pages lazily, as the OS does for sysMap).
  struct FreeChunk {
    void operator()(std::uint8_t* p) const { std::free(p); }
  };
  std::vector<std::unique_ptr<std::uint8_t[], FreeChunk>> chunks_;
  std::vector<MSpan*> spans_;               // per mapped page
  std::vector<std::uint64_t> page_in_use_;  // bit per mapped page
  std::vector<std::uint64_t> page_marks_;
  std::vector<std::uint64_t> zeroed_base_;  // per reserved arena: offset within the arena
  static constexpr int kPhysShift = 12;     // physPageSize = 4 KiB (page_alloc.h)
  std::uint64_t touch_range(Addr a, std::uint64_t n);
  std::vector<std::uint64_t> cold_;         // bit per mapped 4 KiB page: not backed yet
};

}  // namespace bucketlab::runtime
