// TextOut must print what std::ostringstream printed in its place (the core's
// messages and JSON are byte-identical to the stream-based versions).
#include "core/common/text_out.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <sstream>

using bucketlab::TextOut;

TEST_CASE("TextOut prints integers, strings and hex like std::ostringstream", "[common][text_out]") {
  std::ostringstream ref;
  TextOut out;
  auto both = [&](auto v) { ref << v; out << v; };
  both(std::uint64_t{0});
  both(std::numeric_limits<std::uint64_t>::max());
  both(std::numeric_limits<std::int64_t>::min());
  both(-1);
  both(42u);
  both(short{-7});
  both(std::uint16_t{65535});
  both(std::size_t{123456789});
  both("a \"quoted\" text\n");
  both(std::string("string"));
  both(std::string_view("view"));
  both(',');
  ref << std::hex;
  out << bucketlab::hex;
  both(std::uint64_t{0xc000010000});
  both(std::numeric_limits<std::uint64_t>::max());
  both(-1);                                     // two's complement of int
  both(std::int64_t{-2});                       // two's complement of int64
  both(255);
  both(" 0x");
  ref << std::dec;
  out << bucketlab::dec;
  both(255);
  CHECK(out.str() == ref.str());
  CHECK(out.str() ==
        "018446744073709551615-9223372036854775808-142-765535123456789a \"quoted\" text\nstringview,"
        "c000010000" "ffffffffffffffff" "ffffffff" "fffffffffffffffe" "ff" " 0x" "255");
}
