#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace core {

// Byte offset of the first invalid UTF-8 sequence, or npos if `s` is valid UTF-8.
size_t findInvalidUtf8(std::string_view s);

// Number of code points before byte offset `bytes` (for 1-based column numbers in messages).
long utf8Columns(std::string_view s, size_t bytes);

// Decode one code point at s[i], advancing i; returns 0xFFFD on a bad sequence.
char32_t decodeUtf8(std::string_view s, size_t& i);
void appendUtf8(std::string& out, char32_t cp);

// Trim ASCII whitespace and NBSP; lower-case ASCII and the Danish/Latin-1 letters (ÆØÅ ÄÖÜ É).
std::string trim(std::string_view s);
std::string foldCase(std::string_view s);
// Case-fold and collapse runs of whitespace into one space: for label matching.
std::string normalizeLabel(std::string_view s);

}  // namespace core
