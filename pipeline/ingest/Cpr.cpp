#include "ingest/Cpr.hpp"

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
}  // namespace

bool containsCprLike(std::string_view s) {
    if (s.size() < 10) return false;
    for (size_t i = 0; i + 10 <= s.size(); ++i) {
        if (!digit(s[i]) || (i > 0 && digit(s[i - 1]))) continue;
        size_t j = i;
        while (j < s.size() && digit(s[j])) ++j;
        size_t run = j - i;
        if (run == 10) {
            if (validDatePart(s.substr(i, 6))) return true;
        } else if (run == 6 && j + 5 <= s.size() && (s[j] == '-' || s[j] == ' ')) {
            size_t k = j + 1;
            size_t m = k;
            while (m < s.size() && digit(s[m])) ++m;
            if (m - k == 4 && validDatePart(s.substr(i, 6))) return true;
        }
        i = j - 1;  // skip the rest of this digit run
    }
    return false;
}

}  // namespace ingest
