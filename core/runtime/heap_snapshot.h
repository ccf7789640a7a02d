// A plain, copyable view of the heap for inspection and drawing: every page's
// state and every in-use span with what its objects are for. Read from the
// runtime's structures; holds no pointers into them.
//
// Cost: O(pages + Σ nelems of in-use spans); for a 64 MiB heap of 8-byte
// objects that is 8 K pages and 8 M slot reads.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/types.h"

namespace bucketlab::runtime {

struct RuntimeState;

enum class PageState : std::uint8_t {
  Free = 0,      // free, memory retained (HeapIdle − HeapReleased)
  Released = 1,  // free and returned to the OS (HeapReleased)
  InUse = 2,     // in an in-use span (HeapInuse)
  Cached = 3,    // free, held by the P's page cache
};

enum class SpanSweepState : std::uint8_t { Swept = 0, Unswept = 1, Cached = 2 };

struct SpanView {
  std::uint32_t id = 0;
  Addr base = 0;
  std::uint32_t npages = 0;
  std::uint8_t sizeclass = 0;  // 0 = large object
  bool noscan = false;
  std::uint32_t elemsize = 0;
  std::uint32_t nelems = 0;
  std::uint32_t alloc_count = 0;
  SpanSweepState sweep = SpanSweepState::Swept;
  std::uint32_t roles_begin = 0, roles_count = 0;  // slice of HeapSnapshot::roles
};

struct RoleCount {
  std::uint16_t role = 0;
  std::uint32_t objects = 0;
};

struct HeapSnapshot {
  Addr arena_base = 0;
  std::vector<PageState> pages;  // one per mapped page
  std::vector<SpanView> spans;   // in address order
  std::vector<RoleCount> roles;  // per-span role histograms, concatenated
  std::vector<std::string> role_names;
};

// with_roles = false skips the per-slot role histograms (the O(Σ nelems)
// part): spans then have roles_count 0.
HeapSnapshot take_heap_snapshot(const RuntimeState& rt, bool with_roles = true);

// The role most of a span's objects were allocated for (ties: the lower
// role id); kRoleUnknown when the span holds no objects or roles were not taken.
inline constexpr std::uint32_t kRoleUnknown = 0xffffffffu;
std::uint32_t majority_role(const HeapSnapshot& snap, const SpanView& s);

// The span table as flat rows of kSpanRowWidth u32 (what the page draws):
// first page (index from arena_base), npages, sizeclass, noscan, elemsize,
// nelems, allocCount, sweep state, majority role.
inline constexpr std::size_t kSpanRowWidth = 9;
void span_rows(const HeapSnapshot& snap, std::vector<std::uint32_t>& out);

}  // namespace bucketlab::runtime
