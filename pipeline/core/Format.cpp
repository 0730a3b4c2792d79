#include "core/Format.hpp"

#include <cmath>
#include <cstdio>

namespace core {

double roundHalfAway(double v, int decimals) {
    if (!std::isfinite(v)) return v;
    double scale = std::pow(10.0, decimals);
    double a = std::fabs(v) * scale;
    // Relative tolerance of ~1e-9 treats values a hair below .5 (from binary error) as .5.
    double r = std::floor(a + 0.5 + a * 1e-12 + 1e-9);
    r /= scale;
    return v < 0 ? -r : r;
}

static std::string groupThousands(const std::string& digits) {
    std::string out;
    int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        out += digits[static_cast<size_t>(i)];
        int left = n - 1 - i;
        if (left > 0 && left % 3 == 0) out += '.';
    }
    return out;
}

std::string formatNumber(double v, int decimals) {
    if (!std::isfinite(v)) return "-";
    if (decimals < 0) decimals = 0;
    double r = roundHalfAway(v, decimals);
    bool negative = r < 0;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(r));
    std::string s(buf);
    std::string intPart = s, frac;
    if (auto dot = s.find('.'); dot != std::string::npos) {
        intPart = s.substr(0, dot);
        frac = s.substr(dot + 1);
    }
    std::string out = groupThousands(intPart);
    if (!frac.empty()) out += "," + frac;
    bool allZero = out.find_first_not_of("0.,") == std::string::npos;
    if (negative && !allZero) out = "-" + out;
    return out;
}

std::string formatPercent(double share, int decimals) { return formatNumber(share * 100.0, decimals); }

std::string formatCount(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    return (n < 0 ? "-" : "") + groupThousands(digits);
}

std::string formatSigned(double v, int decimals) {
    std::string s = formatNumber(v, decimals);
    if (roundHalfAway(v, decimals) > 0) s = "+" + s;
    return s;
}

}  // namespace core
