#pragma once
// Reading single values: trimming, numbers with decimal comma or point, and writing typed
// cells back as text where a text column receives a number or a date.
#include <string>
#include <string_view>

#include "core/Date.hpp"
#include "ingest/Source.hpp"

namespace ingest {

// Trims ASCII whitespace and no-break spaces at both ends, without copying.
std::string_view trimSlow(std::string_view s);
inline std::string_view trimView(std::string_view s) {
    if (s.empty()) return s;
    auto edge = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\xC2' || c == '\xA0'; };
    return edge(s.front()) || edge(s.back()) ? trimSlow(s) : s;
}

// Parses "1.234,5" (comma) or "1,234.5"/"1234.5" (point). Thousands groups must be
// well-formed so that "3.5" in comma mode is rejected rather than read as 35.
bool parseNumber(std::string_view s, bool comma, double& out);
bool parseNumber(std::string_view s, NumberStyle style, double& out);

std::string numberText(double v);       // 12, 3.5
std::string danishDate(core::Days d);   // 07-02-2022, as Danish exports write dates

// Excel serial day (1900 date system, with its 29-02-1900 that never was) to days since 1970.
bool excelSerialToDays(double serial, bool date1904, core::Days& out);

}  // namespace ingest
