// TextOut: a string builder with the part of std::ostringstream's `<<` that
// the core's messages and JSON writers use, and the same output for it.
// Why not ostringstream: any stream pulls libc++'s whole locale machinery
// (money/time/codecvt facets, ~80 KB of wasm code) into the page bundle
// (bench/perf_notes.md, "Page bundle").
#pragma once
#include <charconv>
#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace bucketlab {

// Manipulators, as std::hex / std::dec: integers after `hex` print in
// lowercase hexadecimal without a prefix (negative ones as their unsigned
// two's complement, as a stream does) until `dec`.
struct TextHex {};
struct TextDec {};
inline constexpr TextHex hex{};
inline constexpr TextDec dec{};

template <class T>
concept TextInteger = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> &&
                      !std::same_as<T, signed char> && !std::same_as<T, unsigned char> &&
                      !std::same_as<T, char8_t> && !std::same_as<T, char16_t> && !std::same_as<T, char32_t> &&
                      !std::same_as<T, wchar_t>;

class TextOut {
 public:
  TextOut& operator<<(std::string_view s) { s_.append(s); return *this; }
  TextOut& operator<<(const char* s) { s_.append(s); return *this; }
  TextOut& operator<<(const std::string& s) { s_.append(s); return *this; }
  TextOut& operator<<(char c) { s_.push_back(c); return *this; }
  TextOut& operator<<(TextHex) { hex_ = true; return *this; }
  TextOut& operator<<(TextDec) { hex_ = false; return *this; }
  template <TextInteger T>
  TextOut& operator<<(T v) {
    char buf[24];
    const auto r = hex_ ? std::to_chars(buf, buf + sizeof buf, static_cast<std::make_unsigned_t<T>>(v), 16)
                        : std::to_chars(buf, buf + sizeof buf, v);
    s_.append(buf, r.ptr);
    return *this;
  }
  // A stream prints bool as 0/1, (un)signed char as a character and floating
  // point with its own precision rules: none is used, so none compiles.
  TextOut& operator<<(bool) = delete;
  TextOut& operator<<(signed char) = delete;
  TextOut& operator<<(unsigned char) = delete;
  TextOut& operator<<(float) = delete;
  TextOut& operator<<(double) = delete;
  TextOut& operator<<(long double) = delete;

  const std::string& str() const& { return s_; }
  std::string str() && { return std::move(s_); }

 private:
  std::string s_;
  bool hex_ = false;
};

}  // namespace bucketlab
