#include "core/runtime/cost_model.h"

#include <cmath>
#include <cstring>

#include "core/common/check.h"
#include "core/runtime/cost_constants.h"

namespace bucketlab::runtime {

namespace {
constexpr const char* kKindNames[] = {
    "Instr", "Stmt", "LibCall", "FmtPrint", "FmtSprint", "Concat", "CopyByte",
    "MapAccess64", "MapAccessStr", "MapAccessGeneric",
    "MapAssign64", "MapAssignStr", "MapAssignGeneric",
    "MapDelete64", "MapDeleteStr", "MapDeleteGeneric",
    "MapInsert", "MapIterNext", "MapClear", "MapMake",
    "MapMissL1", "MapMissL2", "MapMissL1Str", "MapMissL2Str",
    "MapGrow", "MapEvacuate", "MapOverflow",
    "MallocTiny", "MallocSmall", "MallocRefill", "MallocSpan", "MallocLarge", "HeapGrow",
    "ZeroByte", "PageFault",
    "SweepSpan", "SweepObject",
    "GcSweepTermination", "GcMarkTermination",
    "GcMarkCycle", "GcMarkObject", "GcScanWord", "GcScanPointer", "GcRootByte",
    "RuntimeGC", "ReadMemStats", "ScavengePage",
};
static_assert(sizeof(kKindNames) / sizeof(kKindNames[0]) == kNumCostKinds, "a name per CostKind");

CostTable make_calibrated() {
  CostTable t;
  std::array<bool, kNumCostKinds> seen{};
  for (const auto& e : cost_constants::kCosts) {
    std::size_t k = 0;
    while (k < kNumCostKinds && std::strcmp(kKindNames[k], e.kind) != 0) ++k;
    BUCKETLAB_ASSERT(k < kNumCostKinds, "cost_constants.h names an unknown cost kind");
    BUCKETLAB_ASSERT(e.ns >= 0, "negative cost");
    // The map miss kinds count 1/1024 of a miss; their constant is per miss.
    const bool per_1024 = std::strncmp(e.kind, "MapMiss", 7) == 0;
    t.fx[k] = static_cast<std::uint64_t>(std::llround(e.ns * static_cast<double>(per_1024 ? 1 : kFxPerNs)));
    seen[k] = true;
  }
  for (bool s : seen) BUCKETLAB_ASSERT(s, "cost_constants.h lacks a cost kind");
  t.machine.l1_bytes = cost_constants::kL1Bytes;
  t.machine.l2_bytes = cost_constants::kL2Bytes;
  t.premain_ns = cost_constants::kPreMainNs;
  return t;
}
}  // namespace

const char* cost_kind_name(CostKind k) { return kKindNames[static_cast<std::size_t>(k)]; }

CostGroup cost_group(CostKind k) {
  using K = CostKind;
  switch (k) {
    case K::Instr: case K::Stmt: case K::LibCall: case K::FmtPrint: case K::FmtSprint: case K::Concat: case K::CopyByte:
      return CostGroup::Interp;
    case K::MallocTiny: case K::MallocSmall: case K::MallocRefill: case K::MallocSpan: case K::MallocLarge: case K::HeapGrow:
    case K::ZeroByte: case K::PageFault:
      return CostGroup::Malloc;
    case K::SweepSpan: case K::SweepObject: return CostGroup::Sweep;
    case K::GcSweepTermination: case K::GcMarkTermination: return CostGroup::GcStw;
    case K::GcMarkCycle: case K::GcMarkObject: case K::GcScanWord: case K::GcScanPointer: case K::GcRootByte: return CostGroup::GcMark;
    case K::ReadMemStats: case K::RuntimeGC: return CostGroup::Runtime;
    case K::ScavengePage: return CostGroup::Scavenge;
    default: return CostGroup::Maps;
  }
}

const char* cost_group_name(CostGroup g) {
  switch (g) {
    case CostGroup::Interp: return "interpreter";
    case CostGroup::Maps: return "maps";
    case CostGroup::Malloc: return "malloc";
    case CostGroup::Sweep: return "sweep";
    case CostGroup::GcStw: return "gc_stw";
    case CostGroup::GcMark: return "gc_mark";
    case CostGroup::Runtime: return "runtime";
    case CostGroup::Scavenge: return "scavenge";
    case CostGroup::Count: break;
  }
  return "?";
}

const CostTable& CostTable::calibrated() {
  static const CostTable t = make_calibrated();
  return t;
}

const CostTable& CostTable::zero() {
  static const CostTable t{};
  return t;
}

CostClock::CostClock(const CostTable& t) : t_(&t) {}

void CostClock::idle_until(std::uint64_t t_ns) {
  fold();
  const std::uint64_t now_ns = fx_ >> kFxShift;
  if (t_ns <= now_ns) return;
  idle_ns_ += t_ns - now_ns;
  fx_ = t_ns << kFxShift;
}

void CostClock::attach_counters(const std::uint64_t* instrs, const std::uint64_t* stmts) {
  fold();
  instrs_ = instrs;
  stmts_ = stmts;
  instrs_seen_ = *instrs;
  stmts_seen_ = *stmts;
}

void CostClock::detach_counters() {
  fold();
  instrs_ = stmts_ = nullptr;
}

void CostClock::fold_counters() {
  // A counter only grows between folds (the interpreter's one decrement
  // undoes an increment made since the last fold).
  const std::uint64_t di = *instrs_ > instrs_seen_ ? *instrs_ - instrs_seen_ : 0;
  const std::uint64_t ds = *stmts_ > stmts_seen_ ? *stmts_ - stmts_seen_ : 0;
  instrs_seen_ = *instrs_;
  stmts_seen_ = *stmts_;
  if (di) charge(CostKind::Instr, di);
  if (ds) charge(CostKind::Stmt, ds);
}

}  // namespace bucketlab::runtime
