// Models go/src/runtime/sizeclasses.go + msize.go (go1.19; the same table is
// internal/runtime/gc/sizeclasses.go in go1.26; go1.22+ and go1.26 deltas noted):
// the 68 size classes, span classes, and size → class rounding.
//
// Terminology
//   size class   one of 68 object sizes (class 0 = "large": one object per
//                span, span = whole pages). Small objects (≤ 32 KiB) are
//                rounded up to their class size.
//   span class   (sizeclass << 1) | noscan: a class's spans are split by
//                whether their objects contain pointers (scan) or not
//                (noscan), so the GC never looks inside noscan spans.
//   nelems       objects per span = span bytes / class size (Go 1.19); Go
//                1.22+ scan spans of ≤ 512 B objects reserve span bytes/64 at
//                the end for the pointer bitmap, Go 1.26 spans of 16..512 B
//                objects also reserve 128 B of inline mark bits.
//
// Algorithm
//   size ≤ 1016:  class = size_to_class8[ceil(size/8)]
//   size ≤ 32768: class = size_to_class128[ceil((size-1024)/128)]
//   larger:       large object, span = ceil(size/8192) pages.
//   Go 1.22+: a pointerful object > 512 B carries an 8-byte malloc header, so
//   its class is chosen for size+8, and every object > 32760 B is large.
//
// Invariants (checked by tests against Go's own sizeclasses.go)
//   kClassToSize[c] · nelems(c) + tail_waste(c) = kClassToAllocNPages[c] · 8192
//   kClassToSize[size_to_class(s)] ≥ s, and the class below is < s
//
// Deviations from Go: none; the lookup tables are derived at compile time
// from class_to_size (as mksizeclasses.go derives them) and compared with
// Go's generated arrays by tests/runtime/size_classes_test.cpp.
#pragma once
#include <array>
#include <cstdint>

#include "core/common/types.h"
#include "core/runtime/go_version.h"

namespace bucketlab::runtime {

inline constexpr std::uint64_t kPageShift = 13;  // _PageShift
inline constexpr std::uint64_t kPageSize = std::uint64_t{1} << kPageShift;
inline constexpr std::uint64_t kPageMask = kPageSize - 1;
inline constexpr std::uint64_t kMaxSmallSize = 32768;  // _MaxSmallSize
inline constexpr std::uint64_t kSmallSizeDiv = 8;
inline constexpr std::uint64_t kSmallSizeMax = 1024;
inline constexpr std::uint64_t kLargeSizeDiv = 128;
inline constexpr int kNumSizeClasses = 68;             // _NumSizeClasses
inline constexpr int kNumSpanClasses = kNumSizeClasses << 1;  // numSpanClasses (mheap.go)
inline constexpr std::uint64_t kMaxTinySize = 16;       // maxTinySize = _TinySize (malloc.go)
inline constexpr int kTinySizeClass = 2;                // _TinySizeClass
inline constexpr std::uint64_t kMallocHeaderSize = 8;   // Go 1.22+ mallocHeaderSize
// Go 1.22+ minSizeForMallocHeader = PtrSize * PtrBits: objects up to this
// size keep their pointer bitmap at the span end instead of a header.
inline constexpr std::uint64_t kMinSizeForMallocHeader = kPtrSize * 64;
// Go 1.26 spanInlineMarkBits: scans[63] + owned + marks[63] + class.
inline constexpr std::uint64_t kSpanInlineMarkBitsSize = 128;
inline constexpr int kNumBySizeClasses = 61;  // MemStats.BySize has 61 rows

static_assert(kMinSizeForMallocHeader == 512, "go1.22 heapBitsInSpan threshold is 512 bytes on 64-bit");

inline constexpr std::array<std::uint16_t, kNumSizeClasses> kClassToSize = {
    0,    8,    16,   24,   32,   48,    64,    80,    96,    112,   128,   144,   160,   176,
    192,  208,  224,  240,  256,  288,   320,   352,   384,   416,   448,   480,   512,   576,
    640,  704,  768,  896,  1024, 1152,  1280,  1408,  1536,  1792,  2048,  2304,  2688,  3072,
    3200, 3456, 4096, 4864, 5376, 6144,  6528,  6784,  6912,  8192,  9472,  9728,  10240, 10880,
    12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

inline constexpr std::array<std::uint8_t, kNumSizeClasses> kClassToAllocNPages = {
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8, 3, 10, 7, 4};

namespace detail {
// The smallest class whose size is ≥ `size` (what mksizeclasses.go computes).
constexpr std::uint8_t smallest_class_for(std::uint64_t size) {
  for (int c = 1; c < kNumSizeClasses; ++c)
    if (kClassToSize[c] >= size) return static_cast<std::uint8_t>(c);
  return 0;
}
constexpr std::array<std::uint8_t, kSmallSizeMax / kSmallSizeDiv + 1> make_size_to_class8() {
  std::array<std::uint8_t, kSmallSizeMax / kSmallSizeDiv + 1> t{};
  for (std::size_t i = 1; i < t.size(); ++i) t[i] = smallest_class_for(i * kSmallSizeDiv);
  return t;
}
constexpr std::array<std::uint8_t, (kMaxSmallSize - kSmallSizeMax) / kLargeSizeDiv + 1> make_size_to_class128() {
  std::array<std::uint8_t, (kMaxSmallSize - kSmallSizeMax) / kLargeSizeDiv + 1> t{};
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = smallest_class_for(kSmallSizeMax + i * kLargeSizeDiv);
  return t;
}
}  // namespace detail

// size_to_class8[ceil(size/8)] for size ≤ 1024-8; size_to_class128[ceil((size-1024)/128)] above.
inline constexpr auto kSizeToClass8 = detail::make_size_to_class8();
inline constexpr auto kSizeToClass128 = detail::make_size_to_class128();
static_assert(kSizeToClass8.size() == 129 && kSizeToClass128.size() == 249, "Go's array lengths");
static_assert(kSizeToClass128[0] == 32, "1024 bytes is class 32");

// The size class of a small object (1 ≤ size ≤ 32768), as mallocgc computes it.
constexpr int size_to_class(std::uint64_t size) {
  if (size <= kSmallSizeMax - 8) return kSizeToClass8[div_round_up(size, kSmallSizeDiv)];
  return kSizeToClass128[div_round_up(size - kSmallSizeMax, kLargeSizeDiv)];
}

// Span class: (sizeclass << 1) | noscan (mheap.go makeSpanClass).
using SpanClass = std::uint8_t;
constexpr SpanClass make_span_class(int sizeclass, bool noscan) {
  return static_cast<SpanClass>((sizeclass << 1) | (noscan ? 1 : 0));
}
constexpr int span_class_size_class(SpanClass spc) { return spc >> 1; }
constexpr bool span_class_noscan(SpanClass spc) { return (spc & 1) != 0; }
inline constexpr SpanClass kTinySpanClass = make_span_class(kTinySizeClass, true);
static_assert(kTinySpanClass == 5, "tinySpanClass in mheap.go");

// Objects of at most this many bytes are small (have a size class); larger
// ones get their own span. Go 1.22+: maxSmallSize - mallocHeaderSize.
constexpr std::uint64_t max_small_alloc(GoVersion v) {
  return v.alloc_headers() ? kMaxSmallSize - kMallocHeaderSize : kMaxSmallSize;
}

// Go 1.22+ heapBitsInSpan: small enough to keep pointer bits at the span end.
constexpr bool heap_bits_in_span(std::uint64_t size) { return size <= kMinSizeForMallocHeader; }

// Whether an allocation of `size` bytes (before the header) gets the Go 1.22+
// 8-byte malloc header: pointerful, small, and too big for span-end heap bits.
constexpr bool has_malloc_header(std::uint64_t size, bool noscan, GoVersion v) {
  return v.alloc_headers() && !noscan && !heap_bits_in_span(size) && size <= max_small_alloc(v);
}

// Objects per span of a class (mheap.go initSpan), per Go version and scan-ness.
std::uint32_t span_nelems(int sizeclass, bool noscan, GoVersion v);
// Bytes a span reserves after its objects for metadata (span-end heap bits,
// inline mark bits); 0 in Go 1.19.
std::uint64_t span_reserved_bytes(int sizeclass, bool noscan, GoVersion v);

// msize.go roundupsize: the bytes mallocgc will hand out for a request of
// `size` (Go 1.22+: minus the malloc header it adds for pointerful objects).
std::uint64_t roundupsize(std::uint64_t size, bool noscan, GoVersion v);

}  // namespace bucketlab::runtime
