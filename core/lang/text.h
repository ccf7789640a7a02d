// Unicode and text helpers shared by the lexer, the checker's messages and
// (later) the interpreter's fmt/strconv: strict UTF-8 decoding as Go's
// unicode/utf8, the letter/digit/printable predicates of Go's unicode and
// strconv packages, and Go's quoting (strconv.Quote, QuoteRune, %#U).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace bucketlab::lang {

inline constexpr std::int32_t kRuneError = 0xFFFD;
inline constexpr std::int32_t kMaxRune = 0x10FFFF;

// Decodes the first rune of s as utf8.DecodeRune: returns the rune and sets
// width; an invalid or incomplete encoding yields (RuneError, 1), and an
// empty input (RuneError, 0).
std::int32_t decode_rune(std::string_view s, int& width);
// Decodes the last rune of s as utf8.DecodeLastRuneInString.
std::int32_t decode_last_rune(std::string_view s, int& width);
// Appends the UTF-8 encoding of r (RuneError for invalid runes), as Go's string(rune).
void append_rune(std::string& out, std::int32_t r);
// Number of runes as utf8.RuneCountInString.
std::size_t rune_count(std::string_view s);

bool is_letter(std::int32_t r);  // unicode.IsLetter
bool is_digit(std::int32_t r);   // unicode.IsDigit
bool is_print(std::int32_t r);   // strconv.IsPrint

std::string quote(std::string_view s);       // strconv.Quote
std::string quote_rune(std::int32_t r);      // strconv.QuoteRune
std::string format_U(std::int32_t r);        // fmt %#U: "U+0041 'A'" (or "U+0000" if not printable)

}  // namespace bucketlab::lang
