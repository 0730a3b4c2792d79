#include "ingest/Values.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace ingest {

std::string_view trimSlow(std::string_view s) {
    size_t b = 0, e = s.size();
    for (;;) {
        if (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
        else if (e - b >= 2 && static_cast<unsigned char>(s[b]) == 0xC2 && static_cast<unsigned char>(s[b + 1]) == 0xA0) b += 2;
        else break;
    }
    for (;;) {
        if (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
        else if (e - b >= 2 && static_cast<unsigned char>(s[e - 2]) == 0xC2 && static_cast<unsigned char>(s[e - 1]) == 0xA0) e -= 2;
        else break;
    }
    return s.substr(b, e - b);
}

bool parseNumber(std::string_view s, bool comma, double& out) {
    // Fast path: a whole number of at most 15 digits is exact in a double.
    {
        size_t i = 0;
        bool neg = false;
        if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
            neg = s[0] == '-';
            i = 1;
        }
        if (i < s.size() && s.size() - i <= 15) {
            long long v = 0;
            size_t j = i;
            for (; j < s.size(); ++j) {
                unsigned d = static_cast<unsigned>(s[j] - '0');
                if (d > 9) break;
                v = v * 10 + d;
            }
            if (j == s.size()) {
                out = neg ? -static_cast<double>(v) : static_cast<double>(v);
                return true;
            }
        }
    }
    const char dec = comma ? ',' : '.';
    const char thou = comma ? '.' : ',';
    char clean[80];
    size_t n = 0;
    if (s.size() >= sizeof clean) return false;
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
        if (s[i] == '-') clean[n++] = '-';
        ++i;
    }
    const size_t intStart = i;
    int groupLen = -1;  // digits since the last thousands separator; -1 = none seen yet
    bool sawThou = false;
    size_t digits = 0;
    for (; i < s.size() && s[i] != dec; ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            clean[n++] = c;
            ++digits;
            if (groupLen >= 0) ++groupLen;
        } else if (c == thou) {
            if (i == intStart || (sawThou && groupLen != 3)) return false;
            if (!sawThou && i - intStart > 3) return false;
            sawThou = true;
            groupLen = 0;
        } else {
            return false;
        }
    }
    if (sawThou && groupLen != 3) return false;
    if (digits == 0) return false;
    if (i < s.size()) {
        clean[n++] = '.';
        ++i;
        if (i == s.size()) return false;
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            clean[n++] = s[i];
        }
    }
    auto [p, ec] = std::from_chars(clean, clean + n, out);
    return ec == std::errc() && p == clean + n;
}

bool parseNumber(std::string_view s, NumberStyle style, double& out) {
    if (style == NumberStyle::Either) {
        size_t c = s.rfind(','), p = s.rfind('.');
        bool comma = c != std::string_view::npos && (p == std::string_view::npos || c > p);
        return parseNumber(s, comma, out);
    }
    return parseNumber(s, style == NumberStyle::Comma, out);
}

std::string numberText(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, ec == std::errc() ? p : buf);
}

std::string danishDate(core::Days d) {
    core::Ymd v = core::ymdFromDays(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", v.day, v.month, v.year);
    return buf;
}

bool excelSerialToDays(double serial, bool date1904, core::Days& out) {
    if (!(serial >= (date1904 ? 0 : 1)) || serial > 2958465) return false;  // up to 31-12-9999
    double day = std::floor(serial);
    if (date1904) {
        out = static_cast<core::Days>(day) + core::daysFromYmd(1904, 1, 1);
        return true;
    }
    // Serial 60 is Excel's 29-02-1900; serials after it count one day too many.
    if (day == 60) return false;
    if (day > 60) day -= 1;
    out = static_cast<core::Days>(day) + core::daysFromYmd(1899, 12, 31);
    return true;
}

}  // namespace ingest
