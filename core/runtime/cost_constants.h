// Placeholder constants (hand-set, before the first calibration run).
// Regenerate with: bash bench/calibrate/calibrate.sh
#pragma once
#include <cstdint>

namespace bucketlab::runtime::cost_constants {

struct Entry {
  const char* kind;  // cost_kind_name
  double ns;         // ns per unit
};

inline constexpr Entry kCosts[] = {
    {"Instr", 0.5}, {"Stmt", 0.5}, {"LibCall", 10}, {"FmtCall", 500}, {"Concat", 15}, {"CopyByte", 0.1},
    {"MapAccess64", 6}, {"MapAccessStr", 9}, {"MapAccessGeneric", 15},
    {"MapAssign64", 9}, {"MapAssignStr", 13}, {"MapAssignGeneric", 20},
    {"MapDelete64", 20}, {"MapDeleteStr", 25}, {"MapDeleteGeneric", 30},
    {"MapIterNext", 5}, {"MapClear", 50}, {"MapMake", 30},
    {"MapMissL1", 15}, {"MapMissL2", 25}, {"MapMissL1Str", 30}, {"MapMissL2Str", 60},
    {"MapGrow", 50}, {"MapEvacuate", 60}, {"MapOverflow", 10},
    {"MallocTiny", 5}, {"MallocSmall", 12}, {"MallocRefill", 200}, {"MallocSpan", 800}, {"MallocLarge", 1500},
    {"ZeroByte", 0.05}, {"PageFault", 250},
    {"SweepSpan", 150}, {"SweepObject", 2},
    {"GcSweepTermination", 5000}, {"GcMarkTermination", 1000},
    {"GcMarkCycle", 20000}, {"GcMarkObject", 10}, {"GcScanByte", 0.3}, {"GcScanPointer", 3}, {"GcRootByte", 0.5},
    {"ReadMemStats", 3000}, {"ScavengePage", 1000},
};

inline constexpr std::uint64_t kL1Bytes = 48 << 10;
inline constexpr std::uint64_t kL2Bytes = 2 << 20;
inline constexpr std::uint64_t kPreMainNs = 150000;

}  // namespace bucketlab::runtime::cost_constants
