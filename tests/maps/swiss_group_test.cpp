// The Swiss-table control word and probe sequence (Go 1.26
// internal/runtime/maps/group.go, table.go probeSeq): the portable bit
// tricks with expectations worked out from the formulas in group.go.
#include <catch2/catch.hpp>

#include <set>

#include "core/maps/swiss_group.h"

using namespace bucketlab::maps::swiss;

namespace {
// A control word from 8 bytes, slot 0 first (little-endian, ctrlGroup.get).
CtrlGroup ctrl(std::initializer_list<std::uint8_t> bytes) {
  CtrlGroup c{0};
  std::uint64_t i = 0;
  for (std::uint8_t b : bytes) c.set(i++, b);
  return c;
}
std::set<std::uint64_t> slots(Bitset b) {
  std::set<std::uint64_t> s;
  for (; !b.empty(); b = b.remove_first()) s.insert(b.first());
  return s;
}
}  // namespace

TEST_CASE("swiss group: constants are group.go's", "[swiss][group]") {
  CHECK(kGroupSlots == 8);                       // abi.MapGroupSlots
  CHECK(kCtrlEmpty == 0b10000000);               // ctrlEmpty
  CHECK(kCtrlDeleted == 0b11111110);             // ctrlDeleted
  CHECK(kBitsetEmpty == 0x8080808080808080ull);  // abi.MapCtrlEmpty
  CHECK(kMaxAvgGroupLoad == 7);
  CHECK(CtrlGroup{}.v == kBitsetEmpty);  // a fresh group is all empty (setEmpty)
}

TEST_CASE("swiss group: h1/h2 split the hash into 57 and 7 bits", "[swiss][group]") {
  const std::uint64_t h = 0xfedcba9876543210ull;
  CHECK(h2(h) == 0x10);  // h & 0x7f
  CHECK(h1(h) == h >> 7);
  CHECK(h2(0xff) == 0x7f);
}

TEST_CASE("swiss group: matchH2, matchEmpty, matchEmptyOrDeleted, matchFull", "[swiss][group]") {
  // slots: 0 full h=0x05, 1 empty, 2 deleted, 3 full 0x05, 4 full 0x7f, 5 empty, 6 full 0x00, 7 deleted
  const CtrlGroup c = ctrl({0x05, kCtrlEmpty, kCtrlDeleted, 0x05, 0x7f, kCtrlEmpty, 0x00, kCtrlDeleted});
  CHECK(slots(c.match_h2(0x05)) == std::set<std::uint64_t>{0, 3});
  CHECK(slots(c.match_h2(0x7f)) == std::set<std::uint64_t>{4});
  CHECK(slots(c.match_h2(0x00)) == std::set<std::uint64_t>{6});
  CHECK(slots(c.match_empty()) == std::set<std::uint64_t>{1, 5});
  CHECK(slots(c.match_empty_or_deleted()) == std::set<std::uint64_t>{1, 2, 5, 7});
  CHECK(slots(c.match_full()) == std::set<std::uint64_t>{0, 3, 4, 6});
  CHECK(c.any_full());
  CHECK_FALSE(CtrlGroup{}.any_full());
  CHECK(c.match_empty_or_deleted().count() == 4);
  // Never matches empty or deleted bytes, whatever h is.
  CHECK(CtrlGroup{}.match_h2(0x00).empty());
  CHECK(ctrl({kCtrlDeleted, kCtrlDeleted, kCtrlDeleted, kCtrlDeleted, kCtrlDeleted, kCtrlDeleted, kCtrlDeleted,
              kCtrlDeleted})
            .match_h2(0x7e)
            .empty());
}

TEST_CASE("swiss group: the portable matchH2 false positive group.go documents", "[swiss][group]") {
  // "if ctrls==0x0302 and h=02 ... both be considered matches of h": byte 0
  // is 0x02 (a real match) and byte 1 is 0x03, reported too.
  CtrlGroup c{0x0302};
  for (std::uint64_t i = 2; i < 8; ++i) c.set(i, kCtrlEmpty);
  CHECK(slots(c.match_h2(0x02)) == std::set<std::uint64_t>{0, 1});
}

TEST_CASE("swiss group: bitset first, removeFirst, removeBelow", "[swiss][group]") {
  const Bitset b{0x8000800000008000ull};  // slots 1, 5, 7
  CHECK(b.first() == 1);
  CHECK(b.remove_first().first() == 5);
  CHECK(b.remove_below(2).first() == 5);
  CHECK(b.remove_below(6).first() == 7);
  CHECK(b.remove_below(7).first() == 7);
  CHECK(b.remove_below(0).first() == 1);
}

TEST_CASE("swiss probe sequence: triangular over groups, visits each group once", "[swiss][group]") {
  // p(i) = h1 + i(i+1)/2 mod groups (table.go probeSeq).
  ProbeSeq s = ProbeSeq::make(5, 7);
  std::vector<std::uint64_t> seen;
  for (int i = 0; i < 8; ++i, s = s.next()) seen.push_back(s.offset);
  CHECK(seen == std::vector<std::uint64_t>{5, 6, 0, 3, 7, 4, 2, 1});
  for (std::uint64_t groups : {1u, 2u, 16u, 128u}) {
    std::set<std::uint64_t> all;
    ProbeSeq p = ProbeSeq::make(0x123456789ull, groups - 1);
    for (std::uint64_t i = 0; i < groups; ++i, p = p.next()) all.insert(p.offset);
    CHECK(all.size() == groups);
  }
}

TEST_CASE("swiss group: alignUpPow2", "[swiss][group]") {
  CHECK(align_up_pow2(0) == 0);
  CHECK(align_up_pow2(1) == 1);
  CHECK(align_up_pow2(10) == 16);
  CHECK(align_up_pow2(512) == 512);
  CHECK(align_up_pow2(513) == 1024);
}
