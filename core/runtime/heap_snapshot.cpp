#include "core/runtime/heap_snapshot.h"

#include <algorithm>

#include "core/runtime/runtime_state.h"

namespace bucketlab::runtime {

HeapSnapshot take_heap_snapshot(const RuntimeState& rt, bool with_roles) {
  HeapSnapshot snap;
  snap.arena_base = rt.arena.base();
  snap.role_names = rt.roles;
  const std::uint64_t npages = rt.arena.mapped_pages();
  snap.pages.assign(npages, PageState::Free);
  for (std::uint64_t p = 0; p < npages; ++p)
    if (rt.heap.pages.page_free(p) && rt.heap.pages.page_scavenged(p)) snap.pages[p] = PageState::Released;
  if (!rt.heap.pcache.empty()) {
    const std::uint64_t p0 = HeapArena::page_index(rt.heap.pcache.base);
    for (int i = 0; i < 64; ++i)
      if ((rt.heap.pcache.cache >> i) & 1) snap.pages[p0 + i] = PageState::Cached;
  }

  std::vector<const MSpan*> spans;
  rt.heap.for_each_span([&](const MSpan& s) { spans.push_back(&s); });
  std::sort(spans.begin(), spans.end(), [](const MSpan* a, const MSpan* b) { return a->base() < b->base(); });
  std::vector<std::uint32_t> counts(rt.roles.size());
  const std::uint32_t sg = rt.heap.sweepgen;
  for (const MSpan* s : spans) {
    const std::uint64_t p0 = HeapArena::page_index(s->base());
    for (std::uint64_t p = p0; p < p0 + s->npages; ++p) snap.pages[p] = PageState::InUse;
    SpanView v;
    v.id = s->id;
    v.base = s->base();
    v.npages = static_cast<std::uint32_t>(s->npages);
    v.sizeclass = static_cast<std::uint8_t>(s->sizeclass());
    v.noscan = s->noscan();
    v.elemsize = static_cast<std::uint32_t>(std::min<std::uint64_t>(s->elemsize, 0xffffffffu));
    v.nelems = s->nelems;
    v.alloc_count = s->alloc_count;
    v.sweep = s->sweepgen == sg + 3 || s->sweepgen == sg + 1 ? SpanSweepState::Cached
              : s->sweepgen == sg                            ? SpanSweepState::Swept
                                                             : SpanSweepState::Unswept;
    v.roles_begin = static_cast<std::uint32_t>(snap.roles.size());
    if (!with_roles) { snap.spans.push_back(v); continue; }
    std::fill(counts.begin(), counts.end(), 0);
    for (std::uint32_t i = 0; i < s->nelems; ++i)
      if (s->is_allocated(i)) counts[s->slots[i].role]++;
    v.roles_begin = static_cast<std::uint32_t>(snap.roles.size());
    for (std::size_t r = 0; r < counts.size(); ++r)
      if (counts[r]) snap.roles.push_back(RoleCount{static_cast<std::uint16_t>(r), counts[r]});
    v.roles_count = static_cast<std::uint32_t>(snap.roles.size()) - v.roles_begin;
    snap.spans.push_back(v);
  }
  return snap;
}

std::uint32_t majority_role(const HeapSnapshot& snap, const SpanView& s) {
  std::uint32_t best = kRoleUnknown, most = 0;
  for (std::uint32_t i = s.roles_begin; i < s.roles_begin + s.roles_count; ++i)
    if (snap.roles[i].objects > most || (snap.roles[i].objects == most && snap.roles[i].role < best)) {
      most = snap.roles[i].objects;
      best = snap.roles[i].role;
    }
  return most ? best : kRoleUnknown;
}

void span_rows(const HeapSnapshot& snap, std::vector<std::uint32_t>& out) {
  out.clear();
  out.reserve(snap.spans.size() * kSpanRowWidth);
  for (const SpanView& s : snap.spans) {
    const std::uint32_t row[kSpanRowWidth] = {
        static_cast<std::uint32_t>((s.base - snap.arena_base) / kPageSize), s.npages, s.sizeclass, s.noscan ? 1u : 0u,
        s.elemsize, s.nelems, s.alloc_count, static_cast<std::uint32_t>(s.sweep), majority_role(snap, s)};
    out.insert(out.end(), row, row + kSpanRowWidth);
  }
}

}  // namespace bucketlab::runtime
