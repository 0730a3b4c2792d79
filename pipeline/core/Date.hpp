#pragma once
// Calendar dates as days since 1970-01-01 (proleptic Gregorian); plain ints are cheap to
// store in columns and compare.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

using Days = int32_t;
constexpr Days kNoDate = INT32_MIN;

struct Ymd {
    int year, month, day;
};

Days daysFromYmd(int y, int m, int d);
Ymd ymdFromDays(Days z);
bool validYmd(int y, int m, int d);

// Accepts yyyy-mm-dd, dd-mm-yyyy and dd.mm.yyyy (also d-m-yyyy); nullopt if not a valid date.
std::optional<Days> parseDate(std::string_view s);

// Adds calendar months; a day that does not exist in the target month clamps to its last day.
Days addMonths(Days d, int months);

std::string formatIsoDate(Days d);      // 2024-10-31
std::string formatDanishDate(Days d);   // 31. oktober 2024
int quarterOf(Days d);                  // 1..4

}  // namespace core
