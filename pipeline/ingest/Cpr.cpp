#include "ingest/Cpr.hpp"

#include <cmath>

#include "core/Date.hpp"

namespace ingest {

namespace {
bool digit(char c) { return c >= '0' && c <= '9'; }

bool validDatePart(std::string_view s) {
    int d = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[2] - '0') * 10 + (s[3] - '0');
    int y = (s[4] - '0') * 10 + (s[5] - '0');
    // The century is not known from six digits; a date valid in either century counts.
    return core::validYmd(1900 + y, m, d) || core::validYmd(2000 + y, m, d);
}

// Finds the next CPR-like number at or after `from`; returns its [begin, end) or npos.
size_t findCpr(std::string_view s, size_t from, size_t& end) {
    for (size_t i = from; i + 10 <= s.size(); ++i) {
        if (!digit(s[i]) || (i > 0 && digit(s[i - 1]))) continue;
        size_t j = i;
        while (j < s.size() && digit(s[j])) ++j;
        size_t run = j - i;
        if (run == 10) {
            if (validDatePart(s.substr(i, 6))) {
                end = j;
                return i;
            }
        } else if (run == 6 && j + 5 <= s.size() && (s[j] == '-' || s[j] == ' ')) {
            size_t k = j + 1;
            size_t m = k;
            while (m < s.size() && digit(s[m])) ++m;
            if (m - k == 4 && validDatePart(s.substr(i, 6))) {
                end = m;
                return i;
            }
        }
        i = j - 1;  // skip the rest of this digit run
    }
    return std::string_view::npos;
}
}  // namespace

bool containsCprLike(std::string_view s) {
    if (s.size() < 10) return false;
    size_t end;
    return findCpr(s, 0, end) != std::string_view::npos;
}

bool cprLikeNumber(double v) {
    if (!(v >= 1e8 && v < 1e10) || v != std::floor(v)) return false;
    long long n = static_cast<long long>(v);
    char digits[11];
    for (int i = 9; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + n % 10);
        n /= 10;
    }
    digits[10] = 0;
    return containsCprLike(std::string_view(digits, 10));
}

std::string redactCpr(std::string_view s) {
    std::string out;
    size_t at = 0, end = 0;
    for (;;) {
        size_t b = s.size() >= 10 ? findCpr(s, at, end) : std::string_view::npos;
        if (b == std::string_view::npos) break;
        out.append(s.substr(at, b - at));
        out += "<CPR number>";
        at = end;
    }
    out.append(s.substr(at));
    return out;
}

}  // namespace ingest
