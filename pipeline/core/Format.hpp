#pragma once
// Danish number formatting, in one place: decimal comma, thousands dot, rounding half away
// from zero. Values are rounded only here, for display, from unrounded inputs.
#include <string>

namespace core {

// Round half away from zero at `decimals` places. A tiny tolerance absorbs binary
// representation error, so 0.285 * 100 = 28.499999… still rounds as the decimal 28.5 does.
double roundHalfAway(double v, int decimals);

// 1234.56 -> "1.234,6" (decimals = 1); -0.4 -> "0" (never "-0").
std::string formatNumber(double v, int decimals);

// A share in [0,1] shown as percent with `decimals`: 0.4117 -> "41". No "pct." suffix.
std::string formatPercent(double share, int decimals = 0);

// An integer count with a thousands dot: 200000 -> "200.000".
std::string formatCount(long long n);

// Signed change: +10, -3, 0 ("+" only for positive values after rounding).
std::string formatSigned(double v, int decimals);

}  // namespace core
