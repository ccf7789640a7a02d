#include "core/sim/snapshots.h"

#include <algorithm>

#include "core/common/check.h"
#include "core/runtime/heap_snapshot.h"
#include "core/sim/report.h"

namespace bucketlab::sim {

std::uint64_t RetainedSnapshot::bytes() const {
  std::uint64_t b = sizeof(RetainedSnapshot) + pages.size() + spans.size() * sizeof(std::uint32_t) +
                    maps.size() * sizeof(MapSummary);
  for (const Heat& h : heats) b += h.bytes();
  for (const Flat& f : flats) b += f.bytes();
  return b;
}

using F = maps::FlatMapSnapshot;

RetainedSnapshot::Flat RetainedSnapshot::Flat::keep(std::uint32_t map_id, const F& live) {
  Flat f;
  f.map_id = map_id;
  const auto& w = live.words;
  if (w.size() < F::kHeaderWords) return f;
  const std::uint32_t off = w[F::kRowOff], n = w[F::kRowCount];
  f.words.reserve(off + std::size_t{n} * SnapshotStore::kFlatRowStride);
  f.words.assign(w.begin(), w.begin() + off);
  for (std::uint32_t r = 0; r < n; ++r) {
    const auto* row = &w[off + std::size_t{r} * F::kRowStride];
    f.words.insert(f.words.end(), row, row + SnapshotStore::kFlatRowStride);
  }
  return f;
}

void RetainedSnapshot::Flat::expand(F& out) const {
  out.words.clear();
  if (words.size() < F::kHeaderWords) return;
  const std::uint32_t off = words[F::kRowOff], n = words[F::kRowCount];
  out.words.reserve(off + std::size_t{n} * F::kRowStride);
  out.words.assign(words.begin(), words.begin() + off);
  for (std::uint32_t r = 0; r < n; ++r) {
    const auto* row = &words[off + std::size_t{r} * SnapshotStore::kFlatRowStride];
    out.words.insert(out.words.end(), row, row + SnapshotStore::kFlatRowStride);
    out.words.insert(out.words.end(), F::kRowStride - SnapshotStore::kFlatRowStride, 0u);
  }
}

void RetainedSnapshot::Flat::check_invariants() const {
  BUCKETLAB_INVARIANT(words.size() >= F::kHeaderWords && words[F::kHeaderLen] == F::kHeaderWords, "snapshots: flat header");
  BUCKETLAB_INVARIANT(words[F::kRowStrideAt] == F::kRowStride, "snapshots: flat row stride (the live one)");
  BUCKETLAB_INVARIANT(words[F::kRowOff] <= words.size() &&
                          words.size() - words[F::kRowOff] == std::uint64_t{words[F::kRowCount]} * SnapshotStore::kFlatRowStride,
                      "snapshots: flat rows (without hashes) end the words");
}

bool RetainedSnapshot::flat_of(std::uint32_t map_id, F& out) const {
  out.words.clear();
  for (const Flat& f : flats)
    if (f.map_id == map_id) { f.expand(out); return true; }
  return false;
}

const maps::MapHeat* RetainedSnapshot::heat_of(std::uint32_t map_id) const {
  for (const Heat& h : heats)
    if (h.map_id == map_id) return &h.heat;
  return nullptr;
}

const char* snapshot_reason_name(SnapshotReason r) {
  switch (r) {
    case SnapshotReason::GcStart: return "gc-start";
    case SnapshotReason::GcEnd: return "gc-end";
    case SnapshotReason::MapGrowStart: return "grow-start";
    case SnapshotReason::MapGrowEnd: return "grow-end";
  }
  return "?";
}

std::string snapshot_label(const RetainedSnapshot& s) {
  const std::string n = std::to_string(s.subject);
  switch (s.reason) {
    case SnapshotReason::GcStart: return "GC " + n + " start";
    case SnapshotReason::GcEnd: return "GC " + n + " end";
    case SnapshotReason::MapGrowStart: return "map " + n + " grow start";
    case SnapshotReason::MapGrowEnd: return "map " + n + " grow end";
  }
  return "?";
}

std::optional<SnapshotReason> SnapshotStore::reason_for(EventKind k) {
  switch (k) {
    case EventKind::GcStart: return SnapshotReason::GcStart;
    case EventKind::GcEnd: return SnapshotReason::GcEnd;
    case EventKind::MapGrowStart: return SnapshotReason::MapGrowStart;
    // A Swiss table grow or split is a whole grow inside one assignment:
    // the moment after it is its finish.
    case EventKind::MapGrowEnd:
    case EventKind::SwissTableGrow:
    case EventKind::SwissTableSplit: return SnapshotReason::MapGrowEnd;
    default: return std::nullopt;
  }
}

void SnapshotStore::add(RetainedSnapshot s) {
  s.id = next_id_++;
  bytes_ += s.bytes();
  list_.push_back(std::move(s));
  if constexpr (kBucketlabCheckInvariants) {
    // The newest snapshot's flats whole, as the page will read them (older
    // ones were checked when added and are never changed).
    F whole;
    for (const RetainedSnapshot::Flat& f : list_.back().flats) {
      f.expand(whole);
      whole.check_invariants();
    }
  }
  while (list_.size() > 1 && (list_.size() >= capacity_ || bytes_ > max_bytes_)) {
    thin();
    if (list_.size() < capacity_ && bytes_ <= max_bytes_) break;
  }
  BUCKETLAB_DEBUG_CHECK(*this);
}

void SnapshotStore::thin() {
  // Keep the even positions and the newest; double the gap (start from the
  // average spacing so the refilled half spans as much run as the old one).
  std::vector<RetainedSnapshot> kept;
  kept.reserve(list_.size() / 2 + 1);
  for (std::size_t i = 0; i < list_.size(); ++i)
    if ((i % 2 == 0 && list_.size() > 2) || i + 1 == list_.size()) kept.push_back(std::move(list_[i]));
    else { bytes_ -= list_[i].bytes(); ++dropped_; }
  const std::uint64_t span = list_.back().ops - list_.front().ops;
  list_.swap(kept);
  gap_ = gap_ ? 2 * gap_ : std::max<std::uint64_t>(1, span / capacity_);
}

std::string snapshots_json(const SnapshotStore& store) {
  std::string o = "{\"taken\":" + std::to_string(store.taken()) + ",\"skipped\":" + std::to_string(store.skipped()) +
                  ",\"dropped\":" + std::to_string(store.dropped()) + ",\"capacity\":" + std::to_string(store.capacity()) +
                  ",\"snapshots\":[";
  bool first = true;
  for (const RetainedSnapshot& s : store.all()) {
    if (!first) o += ',';
    first = false;
    o += "{\"id\":" + std::to_string(s.id) + ",\"reason\":\"" + snapshot_reason_name(s.reason) +
         "\",\"label\":" + json_string(snapshot_label(s)) + ",\"subject\":" + std::to_string(s.subject) +
         ",\"ops\":" + std::to_string(s.ops) + ",\"nanotime\":" + std::to_string(s.nanotime) +
         ",\"NumGC\":" + std::to_string(s.num_gc) + ",\"pages\":" + std::to_string(s.pages.size()) +
         ",\"spans\":" + std::to_string(s.spans.size() / runtime::kSpanRowWidth) +
         ",\"map_count\":" + std::to_string(s.map_count) + ",\"maps\":" + maps_json(s.maps) + "}";
  }
  return o + "]}";
}

const RetainedSnapshot* SnapshotStore::find(std::uint32_t id) const {
  for (const auto& s : list_)
    if (s.id == id) return &s;
  return nullptr;
}

void SnapshotStore::check_invariants() const {
  BUCKETLAB_INVARIANT(list_.size() <= capacity_, "snapshots: over capacity");
  BUCKETLAB_INVARIANT(list_.size() <= 1 || bytes_ <= max_bytes_, "snapshots: over the byte bound");
  BUCKETLAB_INVARIANT(next_id_ == list_.size() + dropped_, "snapshots: taken != retained + dropped");
  std::uint64_t b = 0;
  for (std::size_t i = 0; i < list_.size(); ++i) {
    const RetainedSnapshot& s = list_[i];
    b += s.bytes();
    if (i) {
      BUCKETLAB_INVARIANT(s.id > list_[i - 1].id, "snapshots: ids out of order");
      BUCKETLAB_INVARIANT(s.ops >= list_[i - 1].ops, "snapshots: ops out of order");
    }
    BUCKETLAB_INVARIANT(s.spans.size() % runtime::kSpanRowWidth == 0, "snapshots: ragged span rows");
    BUCKETLAB_INVARIANT(s.maps.size() <= kMaxMaps && s.maps.size() <= s.map_count, "snapshots: map summaries");
    std::uint64_t hb = 0;
    for (std::size_t k = 0; k < s.heats.size(); ++k) {
      const RetainedSnapshot::Heat& h = s.heats[k];
      BUCKETLAB_INVARIANT(h.map_id < s.map_count && h.map_id < kMaxMaps, "snapshots: heat of a map not kept");
      BUCKETLAB_INVARIANT(k == 0 || h.map_id > s.heats[k - 1].map_id, "snapshots: heats out of order");
      h.heat.check_invariants();
      hb += h.bytes();
    }
    BUCKETLAB_INVARIANT(hb <= heat_budget(), "snapshots: heats over their budget");
    std::uint64_t fb = 0;
    for (std::size_t k = 0; k < s.flats.size(); ++k) {
      const RetainedSnapshot::Flat& f = s.flats[k];
      BUCKETLAB_INVARIANT(f.map_id < s.map_count && f.map_id < kMaxMaps, "snapshots: flat of a map not kept");
      BUCKETLAB_INVARIANT(k == 0 || f.map_id > s.flats[k - 1].map_id, "snapshots: flats out of order");
      f.check_invariants();
      const bool swiss = f.words[F::kKind] == 1;
      const auto u64 = [&f](std::uint32_t at) { return f.words[at] | (std::uint64_t{f.words[at + 1]} << 32); };
      if (const maps::MapHeat* h = s.heat_of(f.map_id)) {
        BUCKETLAB_INVARIANT(h->swiss == swiss && keeps_flat(*h), "snapshots: flat of a big map");
        if (!swiss)
          BUCKETLAB_INVARIANT(u64(F::kNbuckets) == h->nbuckets && u64(F::kNoldbuckets) == h->noldbuckets &&
                                  (h->noldbuckets == 0 || u64(F::kNevacuate) == h->nevacuate),  // (heat: 0 unless growing)
                              "snapshots: flat and heat rows disagree");
      }
      fb += f.bytes();
    }
    BUCKETLAB_INVARIANT(fb <= flat_budget(), "snapshots: flats over their budget");
    for (std::size_t r = 0; r < s.spans.size(); r += runtime::kSpanRowWidth) {
      const std::uint64_t p0 = s.spans[r], n = s.spans[r + 1];
      BUCKETLAB_INVARIANT(n > 0 && p0 + n <= s.pages.size(), "snapshots: span outside its pages");
      for (std::uint64_t p = p0; p < p0 + n; ++p)
        BUCKETLAB_INVARIANT(s.pages[p] == static_cast<std::uint8_t>(runtime::PageState::InUse), "snapshots: span page not in use");
    }
  }
  BUCKETLAB_INVARIANT(b == bytes_, "snapshots: byte count");
}

}  // namespace bucketlab::sim
