#include "charts/Axis.hpp"

#include <algorithm>
#include <cmath>

namespace charts {

double niceNumber(double x, bool round) {
    if (x <= 0) return 1;
    double e = std::floor(std::log10(x));
    double f = x / std::pow(10.0, e);
    double nf;
    if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nf * std::pow(10.0, e);
}

Ticks niceTicks(double lo, double hi, int target) {
    Ticks t;
    if (!(hi > lo)) hi = lo + 1;
    double range = niceNumber(hi - lo, false);
    t.step = niceNumber(range / std::max(1, target), true);
    t.min = std::floor(lo / t.step) * t.step;
    t.max = std::ceil(hi / t.step) * t.step;
    t.decimals = std::max(0, static_cast<int>(-std::floor(std::log10(t.step) + 1e-9)));
    for (double v = t.min; v <= t.max + t.step * 1e-9; v += t.step) t.values.push_back(std::abs(v) < t.step * 1e-9 ? 0 : v);
    return t;
}

}  // namespace charts
