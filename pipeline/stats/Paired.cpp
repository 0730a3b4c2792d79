#include "stats/Paired.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stats {

PairedResult pairedAnalysis(const std::vector<double>& first, const std::vector<double>& latest, double threshold) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    PairedResult r;
    r.n = first.size();
    if (r.n == 0) {
        r.meanFirst = r.meanLatest = r.meanChange = r.sdChange = r.meanGainImproved = r.meanLossWorsened = nan;
        return r;
    }
    // Scores are often fractions of 100 computed in binary; a change that is 10 in decimal
    // must not fall to 9.999999 and flip category.
    const double eps = 1e-9 * std::max(1.0, threshold);
    double sf = 0, sl = 0, gain = 0, loss = 0;
    for (size_t i = 0; i < r.n; ++i) {
        sf += first[i];
        sl += latest[i];
        double d = latest[i] - first[i];
        // threshold 0: classify any change by its sign (as Rambøll's Recovery Star figures do).
        bool up = threshold == 0 ? d > 1e-9 : d >= threshold - eps;
        bool down = threshold == 0 ? d < -1e-9 : d <= -threshold + eps;
        if (up) {
            ++r.improved;
            gain += d;
        } else if (down) {
            ++r.worsened;
            loss += d;
        } else {
            ++r.unchanged;
        }
    }
    const double n = static_cast<double>(r.n);
    r.meanFirst = sf / n;
    r.meanLatest = sl / n;
    r.meanChange = r.meanLatest - r.meanFirst;
    // Two-pass variance of the differences for accuracy.
    double ss = 0;
    for (size_t i = 0; i < r.n; ++i) {
        double e = (latest[i] - first[i]) - r.meanChange;
        ss += e * e;
    }
    r.sdChange = r.n >= 2 ? std::sqrt(ss / (n - 1)) : nan;
    r.meanGainImproved = r.improved ? gain / static_cast<double>(r.improved) : nan;
    r.meanLossWorsened = r.worsened ? loss / static_cast<double>(r.worsened) : nan;
    return r;
}

}  // namespace stats
