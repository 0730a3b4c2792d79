#include "core/Date.hpp"

#include <charconv>
#include <cstdio>

namespace core {

// Howard Hinnant's civil-from-days algorithms.
Days daysFromYmd(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153u * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2u) / 5u + static_cast<unsigned>(d) - 1u;
    const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return static_cast<Days>(era * 146097 + static_cast<int>(doe) - 719468);
}

Ymd ymdFromDays(Days z0) {
    int z = z0 + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

static int daysInMonth(int y, int m) {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return dm[m - 1];
}

bool validYmd(int y, int m, int d) {
    return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

static bool parseInt(std::string_view s, int& out) {
    if (s.empty() || s.size() > 4) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

std::optional<Days> parseDate(std::string_view s) {
    int y, m, d;
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        if (!parseInt(s.substr(0, 4), y) || !parseInt(s.substr(5, 2), m) || !parseInt(s.substr(8, 2), d))
            return std::nullopt;
    } else {
        char sep = 0;
        for (char c : s)
            if (c == '-' || c == '.' || c == '/') { sep = c; break; }
        if (sep == 0) return std::nullopt;
        size_t a = s.find(sep), b = s.find(sep, a + 1);
        if (b == std::string_view::npos || s.find(sep, b + 1) != std::string_view::npos) return std::nullopt;
        std::string_view ds = s.substr(0, a), ms = s.substr(a + 1, b - a - 1), ys = s.substr(b + 1);
        if (ds.empty() || ds.size() > 2 || ms.empty() || ms.size() > 2 || ys.size() != 4) return std::nullopt;
        if (!parseInt(ds, d) || !parseInt(ms, m) || !parseInt(ys, y)) return std::nullopt;
    }
    if (!validYmd(y, m, d)) return std::nullopt;
    return daysFromYmd(y, m, d);
}

Days addMonths(Days day, int months) {
    Ymd v = ymdFromDays(day);
    int total = v.year * 12 + (v.month - 1) + months;
    int y = total / 12, m = total % 12 + 1;
    int d = v.day;
    if (d > daysInMonth(y, m)) d = daysInMonth(y, m);
    return daysFromYmd(y, m, d);
}

std::string formatIsoDate(Days d) {
    Ymd v = ymdFromDays(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.year, v.month, v.day);
    return buf;
}

std::string formatDanishDate(Days d) {
    static const char* names[] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                  "juli",   "august",  "september", "oktober", "november", "december"};
    Ymd v = ymdFromDays(d);
    return std::to_string(v.day) + ". " + names[v.month - 1] + " " + std::to_string(v.year);
}

int quarterOf(Days d) { return (ymdFromDays(d).month - 1) / 3 + 1; }

}  // namespace core
