#pragma once
// "Nice numbers" axis ticks (Heckbert, Graphics Gems 1990): steps of 1, 2 or 5 × 10^k.
#include <vector>

namespace charts {

struct Ticks {
    double min = 0, max = 1, step = 1;
    int decimals = 0;               // decimals needed to print the step
    std::vector<double> values;
};

// Ticks covering [lo, hi] with about `target` intervals. A fixed scale (e.g. 0–100) passes
// its ends as lo and hi and gets ticks that include both.
Ticks niceTicks(double lo, double hi, int target = 5);
double niceNumber(double x, bool round);

}  // namespace charts
